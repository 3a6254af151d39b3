package io.eoc.criteria;

import io.eoc.config.ConfigNode;
import io.eoc.config.ConfigReader;
import io.eoc.metrics.Indicator;
import io.eoc.metrics.Indicators;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Loads rulebooks from YAML. Another province's guideline is another file, not new code. Every
 * problem in a file is reported together, with its line and column.
 *
 * <p>A rule has an {@code indicator} (with {@code params}) or is a group, {@code count-of} a list
 * of other rule ids. {@code pass-if} is one threshold ({@code {op: ">=", threshold: 1}} with
 * {@code level}) or one per star level ({@code {3: {op: ">=", threshold: 30}, 4: {...}}}). Rules a
 * group counts need no level and do not gate the level; {@code gate: false} makes a rule
 * informational.
 */
public final class RulebookLoader {
  /** Rulebooks shipped with eoc, by id. */
  public static final List<String> BUILT_IN = List.of("jiangsu-2023", "jiangsu-2018");

  private static final String[] RULE_FIELDS = {"id", "title", "label", "section", "level", "indicator", "params",
      "count-of", "pass-if", "window", "gate"};

  private RulebookLoader() {}

  public static Rulebook load(Path file) {
    return bind(ConfigReader.open(file));
  }

  /** A built-in rulebook by id, for example {@code jiangsu-2023}. */
  public static Rulebook builtIn(String id) {
    String resource = "/rulebooks/" + id + ".yaml";
    try (InputStream in = RulebookLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no built-in rulebook '" + id + "'; built in: " + String.join(", ", BUILT_IN));
      }
      return bind(ConfigReader.parse("rulebook " + id, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A rule as read, before the cross-rule checks that decide its level. */
  private record Draft(ConfigNode node, String id, Optional<Indicator> indicator, List<String> members,
      List<ConfigNode> memberNodes, TreeMap<Integer, Threshold> passIf, boolean levelMissing) {}

  private static Rulebook bind(ConfigReader reader) {
    ConfigNode root = reader.root().requireMapping();
    root.allowOnly("rulebook", "version", "title", "source", "rules");
    String id = root.string("rulebook");
    int version = root.integer("version", 1, 1_000_000);
    List<ConfigNode> nodes = root.list("rules");
    List<Draft> drafts = nodes.stream().map(RulebookLoader::draft).toList();
    if (nodes.isEmpty()) {
      root.problem("a rulebook needs at least one rule under 'rules'");
    }
    Map<String, Draft> byId = new LinkedHashMap<>();
    for (Draft d : drafts) {
      if (byId.putIfAbsent(d.id(), d) != null) {
        d.node().get("id").problem("duplicate rule id '" + d.id() + "'");
      }
    }
    Map<String, String> groupOf = checkGroups(drafts, byId);
    for (Draft d : drafts) {
      if (d.levelMissing() && !groupOf.containsKey(d.id())) {
        d.node().get("level").problem("missing value; a rule needs a level (1 to 5), in 'level' or as the keys of "
            + "'pass-if', unless it counts toward a group");
      }
      if (groupOf.containsKey(d.id()) && d.node().has("gate")) {
        d.node().get("gate").problem("rule counts toward '" + groupOf.get(d.id())
            + "', so only that group decides the level; remove 'gate'");
      }
    }
    String title = root.string("title");
    String source = root.string("source");
    List<Rule> rules = new ArrayList<>();
    for (Draft d : drafts) {
      rules.add(reader.hasProblems() ? null : rule(d));
    }
    reader.finish();
    return new Rulebook(id, version, title, source, rules);
  }

  private static Draft draft(ConfigNode r) {
    r.allowOnly(RULE_FIELDS);
    String id = r.string("id");
    r.string("title");
    r.string("section");
    r.duration("window", Duration.ofDays(1), Duration.ofMinutes(1));
    r.bool("gate", true);
    r.optionalString("label");
    boolean group = r.has("count-of");
    Optional<Indicator> indicator = Optional.empty();
    List<String> members = new ArrayList<>();
    List<ConfigNode> memberNodes = r.list("count-of");
    if (group) {
      if (r.has("indicator") || r.has("params")) {
        r.get("count-of").problem("a rule is either an indicator or a group ('count-of'), not both");
      }
      if (memberNodes.isEmpty()) {
        r.get("count-of").problem("'count-of' needs a list of at least one rule id");
      }
      memberNodes.forEach(n -> members.add(n.asString()));
    } else {
      indicator = indicator(r);
    }
    boolean levelGiven = r.has("level");
    TreeMap<Integer, Threshold> passIf = passIf(r, levelGiven);
    return new Draft(r, id, indicator, members, memberNodes, passIf, !levelGiven && passIf.size() == 1
        && passIf.containsKey(0));
  }

  /** Single form: key = level (0 while unknown); per-level form: keys are the star levels. */
  private static TreeMap<Integer, Threshold> passIf(ConfigNode r, boolean levelGiven) {
    ConfigNode passIf = r.get("pass-if").requireMapping();
    TreeMap<Integer, Threshold> out = new TreeMap<>();
    if (!passIf.isMapping() || passIf.has("op") || passIf.has("threshold")) {
      Threshold t = threshold(passIf);
      int level = levelGiven ? r.integer("level", 1, 5) : 0;
      if (t != null) {
        out.put(level, t);
      }
      return out;
    }
    if (levelGiven) {
      r.get("level").problem("give either 'level' with one threshold, or one threshold per level as keys of 'pass-if'");
    }
    for (String key : passIf.keys()) {
      Integer level = key.matches("[1-5]") ? Integer.valueOf(key) : null;
      if (level == null) {
        passIf.get(key).problem("a key of 'pass-if' must be a star level 1 to 5 (or use op/threshold), found '" + key + "'");
        continue;
      }
      Threshold t = threshold(passIf.get(key).requireMapping());
      if (t != null) {
        out.put(level, t);
      }
    }
    if (passIf.keys().isEmpty()) {
      passIf.problem("expected op and threshold, or one {op, threshold} per star level");
    }
    return out;
  }

  private static Threshold threshold(ConfigNode node) {
    node.allowOnly("op", "threshold");
    Comparison op = node.choice("op", Comparison.bySymbol());
    if (!node.has("threshold")) {
      node.get("threshold").problem("missing value; expected a number");
      return null;
    }
    double value = node.number("threshold", 0);
    return op == null || !Double.isFinite(value) ? null : new Threshold(op, value);
  }

  /** Unknown members, a rule counted by two groups, and cycles of groups; returns member → group. */
  private static Map<String, String> checkGroups(List<Draft> drafts, Map<String, Draft> byId) {
    Map<String, String> groupOf = new HashMap<>();
    for (Draft g : drafts) {
      for (int i = 0; i < g.members().size(); i++) {
        String m = g.members().get(i);
        ConfigNode at = g.memberNodes().get(i);
        if (!byId.containsKey(m)) {
          at.problem("no rule with id '" + m + "' in this rulebook");
        } else if (m.equals(g.id())) {
          at.problem("a group cannot count itself");
        } else if (groupOf.putIfAbsent(m, g.id()) != null && !groupOf.get(m).equals(g.id())) {
          at.problem("rule '" + m + "' already counts toward '" + groupOf.get(m) + "'; a rule counts toward one group");
        } else if (g.members().indexOf(m) != i) {
          at.problem("rule '" + m + "' is listed twice");
        }
      }
    }
    for (Draft g : drafts) {
      List<String> path = new ArrayList<>();
      if (!g.members().isEmpty() && cycle(g.id(), g.id(), byId, path, new HashSet<>())) {
        g.node().get("count-of").problem("groups form a cycle: " + g.id() + " -> " + String.join(" -> ", path));
      }
    }
    return groupOf;
  }

  private static boolean cycle(String start, String at, Map<String, Draft> byId, List<String> path, Set<String> seen) {
    Draft d = byId.get(at);
    if (d == null || !seen.add(at)) {
      return false;
    }
    for (String m : d.members()) {
      if (m.equals(at)) {
        continue;
      }
      path.add(m);
      if (m.equals(start) || cycle(start, m, byId, path, seen)) {
        return true;
      }
      path.remove(path.size() - 1);
    }
    return false;
  }

  private static Rule rule(Draft d) {
    ConfigNode r = d.node();
    TreeMap<Integer, Threshold> passIf = new TreeMap<>(d.passIf());
    if (passIf.containsKey(0)) {
      passIf.put(1, passIf.remove(0));
    }
    return new Rule(d.id(), r.string("title"), r.string("label", d.id()), r.string("section"), d.indicator(), d.members(),
        passIf, r.duration("window", Duration.ofDays(1), Duration.ofMinutes(1)), r.bool("gate", true));
  }

  private static Optional<Indicator> indicator(ConfigNode r) {
    String kind = r.string("indicator");
    Map<String, String> params = new LinkedHashMap<>();
    ConfigNode p = r.get("params");
    for (String key : p.keys()) {
      params.put(key, p.string(key));
    }
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Indicators.create(kind, params));
    } catch (IllegalArgumentException e) {
      r.get("indicator").problem(e.getMessage());
      return Optional.empty();
    }
  }
}
