package io.eoc.criteria;

import java.util.stream.Collectors;

/** Renders an assessment as plain text for the terminal. */
public final class AssessmentText {
  private static final String NL = System.lineSeparator();

  private AssessmentText() {}

  public static String render(Assessment a) {
    StringBuilder sb = new StringBuilder(String.format("assessment: %s v%d (%s), level %d★, window %s%n",
        a.rulebook().id(), a.rulebook().version(), a.rulebook().title(), a.level(), a.window()));
    sb.append("evidence: ").append(a.evidenceDescribe()).append(NL);
    a.notices().forEach(n -> sb.append("NOTE: ").append(n).append(NL));
    a.results().forEach(r -> sb.append(line(r)));
    if (a.levelReached()) {
      sb.append("result: every rule required for ").append(a.level()).append("★ passes").append(NL);
    } else {
      sb.append("result: ").append(a.level()).append("★ not reached: ")
          .append(a.gates().stream().filter(r -> !r.passed()).map(r -> r.rule().id() + " " + r.outcome())
              .collect(Collectors.joining(", "))).append(NL);
      a.reasons().forEach(r -> sb.append("  - ").append(r).append(NL));
    }
    return sb.toString();
  }

  private static String line(RuleResult r) {
    String basis = r.measurement().declared() ? " DECLARED (not measured)" : "";
    String measured = r.measurement().value().map(v -> RuleResult.format(v) + " " + r.measurement().unit())
        .orElse("no evidence");
    String role = r.countsToward().map(g -> ", counts toward " + g).orElse(r.gate() ? "" : ", informational");
    StringBuilder sb = new StringBuilder(String.format("  [%s] %s — %s%n      measured %s%s (required %s%s), method %s, window %s%n      %s%n",
        r.outcome(), r.rule().id(), r.rule().title(), measured, basis, r.condition(), role, r.measurement().methodId(),
        r.measurement().window(), r.measurement().explanation()));
    r.measurement().evidence().forEach(e -> sb.append("      · ").append(e).append(NL));
    sb.append("      source: ").append(r.rule().section()).append(NL);
    return sb.toString();
  }
}
