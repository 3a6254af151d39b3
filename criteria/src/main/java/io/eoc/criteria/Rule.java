package io.eoc.criteria;

import io.eoc.metrics.Indicator;
import java.time.Duration;
import java.util.Objects;

/**
 * One pass/fail rule of a rulebook: which indicator (built from the rule's parameters), the
 * comparison and threshold, the star level it belongs to, the default window, and the guideline
 * section it implements.
 */
public record Rule(String id, String title, String section, int level, Indicator indicator,
    Comparison comparison, double threshold, Duration window) {
  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(indicator, "indicator");
    Objects.requireNonNull(comparison, "comparison");
    Objects.requireNonNull(window, "window");
  }

  /** For example {@code >= 1}. */
  public String condition() {
    return comparison.symbol() + " " + RuleResult.format(threshold);
  }
}
