package io.eoc.sim.plant;

import io.eoc.config.ConfigNode;
import io.eoc.config.ConfigReader;
import io.eoc.sim.model.Category;
import io.eoc.sim.model.ModelType;
import io.eoc.sim.model.Models;
import io.eoc.sim.model.TagKind;
import io.eoc.sim.model.TagSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds a scenario file to {@link PlantScenario}, recording every problem with the reader so that
 * all are reported together:
 *
 * <pre>
 * plant:
 *   id: demo                  # name of the plant (default "plant")
 *   host: 127.0.0.1           # address every device binds unless it says otherwise
 *   seed: 1                   # default seeds derive from it and the device id
 * devices:
 *   - id: boiler-1            # required, a valid name, unique
 *     name: "1# boiler"       # optional human name
 *     model: industrial-boiler  # required, one of the model kinds
 *     category: high-energy   # optional; must be the model's
 *     protocol: modbus-tcp    # default; or opc-ua, or mqtt (port and gateway unused)
 *     host: 127.0.0.1
 *     port: 0                 # 0 = ephemeral
 *     gateway: line-1         # optional; devices of one gateway share its port
 *     unit-id: 1              # 0-255, unique per port
 *     seed: 42
 *     tick: 1s                # model step, at least 1ms
 *     poll: 1s                # agent poll interval in the generated configuration
 *     setpoints: {pressure_set_point: 1.2}   # writable tags, within their ranges
 * </pre>
 */
final class PlantScenarioReader {

  private static final Duration DEFAULT_TICK = Duration.ofSeconds(1);
  private static final Duration DEFAULT_POLL = Duration.ofSeconds(1);

  private PlantScenarioReader() {}

  static PlantScenario read(ConfigReader reader) {
    ConfigNode root = reader.root().requireMapping();
    root.allowOnly("plant", "devices");
    ConfigNode plant = root.get("plant");
    plant.allowOnly("id", "host", "seed");
    String id = name(plant, "id", "plant");
    String host = plant.string("host", "127.0.0.1");
    long seed = plant.longValue("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
    if (!root.has("devices")) {
      root.problem("no devices: list the simulated devices under 'devices'");
    }
    List<ConfigNode> nodes = root.list("devices");
    if (root.has("devices") && nodes.isEmpty()) {
      root.get("devices").problem("no devices: list at least one device");
    }
    List<DeviceSpec> devices = new ArrayList<>();
    for (ConfigNode node : nodes) {
      device(node, host, seed).ifPresent(devices::add);
    }
    checkPorts(nodes, devices);
    reader.finish();
    return new PlantScenario(id, devices);
  }

  private static Optional<DeviceSpec> device(ConfigNode d, String plantHost, long plantSeed) {
    d.allowOnly("id", "name", "model", "category", "protocol", "host", "port", "gateway",
        "unit-id", "seed", "tick", "poll", "setpoints");
    String id = name(d, "id", null);
    Map<String, ModelType> kinds = new LinkedHashMap<>();
    Models.types().forEach(t -> kinds.put(t.kind(), t));
    ModelType type = d.choice("model", kinds);
    Protocol protocol = d.choice("protocol", Protocol.byId(), Protocol.MODBUS_TCP);
    if (protocol != null && !protocol.supported()) {
      d.get("protocol").problem("protocol '" + protocol.id() + "' is not yet supported by the"
          + " simulator");
    }
    checkCategory(d, type);
    String gateway = d.has("gateway") ? name(d, "gateway", null) : "";
    int port = d.integer("port", 0, 0, 65535);
    int unitId = d.integer("unit-id", 1, 0, 255);
    // String.hashCode is fixed by the language specification: the default seed is stable.
    long defaultSeed = plantSeed * 31 + (id == null ? 0 : id.hashCode());
    long seed = d.longValue("seed", defaultSeed, Long.MIN_VALUE, Long.MAX_VALUE);
    Duration tick = d.duration("tick", DEFAULT_TICK, Duration.ofMillis(1));
    Duration poll = d.duration("poll", DEFAULT_POLL, Duration.ofMillis(10));
    Map<String, Double> setpoints = type == null ? Map.of() : setpoints(d, type);
    if (id == null || type == null || protocol == null) {
      return Optional.empty();
    }
    return Optional.of(new DeviceSpec(id, d.string("name", id), type.kind(), type.category(),
        protocol, d.string("host", plantHost), port, gateway, unitId, seed, tick, poll,
        setpoints));
  }

  private static void checkCategory(ConfigNode d, ModelType type) {
    Map<String, Category> categories = new LinkedHashMap<>();
    for (Category c : Category.values()) {
      categories.put(c.id(), c);
    }
    Category category = d.choice("category", categories, null);
    if (type != null && category != null && category != type.category()) {
      d.get("category").problem("model " + type.kind() + " is " + type.category().id()
          + ", not " + category.id() + "; leave category out to take the model's");
    }
  }

  private static Map<String, Double> setpoints(ConfigNode d, ModelType type) {
    if (!d.has("setpoints")) {
      return Map.of();
    }
    ConfigNode node = d.get("setpoints");
    if (!node.isMapping()) {
      node.problem("expected a mapping of writable tag to value, e.g. {power_limit: 1500}");
      return Map.of();
    }
    Map<String, TagSpec> writable = new LinkedHashMap<>();
    type.tags().stream().filter(TagSpec::writable).forEach(t -> writable.put(t.name(), t));
    Map<String, Double> values = new LinkedHashMap<>();
    for (String tag : node.keys()) {
      TagSpec spec = writable.get(tag);
      ConfigNode value = node.get(tag);
      if (spec == null) {
        value.problem("'" + tag + "' is not a writable tag of " + type.kind() + "; writable: "
            + (writable.isEmpty() ? "none" : String.join(", ", writable.keySet())));
        continue;
      }
      double v = value.asDouble();
      boolean whole = spec.kind() != TagKind.STATE || v == Math.rint(v);
      if (!spec.contains(v) || !whole) {
        value.problem("value " + v + " is out of range; allowed: " + spec.range()
            + (spec.description().isEmpty() ? "" : " (" + spec.description() + ")"));
      }
      values.put(tag, v);
    }
    return values;
  }

  /** Devices sharing a port must agree on it and on host, and use different unit ids. */
  private static void checkPorts(List<ConfigNode> nodes, List<DeviceSpec> devices) {
    if (devices.size() != nodes.size()) {
      return; // a device already failed; its problems are reported
    }
    Map<String, DeviceSpec> firstOfServer = new HashMap<>();
    Map<String, String> serverOfPort = new HashMap<>();
    Map<String, String> unitIds = new HashMap<>();
    Map<String, String> deviceIds = new HashMap<>();
    for (int i = 0; i < devices.size(); i++) {
      DeviceSpec d = devices.get(i);
      ConfigNode node = nodes.get(i);
      String key = d.serverKey();
      if (deviceIds.putIfAbsent(d.id(), d.id()) != null) {
        node.get("id").problem("duplicate device id '" + d.id() + "'");
      }
      DeviceSpec first = firstOfServer.putIfAbsent(key, d);
      if (first != null && (first.port() != d.port() || !first.host().equals(d.host()))) {
        node.get("port").problem("device " + d.id() + " is on " + key + " with device "
            + first.id() + ", which is served on " + first.host() + ":" + first.port()
            + "; give both the same host and port");
      }
      // Unit ids address Modbus units only (MODBUS Application Protocol v1.1b3 §4.1).
      String other = d.protocol() != Protocol.MODBUS_TCP ? null
          : unitIds.putIfAbsent(key + "/" + d.unitId(), d.id());
      if (other != null) {
        node.get("unit-id").problem("unit id " + d.unitId() + " is already used by device "
            + other + " on " + key + "; devices sharing a port need different unit ids");
      }
      if (d.port() != 0) {
        String address = d.host() + ":" + d.port();
        String server = serverOfPort.putIfAbsent(address, key);
        if (server != null && !server.equals(key)) {
          node.get("port").problem("port " + address + " is already used by " + server
              + "; to share a port, give the devices the same gateway");
        }
      }
    }
  }

  private static String name(ConfigNode node, String key, String defaultValue) {
    if (defaultValue != null && !node.has(key)) {
      return defaultValue;
    }
    String value = node.string(key);
    if (node.has(key) && !TagSpec.isValidName(value)) {
      node.get(key).problem("'" + value + "' is not a valid name; allowed: "
          + TagSpec.NAME_RULE);
      return null;
    }
    return value.isEmpty() ? null : value;
  }
}
