package io.eoc.criteria;

import io.eoc.metrics.Window;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A rulebook evaluated for a star level over a window. */
public record Assessment(Rulebook rulebook, int level, Window window, Instant evaluatedAt, List<RuleResult> results) {
  public Assessment {
    Objects.requireNonNull(rulebook, "rulebook");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    results = List.copyOf(results);
  }

  /** The level is reached when every rule it requires passes. */
  public boolean levelReached() {
    return !results.isEmpty() && results.stream().allMatch(RuleResult::passed);
  }
}
