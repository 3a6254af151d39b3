package io.eoc.criteria;

import io.eoc.metrics.Indicator;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One pass/fail rule of a rulebook: either an indicator (built from the rule's parameters) or a
 * group counting how many other rules pass ({@code count-of}); a threshold per star level (the
 * threshold of level L is the one of the highest level ≤ L); the default window; the guideline
 * section it implements; and whether it gates the level ({@code gate: false} is informational).
 *
 * @param label a short plain name for the star-level summary ("edge and device services")
 * @param members ids of the rules a group counts, empty for an indicator rule
 * @param passIf thresholds by star level; the lowest key is the lowest level the rule applies to
 */
public record Rule(String id, String title, String label, String section, Optional<Indicator> indicator,
    List<String> members, NavigableMap<Integer, Threshold> passIf, Duration window, boolean gate) {
  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(indicator, "indicator");
    Objects.requireNonNull(window, "window");
    members = List.copyOf(members);
    if (indicator.isPresent() == !members.isEmpty()) {
      throw new IllegalArgumentException("rule " + id + " needs either an indicator or members, not both or neither");
    }
    if (passIf.isEmpty()) {
      throw new IllegalArgumentException("rule " + id + " needs at least one threshold");
    }
    passIf = Collections.unmodifiableNavigableMap(new TreeMap<>(passIf));
  }

  /** An indicator rule with one threshold from {@code level} up, gating the level. */
  public static Rule of(String id, String title, String section, int level, Indicator indicator, Threshold threshold,
      Duration window) {
    return new Rule(id, title, id, section, Optional.of(indicator), List.of(), new TreeMap<>(Map.of(level, threshold)),
        window, true);
  }

  public boolean isGroup() {
    return !members.isEmpty();
  }

  /** The lowest star level the rule applies to. */
  public int level() {
    return passIf.firstKey();
  }

  public boolean appliesTo(int level) {
    return passIf.firstKey() <= level;
  }

  /** The threshold at {@code level}: that of the highest level ≤ it, or the lowest one (a group member below its own level). */
  public Threshold threshold(int level) {
    Map.Entry<Integer, Threshold> e = passIf.floorEntry(level);
    return e != null ? e.getValue() : passIf.firstEntry().getValue();
  }

  /** For example {@code >= 1}. */
  public String condition(int level) {
    return threshold(level).toString();
  }
}
