package io.eoc.criteria;

import java.util.List;
import java.util.Objects;

/** A guideline turned into data: versioned, with its source document and its rules. */
public record Rulebook(String id, int version, String title, String source, List<Rule> rules) {
  public Rulebook {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(source, "source");
    rules = List.copyOf(rules);
  }

  /** The rules that a given star level requires (its own and those of lower levels). */
  public List<Rule> rulesFor(int level) {
    return rules.stream().filter(r -> r.level() <= level).toList();
  }
}
