package io.eoc.criteria;

import io.eoc.metrics.Measurement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule evaluated at a star level over a window: the measurement with its provenance, the
 * threshold that applied, the outcome, whether it gates the level or counts toward a group, and for
 * a group the outcome of each member in book order.
 */
public record RuleResult(Rule rule, Threshold threshold, Measurement measurement, Outcome outcome, boolean gate,
    Optional<String> countsToward, Map<String, Outcome> members) {
  public RuleResult {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(measurement, "measurement");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(countsToward, "countsToward");
    members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
  }

  static RuleResult of(Rulebook book, Rule rule, int level, Measurement m, Map<String, Outcome> members) {
    Threshold t = rule.threshold(level);
    Outcome outcome = m.value().map(v -> t.holds(v) ? Outcome.PASS : Outcome.FAIL).orElse(Outcome.NO_EVIDENCE);
    return new RuleResult(rule, t, m, outcome, book.gates(rule), book.countsToward(rule.id()), members);
  }

  public boolean passed() {
    return outcome == Outcome.PASS;
  }

  /** For example {@code >= 1}. */
  public String condition() {
    return threshold.toString();
  }

  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    // 4 significant digits, without trailing zeros: 29.9, 4.99, 0.01235
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
