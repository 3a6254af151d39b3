package io.eoc.criteria;

import java.util.Objects;

/** What a measured value must satisfy at one star level, for example {@code >= 10}. */
public record Threshold(Comparison op, double value) {
  public Threshold {
    Objects.requireNonNull(op, "op");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("threshold must be finite, was " + value);
    }
  }

  public boolean holds(double measured) {
    return op.holds(measured, value);
  }

  /** For example {@code >= 1}. */
  @Override
  public String toString() {
    return op.symbol() + " " + RuleResult.format(value);
  }
}
