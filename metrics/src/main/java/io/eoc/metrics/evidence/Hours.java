package io.eoc.metrics.evidence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** Checks shared by the evidence records. */
public final class Hours {
  private Hours() {}

  /** The start of the UTC hour containing {@code t}. */
  public static Instant floor(Instant t) {
    return t.truncatedTo(ChronoUnit.HOURS);
  }

  static void requireHour(Instant hour) {
    Objects.requireNonNull(hour, "hour");
    if (!hour.equals(floor(hour))) {
      throw new IllegalArgumentException("hour must start on a whole UTC hour, was " + hour);
    }
  }

  static void requireCounts(long... counts) {
    for (long c : counts) {
      if (c < 0) {
        throw new IllegalArgumentException("counts must be >= 0, was " + c);
      }
    }
  }
}
