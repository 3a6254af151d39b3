package io.eoc.wire;

import java.util.List;
import java.util.Objects;

/**
 * What the agent tells the cloud about one device: identity, category (which the equipment-access
 * indicator counts), the protocol it is read over, whether it is simulated, its tags, and how many
 * raw points per hour its poll plan promises (the denominator of data completeness).
 *
 * @param expectedPointsPerHour tags polled × 3600 / poll interval in seconds; 0 when the agent does
 *     not set the rate (a device that pushes, an OPC UA subscription) or the plan is unknown (a
 *     catalogue from an older agent)
 */
public record DeviceInfo(String id, String name, EquipmentCategory category, String kind,
    String protocol, boolean simulated, List<TagInfo> tags, double expectedPointsPerHour) {

  public DeviceInfo {
    Names.requireName(id, "device id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(protocol, "protocol");
    tags = List.copyOf(tags);
    if (!(expectedPointsPerHour >= 0) || Double.isInfinite(expectedPointsPerHour)) {
      throw new IllegalArgumentException("expectedPointsPerHour must be finite and >= 0, was " + expectedPointsPerHour);
    }
  }

  /** A device whose poll plan is unknown (expected points per hour 0). */
  public DeviceInfo(String id, String name, EquipmentCategory category, String kind, String protocol,
      boolean simulated, List<TagInfo> tags) {
    this(id, name, category, kind, protocol, simulated, tags, 0);
  }

  /** The raw points per hour of {@code tags} tags each read once every {@code pollMillis} ms. */
  public static double pointsPerHour(int tags, long pollMillis) {
    if (tags < 0 || pollMillis <= 0) {
      throw new IllegalArgumentException("need tags >= 0 and a positive poll interval, was " + tags + ", " + pollMillis + " ms");
    }
    return tags * 3_600_000.0 / pollMillis;
  }

  public DeviceInfo withExpectedPointsPerHour(double perHour) {
    return new DeviceInfo(id, name, category, kind, protocol, simulated, tags, perHour);
  }

  /** One tag of a device and its engineering unit ("" when dimensionless). */
  public record TagInfo(String tag, String unit) {
    public TagInfo {
      Names.requireName(tag, "tag");
      Objects.requireNonNull(unit, "unit");
    }
  }
}
