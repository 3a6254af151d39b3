package io.eoc.criteria;

import java.util.stream.Collectors;

/** Renders an assessment as plain text for the terminal. */
public final class AssessmentText {
  private AssessmentText() {}

  public static String render(Assessment a) {
    String header = String.format("assessment: %s v%d (%s), level %d★, window %s%n", a.rulebook().id(),
        a.rulebook().version(), a.rulebook().title(), a.level(), a.window());
    String rules = a.results().stream().map(AssessmentText::line).collect(Collectors.joining());
    String verdict = a.levelReached()
        ? "result: every rule required for " + a.level() + "★ passes"
        : "result: " + a.level() + "★ not reached: " + a.results().stream().filter(r -> !r.passed())
            .map(r -> r.rule().id() + " " + r.outcome()).collect(Collectors.joining(", "));
    return header + rules + verdict + System.lineSeparator();
  }

  private static String line(RuleResult r) {
    String measured = r.measurement().value().map(v -> RuleResult.format(v) + " " + r.measurement().unit())
        .orElse("no evidence");
    StringBuilder sb = new StringBuilder(String.format("  [%s] %s — %s%n      measured %s (required %s), method %s, window %s%n      %s%n",
        r.outcome(), r.rule().id(), r.rule().title(), measured, r.rule().condition(), r.measurement().methodId(),
        r.measurement().window(), r.measurement().explanation()));
    r.measurement().evidence().forEach(e -> sb.append("      · ").append(e).append(System.lineSeparator()));
    sb.append("      source: ").append(r.rule().section()).append(System.lineSeparator());
    return sb.toString();
  }
}
