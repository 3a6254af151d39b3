package io.eoc.metrics;

import java.util.Optional;

/**
 * The evidence sources available to indicators. A source that does not exist yet is empty, and
 * indicators that need it report "no evidence" instead of a number.
 */
public interface Evidence {
  Optional<TelemetryEvidence> telemetry();

  static Evidence of(TelemetryEvidence telemetry) {
    return () -> Optional.of(telemetry);
  }

  static Evidence none() {
    return Optional::empty;
  }
}
