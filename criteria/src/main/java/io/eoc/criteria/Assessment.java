package io.eoc.criteria;

import io.eoc.metrics.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A rulebook evaluated for a star level over a window, with what the evidence was (its
 * provenance, and whether it holds backfilled history or simulated devices).
 */
public record Assessment(Rulebook rulebook, int level, Window window, Instant evaluatedAt, List<RuleResult> results,
    String evidenceDescribe, boolean containsBackfill, boolean containsSimulated) {
  public Assessment {
    Objects.requireNonNull(rulebook, "rulebook");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    Objects.requireNonNull(evidenceDescribe, "evidenceDescribe");
    results = List.copyOf(results);
  }

  /** The results that decide the level: top-level rules that are not informational. */
  public List<RuleResult> gates() {
    return results.stream().filter(RuleResult::gate).toList();
  }

  /** The level is reached when every gate it requires passes (and there is at least one). */
  public boolean levelReached() {
    List<RuleResult> gates = gates();
    return !gates.isEmpty() && gates.stream().allMatch(RuleResult::passed);
  }

  /** In plain words, one line per failing gate, why the level is not reached; empty when it is. */
  public List<String> reasons() {
    List<String> reasons = new ArrayList<>();
    if (gates().isEmpty()) {
      reasons.add("the rulebook has no rule that decides " + level + "★");
    }
    for (RuleResult r : gates()) {
      if (!r.passed()) {
        reasons.add(reason(r));
      }
    }
    return reasons;
  }

  /** What a reader must know about the evidence before trusting the figures; empty when nothing. */
  public List<String> notices() {
    List<String> notices = new ArrayList<>();
    if (containsBackfill) {
      notices.add("this assessment includes backfilled data (history pushed by a backfill, not recorded live)");
    }
    if (containsSimulated) {
      notices.add("this assessment includes simulated data (devices that identify themselves as simulated)");
    }
    return notices;
  }

  private String reason(RuleResult r) {
    String required = r.condition() + " required for " + level + "★";
    if (r.rule().isGroup()) {
      List<String> missing = r.members().entrySet().stream().filter(e -> e.getValue() != Outcome.PASS)
          .map(e -> e.getKey() + (e.getValue() == Outcome.NO_EVIDENCE ? " (no evidence)" : "")).toList();
      long passing = r.members().size() - missing.size();
      return r.rule().label() + ": " + passing + " of " + r.members().size() + " pass, " + required
          + (missing.isEmpty() ? "" : " (missing: " + String.join(", ", missing) + ")");
    }
    String basis = r.measurement().declared() ? " (declared)" : "";
    return r.measurement().value()
        .map(v -> r.rule().label() + ": " + RuleResult.format(v) + " " + r.measurement().unit() + basis + ", " + required)
        .orElse(r.rule().label() + ": no evidence (" + r.measurement().explanation() + "), " + required);
  }
}
