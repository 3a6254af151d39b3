package io.eoc.ingest.mqtt;

import java.util.Map;

/**
 * An immutable snapshot of the transport's counters; all counts since start.
 *
 * @param connectionsAccepted CONNECTs answered with a successful CONNACK
 * @param connectionsRefused CONNECTs answered with a failure CONNACK (bad credentials, a client id
 *     or user name that is not the certificate's agent, not
 *     authorized, unsupported protocol version...)
 * @param currentConnections TCP connections open now, connected or not yet
 * @param takeovers connections closed because the same agent connected again (session takeover)
 * @param keepAliveTimeouts connections closed for silence: no CONNECT within the connect timeout,
 *     or nothing for 1.5 × keep-alive
 * @param acksSent successful PUBACKs, each meaning the message was durable downstream
 * @param handlerFailures {@link UplinkHandler} stages that failed (or threw); for QoS 1 each closed
 *     its connection without PUBACK
 * @param aclDenials PUBLISH or SUBSCRIBE outside the agent's own topics
 * @param malformed rejected packets by kind; each dropped its connection; every kind present
 * @param tlsFailures TLS connections dropped before MQTT, by kind (failed handshake, or a
 *     certificate that names no agent); every kind present, all zero without TLS
 * @param agents per agent id, PUBLISH packets and payload bytes received (after the ACL and the
 *     rate limit)
 * @param rateLimited per agent id, PUBLISH packets refused for the agent's {@link AgentRateLimit}
 *     (QoS 1: PUBACK 0x97 Quota exceeded; QoS 0: dropped); agents never refused are absent
 * @param rateLimitDisconnects connections closed because their agent stayed over its rate limit
 *     (DISCONNECT 0x96 Message rate too high)
 * @param downlinkDropped downlink messages with an expiry dropped undelivered, by reason; every
 *     reason present
 */
public record TransportStats(
    long connectionsAccepted,
    long connectionsRefused,
    long currentConnections,
    long takeovers,
    long keepAliveTimeouts,
    long acksSent,
    long handlerFailures,
    long aclDenials,
    Map<MalformedKind, Long> malformed,
    Map<TlsFailureKind, Long> tlsFailures,
    Map<String, AgentTraffic> agents,
    Map<String, Long> rateLimited,
    long rateLimitDisconnects,
    Map<DownlinkDrop, Long> downlinkDropped) {

  public TransportStats {
    malformed = Map.copyOf(malformed);
    tlsFailures = Map.copyOf(tlsFailures);
    agents = Map.copyOf(agents);
    rateLimited = Map.copyOf(rateLimited);
    downlinkDropped = Map.copyOf(downlinkDropped);
  }

  /** What one agent sent. */
  public record AgentTraffic(long messages, long bytes) {
    public static final AgentTraffic NONE = new AgentTraffic(0, 0);
  }

  public long malformed(MalformedKind kind) {
    return malformed.getOrDefault(kind, 0L);
  }

  public long malformedTotal() {
    return malformed.values().stream().mapToLong(Long::longValue).sum();
  }

  public long tlsFailures(TlsFailureKind kind) {
    return tlsFailures.getOrDefault(kind, 0L);
  }

  public long tlsFailuresTotal() {
    return tlsFailures.values().stream().mapToLong(Long::longValue).sum();
  }

  public AgentTraffic agent(String agentId) {
    return agents.getOrDefault(agentId, AgentTraffic.NONE);
  }

  /** PUBLISH packets of {@code agentId} refused for its rate. */
  public long rateLimited(String agentId) {
    return rateLimited.getOrDefault(agentId, 0L);
  }

  public long rateLimitedTotal() {
    return rateLimited.values().stream().mapToLong(Long::longValue).sum();
  }

  public long downlinkDropped(DownlinkDrop reason) {
    return downlinkDropped.getOrDefault(reason, 0L);
  }

  public long messagesReceived() {
    return agents.values().stream().mapToLong(AgentTraffic::messages).sum();
  }

  public long bytesReceived() {
    return agents.values().stream().mapToLong(AgentTraffic::bytes).sum();
  }
}
