package io.eoc.metrics.evidence;

import java.time.Instant;
import java.util.Objects;

/**
 * Raw points of one device whose device timestamps fall in one hour {@code [hour, hour + 1h)}.
 * Derived points (edge analysis outputs, tags containing ':') are counted apart.
 *
 * @param backfillPoints how many of {@code goodPoints + badPoints} arrived in batches marked backfill
 */
public record DeviceHour(String deviceId, Instant hour, long goodPoints, long badPoints, long derivedPoints,
    long backfillPoints) {
  public DeviceHour {
    Objects.requireNonNull(deviceId, "deviceId");
    Hours.requireHour(hour);
    Hours.requireCounts(goodPoints, badPoints, derivedPoints, backfillPoints);
  }
}
