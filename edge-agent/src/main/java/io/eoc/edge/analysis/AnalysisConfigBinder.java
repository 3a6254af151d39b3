package io.eoc.edge.analysis;

import io.eoc.config.ConfigNode;
import io.eoc.edge.analysis.AnalysisConfig.Aggregates;
import io.eoc.edge.analysis.AnalysisConfig.CapacityFactor;
import io.eoc.edge.analysis.AnalysisConfig.Energy;
import io.eoc.edge.analysis.AnalysisConfig.Running;
import io.eoc.edge.analysis.AnalysisConfig.Specific;
import io.eoc.wire.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Binds the optional {@code analysis:} mapping of a device. Every problem is recorded with the
 * {@link ConfigNode} (file, line, what is allowed) and binding goes on, so the caller's
 * {@code ConfigReader.finish()} reports all of them together.
 */
public final class AnalysisConfigBinder {
  private static final Map<String, Double> POWER_UNITS = powerUnits();
  /** The longest statistic name, to check that derived tag names stay valid. */
  private static final String LONGEST_STAT = "count";

  private final ConfigNode node;
  private final Optional<Set<String>> deviceTags;
  private String label = AnalysisConfig.DEFAULT_WINDOW.toSeconds() + "s";

  private AnalysisConfigBinder(ConfigNode node, Optional<Set<String>> deviceTags) {
    this.node = node;
    this.deviceTags = deviceTags;
  }

  /** The device's analysis, or {@link AnalysisConfig#NONE} without {@code analysis:}. */
  public static AnalysisConfig bind(ConfigNode device) {
    return bind(device, Optional.empty());
  }

  /** As {@link #bind(ConfigNode)}, and reports every referenced tag that is not one of {@code deviceTags}. */
  public static AnalysisConfig bind(ConfigNode device, Collection<String> deviceTags) {
    return bind(device, Optional.of(Set.copyOf(deviceTags)));
  }

  private static AnalysisConfig bind(ConfigNode device, Optional<Set<String>> tags) {
    if (!device.has("analysis")) {
      return AnalysisConfig.NONE;
    }
    ConfigNode a = device.get("analysis").requireMapping();
    a.allowOnly("window", "max-gap", "aggregates", "running", "energy", "specific", "capacity-factor", "alarms");
    return new AnalysisConfigBinder(a, tags).bind();
  }

  private AnalysisConfig bind() {
    Duration window = node.duration("window", AnalysisConfig.DEFAULT_WINDOW, Duration.ofSeconds(1));
    if (window.getNano() != 0) {
      node.get("window").problem("expected whole seconds (such as 10s, 1m, 1h), found " + window.toMillis() + "ms");
      window = AnalysisConfig.DEFAULT_WINDOW;
    }
    label = window.toSeconds() + "s";
    Duration maxGap = node.duration("max-gap", AnalysisConfig.DEFAULT_MAX_GAP, Duration.ofSeconds(1));
    return new AnalysisConfig(window, maxGap, aggregates(), section("running", this::running),
        section("energy", this::energy), specifics(), section("capacity-factor", this::capacityFactor), alarms());
  }

  private Aggregates aggregates() {
    List<ConfigNode> items = node.list("aggregates");
    List<String> tags = new ArrayList<>();
    boolean all = false;
    for (ConfigNode item : items) {
      if (item.asString().equals("all")) {
        all = true;
      } else {
        String tag = derivable(item, t -> t + ":" + LONGEST_STAT + ":" + label);
        if (Names.isValid(tag) && deviceTags.isPresent() && !deviceTags.get().contains(tag)) {
          item.problem(unknownTag(tag));
        }
        tags.add(tag);
      }
    }
    if (all && items.size() > 1) {
      node.get("aggregates").problem("'all' aggregates every tag: list either [all] or tags, not both");
    }
    return new Aggregates(all, all ? List.of() : tags.stream().filter(Names::isValid).toList());
  }

  private <T> Optional<T> section(String key, Function<ConfigNode, T> binder) {
    return node.has(key) ? Optional.ofNullable(binder.apply(node.get(key).requireMapping())) : Optional.empty();
  }

  private Running running(ConfigNode r) {
    r.allowOnly("tag", "above");
    String tag = tagRef(r, "tag");
    double above = r.has("above") ? number(r.get("above"), "a number", v -> true).orElse(0.5) : 0.5;
    return Names.isValid(tag) ? new Running(tag, above) : null;
  }

  private Energy energy(ConfigNode e) {
    e.allowOnly("power-tag", "unit");
    String tag = tagRef(e, "power-tag");
    Double toKw = e.choice("unit", POWER_UNITS, 1.0);
    return Names.isValid(tag) ? new Energy(tag, toKw == null ? 1.0 : toKw) : null;
  }

  private CapacityFactor capacityFactor(ConfigNode c) {
    c.allowOnly("power-tag", "rated");
    String tag = tagRef(c, "power-tag");
    OptionalDouble rated = number(c.get("rated"), "a rated power greater than 0, in the power tag's unit", v -> v > 0);
    return Names.isValid(tag) && rated.isPresent() ? new CapacityFactor(tag, rated.getAsDouble()) : null;
  }

  /** {@code specific:} is one mapping or a list of them. */
  private List<Specific> specifics() {
    if (!node.has("specific")) {
      return List.of();
    }
    List<ConfigNode> items = node.get("specific").isMapping() ? List.of(node.get("specific")) : node.list("specific");
    List<Specific> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode s : items) {
      s.requireMapping().allowOnly("name", "numerator", "denominator");
      String name = derivable(s.get("name"), n -> n + ":" + label);
      String numerator = tagRef(s, "numerator");
      String denominator = tagRef(s, "denominator");
      if (Names.isValid(name) && !names.add(name)) {
        s.get("name").problem("duplicate specific consumption name '" + name + "'");
      } else if (Names.isValid(name) && Names.isValid(numerator) && Names.isValid(denominator)) {
        out.add(new Specific(name, numerator, denominator));
      }
    }
    return out;
  }

  private List<AlarmRule> alarms() {
    List<AlarmRule> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode a : node.list("alarms")) {
      AlarmRule rule = new AlarmBinding(a).bind();
      if (rule != null && !names.add(rule.name())) {
        a.get("name").problem("duplicate alarm name '" + rule.name() + "'");
      } else if (rule != null) {
        out.add(rule);
      }
    }
    return out;
  }

  /** One alarm: exactly one of above/below, its matching clear threshold, and a delay. */
  private final class AlarmBinding {
    private final ConfigNode a;

    AlarmBinding(ConfigNode a) {
      this.a = a;
    }

    AlarmRule bind() {
      a.requireMapping().allowOnly("name", "tag", "above", "below", "for", "clear-below", "clear-above");
      String name = derivable(a.get("name"), AlarmRule::tag);
      String tag = tagRef(a, "tag");
      Duration delay = a.duration("for", Duration.ZERO, Duration.ZERO);
      if (a.has("above") == a.has("below")) {
        a.problem("set exactly one of above or below");
        return null;
      }
      AlarmRule.Direction direction = a.has("above") ? AlarmRule.Direction.ABOVE : AlarmRule.Direction.BELOW;
      String limitKey = direction == AlarmRule.Direction.ABOVE ? "above" : "below";
      String clearKey = direction == AlarmRule.Direction.ABOVE ? "clear-below" : "clear-above";
      String wrongKey = direction == AlarmRule.Direction.ABOVE ? "clear-above" : "clear-below";
      if (a.has(wrongKey)) {
        a.get(wrongKey).problem(wrongKey + " does not go with " + limitKey + "; use " + clearKey);
      }
      OptionalDouble limit = number(a.get(limitKey), "a number", v -> true);
      OptionalDouble clear = a.has(clearKey) ? number(a.get(clearKey), "a number", v -> true) : limit;
      if (limit.isEmpty() || clear.isEmpty() || !Names.isValid(name) || !Names.isValid(tag)) {
        return null;
      }
      if (direction.raises(clear.getAsDouble(), limit.getAsDouble())) {
        a.get(clearKey).problem(clearKey + " " + clear.getAsDouble() + " must not be " + limitKey + " the limit "
            + limit.getAsDouble() + " (it is the hysteresis: the value must come back past it to clear)");
        return null;
      }
      return new AlarmRule(name, tag, direction, limit.getAsDouble(), clear.getAsDouble(), delay);
    }
  }

  /** A tag of this device; reports an invalid name, or a tag the device does not read. */
  private String tagRef(ConfigNode parent, String key) {
    String tag = parent.string(key);
    if (tag.isEmpty()) {
      return tag;
    }
    if (!Names.isValid(tag)) {
      parent.get(key).problem("'" + tag + "' is not a valid tag name; allowed: " + Names.rule());
    } else if (deviceTags.isPresent() && !deviceTags.get().contains(tag)) {
      parent.get(key).problem(unknownTag(tag));
      return "";
    }
    return tag;
  }

  private String unknownTag(String tag) {
    return "unknown tag '" + tag + "'; tags of this device: "
        + String.join(", ", deviceTags.orElse(Set.of()).stream().sorted().toList());
  }

  /** A name (tag or indicator) whose derived tag must also be a valid name; "" when it is not. */
  private static String derivable(ConfigNode n, UnaryOperator<String> derivedTag) {
    String name = n.asString();
    if (name.isEmpty()) {
      return name;
    }
    if (!Names.isValid(name)) {
      n.problem("'" + name + "' is not a valid name; allowed: " + Names.rule());
      return "";
    }
    String derived = derivedTag.apply(name);
    if (!Names.isValid(derived)) {
      n.problem("derived tag '" + derived + "' would be longer than " + Names.MAX_LENGTH + " characters");
      return "";
    }
    return name;
  }

  private static OptionalDouble number(ConfigNode n, String rule, DoublePredicate allowed) {
    return n.asDouble(rule, allowed);
  }

  private static Map<String, Double> powerUnits() {
    Map<String, Double> units = new LinkedHashMap<>();
    units.put("W", 0.001);
    units.put("kW", 1.0);
    units.put("MW", 1000.0);
    return units;
  }
}
