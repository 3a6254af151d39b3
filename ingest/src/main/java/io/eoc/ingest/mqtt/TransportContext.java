package io.eoc.ingest.mqtt;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every connection of one transport shares. */
record TransportContext(
    MqttTransportConfig config,
    UplinkHandler uplink,
    Authenticator authenticator,
    TransportCounters counters,
    SessionRegistry sessions,
    Clock clock,
    Optional<SslContext> tls,
    AuditLog auditLog,
    RateLimiter rateLimiter,
    DownlinkQueues downlinks) {

  private static final Logger log = LoggerFactory.getLogger(TransportContext.class);

  TransportContext {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(uplink, "uplink");
    Objects.requireNonNull(authenticator, "authenticator");
    Objects.requireNonNull(counters, "counters");
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(auditLog, "auditLog");
    Objects.requireNonNull(rateLimiter, "rateLimiter");
    Objects.requireNonNull(downlinks, "downlinks");
  }

  /** The shared state a transport starts with: fresh counters, sessions, buckets and queues. */
  static TransportContext create(MqttTransportConfig config, UplinkHandler uplink, Authenticator authenticator,
      Clock clock, Optional<SslContext> tls, AuditLog auditLog) {
    TransportCounters counters = new TransportCounters();
    return new TransportContext(config, uplink, authenticator, counters, new SessionRegistry(), clock, tls, auditLog,
        new RateLimiter(config.rateLimit()), new DownlinkQueues(config.downlinkQueueCapacity(), clock, counters));
  }

  /** Queues a downlink message with an expiry and offers it to the agent's connection at once. */
  CompletableFuture<Void> sendExpiring(String agentId, String topic, byte[] payload, Duration expiry) {
    CompletableFuture<Void> acked = downlinks.offer(agentId, topic, payload, expiry);
    deliverQueued(agentId);
    return acked;
  }

  /** Offers the agent's queued downlink messages to its current connection, if any, on its loop. */
  void deliverQueued(String agentId) {
    sessions.find(agentId).ifPresent(
        session -> session.runOnLoop(() -> session.deliverQueued(downlinks, clock.instant())));
  }

  /** Records an {@link AuditEvent} now; a failing {@link AuditLog} is logged, never propagated. */
  void audit(String kind, String agentId, Channel channel, String reason) {
    try {
      String remote = channel.remoteAddress() == null ? null : channel.remoteAddress().toString();
      auditLog.record(new AuditEvent(clock.instant(), kind, agentId, remote, reason));
    } catch (RuntimeException e) {
      log.warn("audit log failed to record {} for agent {}", kind, agentId == null ? AuditEvent.UNKNOWN : agentId, e);
    }
  }
}
