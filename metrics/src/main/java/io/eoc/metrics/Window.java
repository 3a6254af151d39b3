package io.eoc.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open time window [from, to) over which an indicator is measured. */
public record Window(Instant from, Instant to) {
  public Window {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("window start " + from + " must be before its end " + to);
    }
  }

  /** The window of the given length ending at {@code end}. */
  public static Window ending(Instant end, Duration length) {
    return new Window(end.minus(length), end);
  }

  public Duration length() {
    return Duration.between(from, to);
  }

  @Override
  public String toString() {
    return "[" + from + ", " + to + ")";
  }
}
