package io.eoc.criteria;

import io.eoc.metrics.Measurement;
import java.util.Locale;
import java.util.Objects;

/** A rule evaluated over a window: the measurement with its provenance, and the outcome. */
public record RuleResult(Rule rule, Measurement measurement, Outcome outcome) {
  public RuleResult {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(measurement, "measurement");
    Objects.requireNonNull(outcome, "outcome");
  }

  static RuleResult of(Rule rule, Measurement m) {
    Outcome outcome = m.value()
        .map(v -> rule.comparison().holds(v, rule.threshold()) ? Outcome.PASS : Outcome.FAIL)
        .orElse(Outcome.NO_EVIDENCE);
    return new RuleResult(rule, m, outcome);
  }

  public boolean passed() {
    return outcome == Outcome.PASS;
  }

  static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
  }
}
