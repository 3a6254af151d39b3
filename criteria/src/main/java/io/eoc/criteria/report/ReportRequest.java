package io.eoc.criteria.report;

import io.eoc.criteria.Rule;
import io.eoc.criteria.Rulebook;
import io.eoc.metrics.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * What a report assesses: a rulebook at a star level, over an explicit window or (when empty) each
 * rule's own window ending at {@code evaluatedAt}, which is kept to the second so that a verifier
 * evaluates at the very same instant.
 */
public record ReportRequest(Rulebook rulebook, int level, Optional<Window> window, Instant evaluatedAt) {
  public ReportRequest {
    Objects.requireNonNull(rulebook, "rulebook");
    Objects.requireNonNull(window, "window");
    evaluatedAt = evaluatedAt.truncatedTo(ChronoUnit.SECONDS);
    if (level < 1 || level > 5) {
      throw new IllegalArgumentException("level must be 1-5, was " + level);
    }
  }

  /** The window the evidence is collected for: the explicit one, or the longest rule window ending at {@code evaluatedAt}. */
  public Window evidenceWindow() {
    return window.orElseGet(() -> Window.ending(evaluatedAt, rulebook.rulesFor(level).stream().map(Rule::window)
        .max(Comparator.naturalOrder()).orElse(Duration.ofDays(1))));
  }

  /** {@code explicit} or {@code per-rule}, as written in the report and the export's header. */
  public String windowMode() {
    return window.isPresent() ? "explicit" : "per-rule";
  }
}
