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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads rulebooks from YAML. Another province's guideline is another file, not new code. Every
 * problem in a file is reported together, with its line.
 */
public final class RulebookLoader {
  /** Rulebooks shipped with eoc, by id. */
  public static final List<String> BUILT_IN = List.of("jiangsu-2023");

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

  private static Rulebook bind(ConfigReader reader) {
    ConfigNode root = reader.root().requireMapping();
    root.allowOnly("rulebook", "version", "title", "source", "rules");
    String id = root.string("rulebook");
    int version = root.integer("version", 1, 1_000_000);
    List<Rule> rules = root.list("rules", RulebookLoader::rule);
    Set<String> ids = new HashSet<>();
    List<ConfigNode> nodes = root.list("rules");
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i) != null && !ids.add(rules.get(i).id())) {
        nodes.get(i).get("id").problem("duplicate rule id '" + rules.get(i).id() + "'");
      }
    }
    if (rules.isEmpty()) {
      root.problem("a rulebook needs at least one rule under 'rules'");
    }
    String title = root.string("title");
    String source = root.string("source");
    reader.finish();
    return new Rulebook(id, version, title, source, rules);
  }

  private static Rule rule(ConfigNode r) {
    r.allowOnly("id", "title", "section", "level", "indicator", "params", "pass-if", "window");
    String id = r.string("id");
    ConfigNode passIf = r.get("pass-if").requireMapping();
    passIf.allowOnly("op", "threshold");
    Comparison op = passIf.choice("op", Comparison.bySymbol());
    double threshold = passIf.number("threshold", 0);
    if (!passIf.has("threshold")) {
      passIf.get("threshold").problem("missing value; expected a number");
    }
    Duration window = r.duration("window", Duration.ofDays(1), Duration.ofMinutes(1));
    Indicator indicator = indicator(r);
    if (op == null || indicator == null) {
      return null;
    }
    return new Rule(id, r.string("title"), r.string("section"), r.integer("level", 1, 5), indicator, op, threshold, window);
  }

  private static Indicator indicator(ConfigNode r) {
    String kind = r.string("indicator");
    Map<String, String> params = new LinkedHashMap<>();
    ConfigNode p = r.get("params");
    for (String key : p.keys()) {
      params.put(key, p.string(key));
    }
    try {
      return Indicators.create(kind, params);
    } catch (IllegalArgumentException e) {
      r.get("indicator").problem(e.getMessage());
      return null;
    }
  }
}
