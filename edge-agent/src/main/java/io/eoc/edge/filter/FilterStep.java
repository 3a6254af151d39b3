package io.eoc.edge.filter;

import io.eoc.wire.Point;
import java.util.Objects;

/** One step of a series' chain. Stateful and owned by one series; only sees good-valued points. */
interface FilterStep {

  Verdict test(Point point);

  /** The series had a bad-quality gap: forget what no longer describes the signal. */
  default void reset() {}

  /**
   * What a step decided: keep {@code point} (possibly changed), or drop it ({@code point} null);
   * {@code reason} is counted when present.
   */
  record Verdict(Point point, FilterReason reason) {
    public Verdict {
      if (point == null) {
        Objects.requireNonNull(reason, "a dropped point needs a reason");
      }
    }

    static Verdict pass(Point point) {
      return new Verdict(Objects.requireNonNull(point), null);
    }

    static Verdict drop(FilterReason reason) {
      return new Verdict(null, reason);
    }

    static Verdict flag(Point point, FilterReason reason) {
      return new Verdict(Objects.requireNonNull(point), Objects.requireNonNull(reason));
    }

    boolean dropped() {
      return point == null;
    }
  }
}
