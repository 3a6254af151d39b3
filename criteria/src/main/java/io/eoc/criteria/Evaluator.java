package io.eoc.criteria;

import io.eoc.metrics.EvidenceException;
import io.eoc.metrics.Measurement;
import io.eoc.metrics.Window;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.EvidenceSource;
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
   * Evaluates the rules required for {@code level}. The evidence is collected once for the
   * window; without an explicit window it is the longest rule window ending now, and each rule
   * uses its own default window ending now.
   */
  public Assessment evaluate(Rulebook book, int level, Optional<Window> window, EvidenceSource source) {
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Window overall = window.orElseGet(() -> Window.ending(now,
        book.rulesFor(level).stream().map(Rule::window).max(java.util.Comparator.naturalOrder())
            .orElse(java.time.Duration.ofDays(1))));
    EvidenceSet evidence;
    try {
      evidence = source.collect(overall);
    } catch (EvidenceException e) {
      evidence = EvidenceSet.none(overall, "evidence could not be read: " + e.getMessage());
    }
    return evaluate(book, level, window, evidence, now);
  }

  /** Evaluates over evidence already collected (an evidence export being verified, for example). */
  public Assessment evaluate(Rulebook book, int level, Optional<Window> window, EvidenceSet evidence, Instant now) {
    List<RuleResult> results = book.rulesFor(level).stream().map(rule -> {
      Window w = window.orElseGet(() -> Window.ending(now, rule.window()));
      Measurement m = rule.indicator().measure(w, evidence);
      return RuleResult.of(rule, m);
    }).toList();
    return new Assessment(book, level, evidence.window(), now, results);
  }
}
