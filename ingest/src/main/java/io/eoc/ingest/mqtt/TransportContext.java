package io.eoc.ingest.mqtt;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
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
    AuditLog auditLog) {

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
