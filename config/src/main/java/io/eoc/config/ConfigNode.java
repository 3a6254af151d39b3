package io.eoc.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A node of a configuration document with its path ({@code devices[0].registers[2].type}).
 * Accessors never throw on bad input: they record a problem with the reader and return a
 * placeholder, so that binding goes on and every mistake is reported together.
 */
public final class ConfigNode {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final ConfigReader reader;
  private final Node node;
  private final Node parent;
  private final String path;

  ConfigNode(ConfigReader reader, Node node, String path) {
    this(reader, node, null, path);
  }

  /** {@code parent} locates problems of an absent node: "missing" is reported where it belongs. */
  private ConfigNode(ConfigReader reader, Node node, Node parent, String path) {
    this.reader = reader;
    this.node = node;
    this.parent = parent;
    this.path = path;
  }

  public String path() {
    return path;
  }

  public int line() {
    return node == null ? 0 : node.getStartMark().getLine() + 1;
  }

  public boolean isMapping() {
    return node instanceof MappingNode;
  }

  /** Records a problem located at this node. */
  public void problem(String message) {
    reader.problem(node != null ? node : parent, path, message);
  }

  /** Reports every key of this mapping that is not in {@code allowed}, naming what is allowed. */
  public void allowOnly(String... allowed) {
    Set<String> known = new LinkedHashSet<>(List.of(allowed));
    for (Map.Entry<String, NodeTuple> e : entries().entrySet()) {
      if (!known.contains(e.getKey())) {
        reader.problem(e.getValue().getKeyNode(), child(e.getKey()),
            "unknown field; allowed here: " + String.join(", ", known));
      }
    }
  }

  public boolean has(String key) {
    return entries().containsKey(key);
  }

  /** The child node, or an absent node (whose accessors report "missing"). */
  public ConfigNode get(String key) {
    NodeTuple t = entries().get(key);
    return new ConfigNode(reader, t == null ? null : t.getValueNode(), node, child(key));
  }

  /** Keys of this mapping in document order. */
  public List<String> keys() {
    return new ArrayList<>(entries().keySet());
  }

  public String string(String key) {
    return get(key).asString();
  }

  public String string(String key, String defaultValue) {
    return has(key) ? get(key).asString() : defaultValue;
  }

  public Optional<String> optionalString(String key) {
    return has(key) ? Optional.of(get(key).asString()) : Optional.empty();
  }

  public int integer(String key, int defaultValue, int min, int max) {
    return has(key) ? (int) get(key).asLong(min, max) : defaultValue;
  }

  public int integer(String key, int min, int max) {
    return (int) get(key).asLong(min, max);
  }

  public long longValue(String key, long defaultValue, long min, long max) {
    return has(key) ? get(key).asLong(min, max) : defaultValue;
  }

  public double number(String key, double defaultValue) {
    return has(key) ? get(key).asDouble() : defaultValue;
  }

  public boolean bool(String key, boolean defaultValue) {
    return has(key) ? get(key).asBoolean() : defaultValue;
  }

  public Duration duration(String key, Duration defaultValue, Duration min) {
    return has(key) ? get(key).asDuration(min) : defaultValue;
  }

  /** One of a fixed set of values, matched case-insensitively; the problem lists what is allowed. */
  public <E> E choice(String key, Map<String, E> allowed, E defaultValue) {
    return has(key) ? get(key).asChoice(allowed) : defaultValue;
  }

  public <E> E choice(String key, Map<String, E> allowed) {
    return get(key).asChoice(allowed);
  }

  /** Items of a sequence; a missing key is an empty list, a non-sequence is a problem. */
  public List<ConfigNode> list(String key) {
    ConfigNode child = get(key);
    if (child.node == null) {
      return List.of();
    }
    if (!(child.node instanceof SequenceNode seq)) {
      child.problem("expected a list, found " + kind(child.node));
      return List.of();
    }
    List<ConfigNode> items = new ArrayList<>();
    for (int i = 0; i < seq.getValue().size(); i++) {
      items.add(new ConfigNode(reader, seq.getValue().get(i), child.path + "[" + i + "]"));
    }
    return items;
  }

  /** Maps every item of a list with {@code binder}. */
  public <T> List<T> list(String key, Function<ConfigNode, T> binder) {
    return list(key).stream().map(binder).toList();
  }

  public String asString() {
    ScalarNode scalar = scalar("a text value");
    return scalar == null ? "" : scalar.getValue();
  }

  public long asLong(long min, long max) {
    ScalarNode scalar = scalar("an integer");
    if (scalar == null) {
      return min;
    }
    try {
      long v = Long.decode(scalar.getValue().trim().replace("_", ""));
      if (v < min || v > max) {
        problem("value " + v + " is out of range; allowed: " + min + " to " + max);
        return min;
      }
      return v;
    } catch (NumberFormatException e) {
      problem("expected an integer (" + min + " to " + max + "), found '" + scalar.getValue() + "'");
      return min;
    }
  }

  public double asDouble() {
    ScalarNode scalar = scalar("a number");
    if (scalar == null) {
      return 0;
    }
    try {
      double v = Double.parseDouble(scalar.getValue().trim());
      if (!Double.isFinite(v)) {
        problem("expected a finite number, found '" + scalar.getValue() + "'");
      }
      return v;
    } catch (NumberFormatException e) {
      problem("expected a number, found '" + scalar.getValue() + "'");
      return 0;
    }
  }

  /**
   * A finite number that {@code allowed} accepts; otherwise a problem naming {@code rule} (e.g.
   * "a number above 0") and an empty result. An empty value is left to the caller.
   */
  public java.util.OptionalDouble asDouble(String rule, java.util.function.DoublePredicate allowed) {
    String text = asString().trim();
    try {
      double v = Double.parseDouble(text);
      if (Double.isFinite(v) && allowed.test(v)) {
        return java.util.OptionalDouble.of(v);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    if (!text.isEmpty()) {
      problem("expected " + rule + ", found '" + text + "'");
    }
    return java.util.OptionalDouble.empty();
  }

  public boolean asBoolean() {
    ScalarNode scalar = scalar("true or false");
    String v = scalar == null ? "false" : scalar.getValue().trim().toLowerCase(Locale.ROOT);
    if (!v.equals("true") && !v.equals("false")) {
      problem("expected true or false, found '" + v + "'");
    }
    return v.equals("true");
  }

  public Duration asDuration(Duration min) {
    ScalarNode scalar = scalar("a duration such as 500ms, 2s, 5m, 1h");
    if (scalar == null) {
      return min;
    }
    Matcher m = DURATION.matcher(scalar.getValue().trim());
    if (!m.matches()) {
      problem("expected a duration such as 500ms, 2s, 5m, 1h, 1d; found '" + scalar.getValue() + "'");
      return min;
    }
    Duration d = toDuration(Long.parseLong(m.group(1)), m.group(2));
    if (d.compareTo(min) < 0) {
      problem("duration " + scalar.getValue() + " is too short; minimum: " + min.toMillis() + "ms");
      return min;
    }
    return d;
  }

  public <E> E asChoice(Map<String, E> allowed) {
    ScalarNode scalar = scalar("one of: " + String.join(", ", allowed.keySet()));
    if (scalar == null) {
      return null;
    }
    String v = scalar.getValue().trim().toLowerCase(Locale.ROOT);
    for (Map.Entry<String, E> e : allowed.entrySet()) {
      if (e.getKey().toLowerCase(Locale.ROOT).equals(v)) {
        return e.getValue();
      }
    }
    problem("unknown value '" + scalar.getValue() + "'; allowed: " + String.join(", ", allowed.keySet()));
    return null;
  }

  private static Duration toDuration(long amount, String unit) {
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  private ScalarNode scalar(String expected) {
    if (node == null) {
      problem("missing value; expected " + expected);
      return null;
    }
    if (node instanceof ScalarNode s && !s.getTag().getValue().endsWith(":null")) {
      return s;
    }
    problem("expected " + expected + ", found " + kind(node));
    return null;
  }

  private Map<String, NodeTuple> entries() {
    if (node == null) {
      return Map.of();
    }
    if (!(node instanceof MappingNode mapping)) {
      return Map.of();
    }
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    for (NodeTuple t : mapping.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k) {
        out.put(k.getValue(), t);
      }
    }
    return out;
  }

  /** Reports a problem unless this node is present and a mapping. */
  public ConfigNode requireMapping() {
    if (node == null) {
      problem("missing section");
    } else if (!(node instanceof MappingNode) && !isNullScalar()) {
      problem("expected a mapping (key: value lines), found " + kind(node));
    }
    return this;
  }

  private boolean isNullScalar() {
    return node instanceof ScalarNode s && s.getTag().getValue().endsWith(":null");
  }

  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String kind(Node n) {
    if (n instanceof MappingNode) {
      return "a mapping";
    }
    if (n instanceof SequenceNode) {
      return "a list";
    }
    ScalarNode s = (ScalarNode) n;
    return s.getTag().getValue().endsWith(":null") ? "nothing (null)" : "'" + s.getValue() + "'";
  }
}
