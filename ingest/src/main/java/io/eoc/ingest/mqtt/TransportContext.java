package io.eoc.ingest.mqtt;

import java.time.Clock;
import java.util.Objects;

/** What every connection of one transport shares. */
record TransportContext(
    MqttTransportConfig config,
    UplinkHandler uplink,
    Authenticator authenticator,
    TransportCounters counters,
    SessionRegistry sessions,
    Clock clock) {

  TransportContext {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(uplink, "uplink");
    Objects.requireNonNull(authenticator, "authenticator");
    Objects.requireNonNull(counters, "counters");
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(clock, "clock");
  }
}
