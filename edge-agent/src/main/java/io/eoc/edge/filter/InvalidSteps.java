package io.eoc.edge.filter;

import io.eoc.edge.filter.FilterConfig.Range;
import io.eoc.wire.Point;

/** Invalid data (jiangsu-2023 §三(二)2 "remove invalid data"): values that cannot be measurements. */
final class InvalidSteps {
  private InvalidSteps() {}

  /** A good-quality NaN or infinity is a decoding or device fault, never a reading. */
  static final class NotANumber implements FilterStep {
    @Override
    public Verdict test(Point p) {
      return Double.isFinite(p.value()) ? Verdict.pass(p) : Verdict.drop(FilterReason.NAN);
    }
  }

  /** Outside the instrument's physical range: the sensor or the scaling is wrong. */
  static final class OutOfRange implements FilterStep {
    private final Range range;

    OutOfRange(Range range) {
      this.range = range;
    }

    @Override
    public Verdict test(Point p) {
      return range.contains(p.value()) ? Verdict.pass(p) : Verdict.drop(FilterReason.OUT_OF_RANGE);
    }
  }
}
