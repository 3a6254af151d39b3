package io.eoc.metrics;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the stored telemetry shows about one device in a window: its declared category, whether
 * it is simulated, and how many good-quality points it delivered, first and last.
 */
public record DeviceActivity(String deviceId, String category, boolean simulated, long goodPoints,
    long badPoints, Optional<Instant> firstGood, Optional<Instant> lastGood) {
  public DeviceActivity {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(firstGood, "firstGood");
    Objects.requireNonNull(lastGood, "lastGood");
  }
}
