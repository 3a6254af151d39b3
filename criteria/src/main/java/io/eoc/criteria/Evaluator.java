package io.eoc.criteria;

import io.eoc.metrics.EvidenceException;
import io.eoc.metrics.Measurement;
import io.eoc.metrics.Window;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.EvidenceSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Evaluates a rulebook's rules against measured evidence. */
public final class Evaluator {
  /** The method of a group rule: how many of its members pass. */
  public static final String COUNT_OF_METHOD = "count-of/v1";
  private final Clock clock;

  public Evaluator(Clock clock) {
    this.clock = clock;
  }

  /**
   * Evaluates the rules required for {@code level}. The evidence is collected once, for the given
   * window or else for the longest rule window ending now; each rule is measured over its own
   * window ending at the end of that one (clipped to it).
   */
  public Assessment evaluate(Rulebook book, int level, Optional<Window> window, EvidenceSource source) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Window overall = window.orElseGet(() -> Window.ending(now,
        book.rulesFor(level).stream().map(Rule::window).max(Comparator.naturalOrder()).orElse(Duration.ofDays(1))));
    EvidenceSet evidence;
    try {
      evidence = source.collect(overall);
    } catch (EvidenceException e) {
      evidence = EvidenceSet.none(overall, "evidence could not be read: " + e.getMessage());
    }
    return evaluate(book, level, window, evidence, now);
  }

  /**
   * Evaluates over evidence already collected (an evidence export being verified, for example).
   * Deterministic: the same evidence and {@code now} give the same assessment.
   */
  public Assessment evaluate(Rulebook book, int level, Optional<Window> window, EvidenceSet evidence, Instant now) {
    Window overall = window.orElseGet(() -> new Window(evidence.window().from().isBefore(now)
        ? evidence.window().from() : now.minus(Duration.ofDays(1)), now));
    Map<String, RuleResult> done = new HashMap<>();
    List<Rule> rules = book.rulesFor(level);
    rules.forEach(r -> result(book, r, level, overall, evidence, done));
    List<RuleResult> results = rules.stream().map(r -> done.get(r.id())).toList();
    return new Assessment(book, level, evidence.window(), now, results, evidence.describe(), evidence.containsBackfill(),
        evidence.containsSimulated());
  }

  private RuleResult result(Rulebook book, Rule rule, int level, Window overall, EvidenceSet evidence,
      Map<String, RuleResult> done) {
    RuleResult known = done.get(rule.id());
    if (known != null) {
      return known;
    }
    RuleResult r;
    if (rule.isGroup()) {
      Map<String, Outcome> members = new LinkedHashMap<>();
      List<RuleResult> memberResults = new ArrayList<>();
      for (String id : rule.members()) {
        RuleResult m = result(book, book.rule(id).orElseThrow(), level, overall, evidence, done);
        members.put(id, m.outcome());
        memberResults.add(m);
      }
      r = RuleResult.of(book, rule, level, count(rule, overall, memberResults), members);
    } else {
      Measurement m = rule.indicator().orElseThrow().measure(windowOf(rule, overall), evidence);
      r = RuleResult.of(book, rule, level, m, Map.of());
    }
    done.put(rule.id(), r);
    return r;
  }

  /** The rule's own window ending at the assessment's end, never reaching before the evidence. */
  private static Window windowOf(Rule rule, Window overall) {
    Instant from = overall.to().minus(rule.window());
    return new Window(from.isBefore(overall.from()) ? overall.from() : from, overall.to());
  }

  private static Measurement count(Rule group, Window overall, List<RuleResult> members) {
    List<String> passing = new ArrayList<>();
    List<String> failing = new ArrayList<>();
    List<String> refs = new ArrayList<>();
    for (RuleResult m : members) {
      (m.passed() ? passing : failing).add(m.rule().id() + (m.passed() ? "" : " (" + words(m.outcome()) + ")"));
      refs.add(m.rule().id() + ": " + m.outcome() + " — " + m.measurement().value().map(RuleResult::format)
          .map(v -> "measured " + v + " " + m.measurement().unit()).orElse("no evidence"));
    }
    String explanation = passing.size() + " of " + members.size() + " pass"
        + (passing.isEmpty() ? "" : ": " + String.join(", ", passing))
        + (failing.isEmpty() ? "" : "; not passing: " + String.join(", ", failing));
    return Measurement.of("count-of." + group.id(), COUNT_OF_METHOD, overall, passing.size(), "of " + members.size(),
        explanation, refs);
  }

  static String words(Outcome o) {
    return o == Outcome.NO_EVIDENCE ? "no evidence" : o == Outcome.FAIL ? "fail" : "pass";
  }
}
