package io.eoc.ingest;

import io.eoc.criteria.Assessment;
import io.eoc.criteria.Evaluator;
import io.eoc.criteria.RulebookLoader;
import io.eoc.metrics.evidence.EvidenceSource;
import io.eoc.metrics.Window;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Runs a rulebook over the stored evidence; shared by the API and {@code eoc assess --db-url}. */
public final class Assessments {
  private Assessments() {}

  public static Assessment run(EvidenceSource evidence, String rulebook, int level, Optional<Window> window, Clock clock) {
    if (level < 1 || level > 5) {
      throw new IllegalArgumentException("level must be 1-5, was " + level);
    }
    return new Evaluator(clock).evaluate(RulebookLoader.builtIn(rulebook), level, window, evidence);
  }

  /** A window from optional ISO-8601 bounds; {@code to} defaults to now. */
  public static Optional<Window> window(Optional<String> from, Optional<String> to, Clock clock) {
    if (from.isEmpty() && to.isEmpty()) {
      return Optional.empty();
    }
    if (from.isEmpty()) {
      throw new IllegalArgumentException("'to' given without 'from': give both, or 'from' alone (to = now)");
    }
    Instant end = to.map(t -> instant(t, "to")).orElse(clock.instant());
    return Optional.of(new Window(instant(from.get(), "from"), end));
  }

  private static Instant instant(String text, String what) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + what + "' must be an ISO-8601 instant like 2026-11-01T00:00:00Z, was '" + text + "'");
    }
  }
}
