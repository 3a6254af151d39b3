package io.eoc.ingest.mqtt;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** Builds the shared context that {@link MqttTransport} would build, for EmbeddedChannel tests. */
final class TestContexts {

  static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

  private TestContexts() {}

  static TransportContext context(MqttTransportConfig config, UplinkHandler uplink, Authenticator authenticator) {
    return context(config, uplink, authenticator, event -> { });
  }

  /** Plain TCP: EmbeddedChannel tests have no TLS. */
  static TransportContext context(
      MqttTransportConfig config, UplinkHandler uplink, Authenticator authenticator, AuditLog audit) {
    return context(config, uplink, authenticator, audit, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** With a clock the test moves: rate limits and downlink expiry depend on it. */
  static TransportContext context(
      MqttTransportConfig config, UplinkHandler uplink, Authenticator authenticator, AuditLog audit, Clock clock) {
    return TransportContext.create(config, uplink, authenticator, clock, Optional.empty(), audit);
  }

  static TransportContext context(UplinkHandler uplink) {
    return context(MqttTransportConfig.defaults(), uplink, Authenticator.allowAll());
  }
}
