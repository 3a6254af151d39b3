package io.eoc.ingest.mqtt;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link TransportStats}; cheap to bump from any event loop. */
final class TransportCounters {

  final LongAdder connectionsAccepted = new LongAdder();
  final LongAdder connectionsRefused = new LongAdder();
  final LongAdder currentConnections = new LongAdder();
  final LongAdder takeovers = new LongAdder();
  final LongAdder keepAliveTimeouts = new LongAdder();
  final LongAdder acksSent = new LongAdder();
  final LongAdder handlerFailures = new LongAdder();
  final LongAdder aclDenials = new LongAdder();
  final LongAdder rateLimitDisconnects = new LongAdder();
  /** Filled once here and never structurally changed, so unsynchronized reads are safe. */
  private final Map<MalformedKind, LongAdder> malformed = new EnumMap<>(MalformedKind.class);
  private final Map<TlsFailureKind, LongAdder> tlsFailures = new EnumMap<>(TlsFailureKind.class);
  private final Map<DownlinkDrop, LongAdder> downlinkDropped = new EnumMap<>(DownlinkDrop.class);
  private final Map<String, Traffic> agents = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> rateLimited = new ConcurrentHashMap<>();

  TransportCounters() {
    for (MalformedKind kind : MalformedKind.values()) {
      malformed.put(kind, new LongAdder());
    }
    for (TlsFailureKind kind : TlsFailureKind.values()) {
      tlsFailures.put(kind, new LongAdder());
    }
    for (DownlinkDrop reason : DownlinkDrop.values()) {
      downlinkDropped.put(reason, new LongAdder());
    }
  }

  /** A PUBLISH of {@code agentId} refused for its rate. */
  void rateLimited(String agentId) {
    rateLimited.computeIfAbsent(agentId, id -> new LongAdder()).increment();
  }

  void downlinkDropped(DownlinkDrop reason) {
    downlinkDropped.get(reason).increment();
  }

  void tlsFailure(TlsFailureKind kind) {
    tlsFailures.get(kind).increment();
  }

  void malformed(MalformedKind kind) {
    malformed.get(kind).increment();
  }

  void received(String agentId, int payloadBytes) {
    Traffic traffic = agents.computeIfAbsent(agentId, id -> new Traffic());
    traffic.messages.increment();
    traffic.bytes.add(payloadBytes);
  }

  TransportStats snapshot() {
    Map<MalformedKind, Long> malformedNow = new EnumMap<>(MalformedKind.class);
    malformed.forEach((kind, count) -> malformedNow.put(kind, count.sum()));
    Map<TlsFailureKind, Long> tlsFailuresNow = new EnumMap<>(TlsFailureKind.class);
    tlsFailures.forEach((kind, count) -> tlsFailuresNow.put(kind, count.sum()));
    Map<String, TransportStats.AgentTraffic> agentsNow = new HashMap<>();
    agents.forEach((id, t) -> agentsNow.put(id,
        new TransportStats.AgentTraffic(t.messages.sum(), t.bytes.sum())));
    Map<String, Long> rateLimitedNow = new HashMap<>();
    rateLimited.forEach((id, count) -> rateLimitedNow.put(id, count.sum()));
    Map<DownlinkDrop, Long> droppedNow = new EnumMap<>(DownlinkDrop.class);
    downlinkDropped.forEach((reason, count) -> droppedNow.put(reason, count.sum()));
    return new TransportStats(
        connectionsAccepted.sum(), connectionsRefused.sum(), currentConnections.sum(),
        takeovers.sum(), keepAliveTimeouts.sum(), acksSent.sum(), handlerFailures.sum(),
        aclDenials.sum(), malformedNow, tlsFailuresNow, agentsNow, rateLimitedNow, rateLimitDisconnects.sum(),
        droppedNow);
  }

  private static final class Traffic {
    final LongAdder messages = new LongAdder();
    final LongAdder bytes = new LongAdder();
  }
}
