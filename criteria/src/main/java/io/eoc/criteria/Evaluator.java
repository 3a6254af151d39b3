package io.eoc.criteria;

import io.eoc.metrics.Evidence;
import io.eoc.metrics.Measurement;
import io.eoc.metrics.Window;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Evaluates a rulebook's rules against measured evidence. */
public final class Evaluator {
  private final Clock clock;

  public Evaluator(Clock clock) {
    this.clock = clock;
  }

  /**
   * Evaluates the rules required for {@code level}. Without an explicit window each rule uses
   * its own default window ending now.
   */
  public Assessment evaluate(Rulebook book, int level, Optional<Window> window, Evidence evidence) {
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    List<RuleResult> results = book.rulesFor(level).stream().map(rule -> {
      Window w = window.orElseGet(() -> Window.ending(now, rule.window()));
      Measurement m = rule.indicator().measure(w, evidence);
      return RuleResult.of(rule, m);
    }).toList();
    Window overall = window.orElseGet(() -> Window.ending(now,
        book.rulesFor(level).stream().map(Rule::window).max(java.util.Comparator.naturalOrder())
            .orElse(java.time.Duration.ofDays(1))));
    return new Assessment(book, level, overall, now, results);
  }
}
