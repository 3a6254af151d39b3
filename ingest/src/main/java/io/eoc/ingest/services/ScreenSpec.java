package io.eoc.ingest.services;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A 组态画面 screen as an engineer defines it: a canvas of {@code width} × {@code height} and its
 * elements — {@code device} (a node of the site topology, showing the device's online and abnormal
 * state), {@code value} (a running parameter bound to a tag, with an optional normal range),
 * {@code link} (a line between two device or value elements: the topology) and {@code label}
 * (text). Every problem is reported together with its JSON path, e.g. {@code field
 * 'elements[3].tag': device 'boiler-1' of agent 'plant-a' has no tag 'presure'}.
 */
public record ScreenSpec(String name, Optional<String> description, int width, int height, List<Element> elements) {
  public static final int MIN_SIZE = 100;
  public static final int MAX_SIZE = 10_000;
  public static final int MAX_ELEMENTS = 500;
  public static final int MAX_NAME = 100;
  public static final int MAX_DECIMALS = 6;
  public static final List<String> KINDS = List.of("device", "value", "link", "label");
  private static final Set<String> FIELDS = Set.of("name", "description", "width", "height", "elements");
  private static final Map<String, Set<String>> ELEMENT_FIELDS = Map.of(
      "device", Set.of("id", "kind", "agent", "device", "x", "y", "label"),
      "value", Set.of("id", "kind", "agent", "device", "tag", "x", "y", "label", "unit", "decimals", "min", "max"),
      "link", Set.of("id", "kind", "from", "to"),
      "label", Set.of("id", "kind", "text", "x", "y"));
  private static final Set<String> ANY_ELEMENT_FIELD = ELEMENT_FIELDS.values().stream().flatMap(Set::stream)
      .collect(java.util.stream.Collectors.toUnmodifiableSet());

  public ScreenSpec {
    elements = List.copyOf(elements);
  }

  /** One element of a screen; {@link #json} is how it is stored and served. */
  public sealed interface Element permits Device, Value, Link, Label {
    String id();

    Map<String, Object> json();
  }

  /** A device of the site topology at (x, y): its online state and active alarms. */
  public record Device(String id, String agent, String device, double x, double y, Optional<String> label) implements Element {
    @Override
    public Map<String, Object> json() {
      Map<String, Object> m = start(id, "device");
      m.put("agent", agent);
      m.put("device", device);
      m.put("x", number(x));
      m.put("y", number(y));
      label.ifPresent(l -> m.put("label", l));
      return m;
    }
  }

  /** A running parameter: the latest value of a tag, abnormal outside [min, max]. */
  public record Value(String id, String agent, String device, String tag, double x, double y, Optional<String> label,
      Optional<String> unit, Optional<Integer> decimals, Optional<Double> min, Optional<Double> max) implements Element {
    @Override
    public Map<String, Object> json() {
      Map<String, Object> m = start(id, "value");
      m.put("agent", agent);
      m.put("device", device);
      m.put("tag", tag);
      m.put("x", number(x));
      m.put("y", number(y));
      label.ifPresent(l -> m.put("label", l));
      unit.ifPresent(u -> m.put("unit", u));
      decimals.ifPresent(d -> m.put("decimals", d));
      min.ifPresent(v -> m.put("min", number(v)));
      max.ifPresent(v -> m.put("max", number(v)));
      return m;
    }
  }

  /** A line between two device or value elements of the same screen. */
  public record Link(String id, String from, String to) implements Element {
    @Override
    public Map<String, Object> json() {
      Map<String, Object> m = start(id, "link");
      m.put("from", from);
      m.put("to", to);
      return m;
    }
  }

  public record Label(String id, String text, double x, double y) implements Element {
    @Override
    public Map<String, Object> json() {
      Map<String, Object> m = start(id, "label");
      m.put("text", text);
      m.put("x", number(x));
      m.put("y", number(y));
      return m;
    }
  }

  /** What a definition's devices and tags are checked against: the devices their agents reported. */
  @FunctionalInterface
  public interface Catalogue {
    /** The device's measured tags, or empty when no agent reported the device. */
    Optional<List<String>> tags(String agent, String device) throws SQLException;
  }

  /** A changed screen and the version it changes. */
  public record Update(long version, ScreenSpec spec) {}

  /** A new screen, its devices and tags checked against {@code catalogue}. */
  public static ScreenSpec of(Map<String, Object> json, Catalogue catalogue) throws SQLException {
    Fields f = new Fields(json, FIELDS);
    ScreenSpec spec = read(f, json, Optional.of(catalogue));
    f.check("scada screen");
    return spec;
  }

  /** A change of a screen: its new definition and the {@code version} it was read at. */
  public static Update update(Map<String, Object> json, Catalogue catalogue) throws SQLException {
    Set<String> fields = new java.util.HashSet<>(FIELDS);
    fields.add("version");
    Fields f = new Fields(json, fields);
    long version = f.whole("version", true, 1, Integer.MAX_VALUE).orElse(0L);
    ScreenSpec spec = read(f, json, Optional.of(catalogue));
    f.check("scada screen");
    return new Update(version, spec);
  }

  /** A definition as stored: it was checked when stored, its devices are not checked again. */
  static ScreenSpec stored(Map<String, Object> json) {
    try {
      Fields f = new Fields(json, FIELDS);
      ScreenSpec spec = read(f, json, Optional.empty());
      f.check("stored scada screen");
      return spec;
    } catch (SQLException e) {
      throw new IllegalStateException("no catalogue is read for a stored screen", e);
    }
  }

  /** The definition as stored and served (without name and description, which have columns of their own). */
  public Map<String, Object> definition() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("width", width);
    m.put("height", height);
    m.put("elements", elements.stream().map(Element::json).toList());
    return m;
  }

  private static ScreenSpec read(Fields f, Map<String, Object> json, Optional<Catalogue> catalogue) throws SQLException {
    String name = f.text("name", true).orElse("");
    if (name.length() > MAX_NAME) {
      f.error("field 'name' must have at most " + MAX_NAME + " characters, has " + name.length());
    }
    Optional<String> description = f.text("description", false);
    Optional<Long> width = f.whole("width", true, MIN_SIZE, MAX_SIZE);
    Optional<Long> height = f.whole("height", true, MIN_SIZE, MAX_SIZE);
    List<Map<String, Object>> raw = f.objects("elements", true, MAX_ELEMENTS);
    Reader r = new Reader(f, width.orElse((long) MAX_SIZE), height.orElse((long) MAX_SIZE), catalogue);
    List<Element> elements = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      r.element(i, raw.get(i)).ifPresent(elements::add);
    }
    r.checkLinks();
    return new ScreenSpec(name, description, width.orElse(0L).intValue(), height.orElse(0L).intValue(), elements);
  }

  /** Reads the elements one by one, remembering their ids for the links and the devices looked up. */
  private static final class Reader {
    private final Fields screen;
    private final long width;
    private final long height;
    private final Optional<Catalogue> catalogue;
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<String, String> kinds = new HashMap<>();
    private final Map<String, Optional<List<String>>> devices = new HashMap<>();
    private final List<Map.Entry<Integer, Link>> links = new ArrayList<>();

    Reader(Fields screen, long width, long height, Optional<Catalogue> catalogue) {
      this.screen = screen;
      this.width = width;
      this.height = height;
      this.catalogue = catalogue;
    }

    Optional<Element> element(int i, Map<String, Object> raw) throws SQLException {
      String path = "elements[" + i + "].";
      Set<String> known = raw.get("kind") instanceof String s && ELEMENT_FIELDS.containsKey(s.strip())
          ? ELEMENT_FIELDS.get(s.strip()) : ANY_ELEMENT_FIELD;
      Fields e = new Fields(raw, known, path, screen.errors());
      Optional<String> id = e.text("id", true);
      Optional<String> kind = e.choice("kind", true, KINDS);
      if (id.isPresent()) {
        Integer first = ids.putIfAbsent(id.get(), i);
        if (first != null) {
          screen.error("field '" + path + "id': '" + id.get() + "' is also the id of elements[" + first
              + "]; element ids must be unique on a screen");
        } else {
          kind.ifPresent(k -> kinds.put(id.get(), k));
        }
      }
      if (kind.isEmpty()) {
        return Optional.empty();
      }
      String elementId = id.orElse("");
      switch (kind.get()) {
        case "device": {
          Optional<String> agent = e.name("agent", true);
          Optional<String> device = e.name("device", true);
          double x = x(e);
          double y = y(e);
          Optional<String> label = e.text("label", false);
          if (agent.isPresent() && device.isPresent()) {
            known(path, agent.get(), device.get());
          }
          return Optional.of(new Device(elementId, agent.orElse(""), device.orElse(""), x, y, label));
        }
        case "value": {
          Optional<String> agent = e.name("agent", true);
          Optional<String> device = e.name("device", true);
          Optional<String> tag = e.name("tag", true);
          double x = x(e);
          double y = y(e);
          Optional<String> label = e.text("label", false);
          Optional<String> unit = e.text("unit", false);
          Optional<Integer> decimals = e.whole("decimals", false, 0, MAX_DECIMALS).map(Long::intValue);
          Optional<Double> min = e.number("min", false, -Double.MAX_VALUE, Double.MAX_VALUE);
          Optional<Double> max = e.number("max", false, -Double.MAX_VALUE, Double.MAX_VALUE);
          if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
            screen.error("field '" + path + "min' (" + min.get() + ") must not be greater than max (" + max.get() + ")");
          }
          if (agent.isPresent() && device.isPresent()) {
            Optional<List<String>> tags = known(path, agent.get(), device.get());
            if (tag.isPresent() && tags.isPresent() && !tags.get().contains(tag.get())) {
              screen.error("field '" + path + "tag': device '" + device.get() + "' of agent '" + agent.get() + "' has no tag '"
                  + tag.get() + "'; its tags: " + tags.get());
            }
          }
          return Optional.of(new Value(elementId, agent.orElse(""), device.orElse(""), tag.orElse(""), x, y, label, unit, decimals,
              min, max));
        }
        case "link": {
          Link link = new Link(elementId, e.text("from", true).orElse(""), e.text("to", true).orElse(""));
          links.add(Map.entry(i, link));
          return Optional.of(link);
        }
        default: {
          Optional<String> text = e.text("text", true);
          return Optional.of(new Label(elementId, text.orElse(""), x(e), y(e)));
        }
      }
    }

    private double x(Fields e) {
      return e.number("x", true, 0, width).orElse(0.0);
    }

    private double y(Fields e) {
      return e.number("y", true, 0, height).orElse(0.0);
    }

    /** The device's tags (looked up once per device); empty, and reported, when no agent reported it. */
    private Optional<List<String>> known(String path, String agent, String device) throws SQLException {
      if (catalogue.isEmpty()) {
        return Optional.empty();
      }
      String key = agent + "/" + device;
      if (!devices.containsKey(key)) {
        devices.put(key, catalogue.get().tags(agent, device));
      }
      Optional<List<String>> tags = devices.get(key);
      if (tags.isEmpty()) {
        screen.error("field '" + path + "device': no device '" + device + "' of agent '" + agent
            + "' in the ledger; devices appear once their agent reports them");
      }
      return tags;
    }

    /** A link joins two different device or value elements of this screen, wherever they are listed. */
    void checkLinks() {
      for (Map.Entry<Integer, Link> pending : links) {
        Link link = pending.getValue();
        String path = "elements[" + pending.getKey() + "].";
        endpoint(path + "from", link.from());
        endpoint(path + "to", link.to());
        if (!link.from().isEmpty() && link.from().equals(link.to())) {
          screen.error("field '" + path + "to': a link joins two different elements, both ends are '" + link.to() + "'");
        }
      }
    }

    private void endpoint(String field, String id) {
      if (id.isEmpty()) {
        return;
      }
      String kind = kinds.get(id);
      if (kind == null) {
        screen.error("field '" + field + "': no element of this screen has the id '" + id + "'");
      } else if (!kind.equals("device") && !kind.equals("value")) {
        screen.error("field '" + field + "': '" + id + "' is a " + kind + " element; a link joins device or value elements");
      }
    }
  }

  private static Map<String, Object> start(String id, String kind) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("kind", kind);
    return m;
  }

  /** A whole number as such (100, not 100.0), so that a definition reads back as it was written. */
  private static Object number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
  }
}
