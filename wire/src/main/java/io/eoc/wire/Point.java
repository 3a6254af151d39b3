package io.eoc.wire;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One reading: which device and tag, when (microsecond precision, as stored), the value in
 * engineering units, and its quality. A bad-quality point carries NaN as its value.
 */
public record Point(String device, String tag, Instant timestamp, double value, Quality quality) {

  public Point {
    Names.requireName(device, "device");
    Names.requireName(tag, "tag");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(quality, "quality");
    timestamp = timestamp.truncatedTo(ChronoUnit.MICROS);
  }

  public static Point good(String device, String tag, Instant timestamp, double value) {
    return new Point(device, tag, timestamp, value, Quality.GOOD);
  }

  public static Point bad(String device, String tag, Instant timestamp, Quality quality) {
    return new Point(device, tag, timestamp, Double.NaN, quality);
  }

  /** Series identity within an agent. */
  public String seriesKey() {
    return device + '/' + tag;
  }
}
