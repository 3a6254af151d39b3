package io.eoc.criteria;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A guideline turned into data: versioned, with its source document and its rules. Rules that a
 * group counts ({@code count-of}) are reported but only the group decides the level.
 */
public record Rulebook(String id, int version, String title, String source, List<Rule> rules) {
  public Rulebook {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(source, "source");
    rules = List.copyOf(rules);
  }

  public Optional<Rule> rule(String ruleId) {
    return rules.stream().filter(r -> r.id().equals(ruleId)).findFirst();
  }

  /** The group a rule counts toward, if any. */
  public Optional<String> countsToward(String ruleId) {
    return rules.stream().filter(g -> g.members().contains(ruleId)).map(Rule::id).findFirst();
  }

  /** True when the rule decides the level: not informational and not counted by a group. */
  public boolean gates(Rule rule) {
    return rule.gate() && countsToward(rule.id()).isEmpty();
  }

  /**
   * The rules evaluated for a star level, in book order: the top-level rules that apply to it (its
   * own and those of lower levels) and every rule their groups count.
   */
  public List<Rule> rulesFor(int level) {
    Set<String> wanted = new LinkedHashSet<>();
    for (Rule r : rules) {
      if (countsToward(r.id()).isEmpty() && r.appliesTo(level)) {
        include(r, wanted);
      }
    }
    return rules.stream().filter(r -> wanted.contains(r.id())).toList();
  }

  private void include(Rule r, Set<String> wanted) {
    if (wanted.add(r.id())) {
      r.members().forEach(m -> rule(m).ifPresent(member -> include(member, wanted)));
    }
  }
}
