package io.eoc.edge.config;

import io.eoc.config.ConfigNode;
import io.eoc.config.ConfigReader;
import io.eoc.edge.analysis.AnalysisConfig;
import io.eoc.edge.analysis.AnalysisConfigBinder;
import io.eoc.edge.filter.FilterConfigBinder;
import io.eoc.edge.config.RegisterConfig.RegisterTable;
import io.eoc.wire.EquipmentCategory;
import io.eoc.wire.Names;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.eoc.edge.outbox.FullPolicy;
import java.util.Set;

/**
 * Binds an agent YAML file to {@link AgentConfig}. Every problem in the file is reported at once,
 * with file, line and what is allowed; the agent does not start on a bad file.
 */
public final class AgentConfigLoader {
  private static final Duration MIN_POLL = Duration.ofMillis(10);
  private static final Map<String, RegisterTable> TABLES = Map.of(
      "holding", RegisterTable.HOLDING, "input", RegisterTable.INPUT,
      "coil", RegisterTable.COIL, "discrete-input", RegisterTable.DISCRETE_INPUT);

  private AgentConfigLoader() {}

  public static AgentConfig load(Path file) {
    ConfigReader reader = ConfigReader.open(file);
    Path base = file.toAbsolutePath().getParent();
    return bind(reader, base);
  }

  public static AgentConfig parse(String source, String yaml, Path base) {
    return bind(ConfigReader.parse(source, yaml), base);
  }

  private static AgentConfig bind(ConfigReader reader, Path base) {
    ConfigNode root = reader.root().requireMapping();
    root.allowOnly("agent", "cloud", "batch", "devices", "metrics", "outbox");
    ConfigNode agent = root.get("agent").requireMapping();
    agent.allowOnly("id", "data-dir");
    String agentId = name(agent, "id");
    Path dataDir = base.resolve(agent.string("data-dir", "data/agent")).normalize();
    AgentConfig.Cloud cloud = cloud(root.get("cloud").requireMapping());
    ConfigNode batch = root.get("batch");
    batch.allowOnly("max-points", "max-delay");
    int maxPoints = batch.integer("max-points", 5000, 1, 1_000_000);
    Duration maxDelay = batch.duration("max-delay", Duration.ofSeconds(1), Duration.ofMillis(1));
    List<DeviceConfig> devices = root.list("devices", AgentConfigLoader::device);
    if (root.has("devices") && devices.isEmpty()) {
      root.get("devices").problem("no devices: list at least one device to poll");
    }
    checkUnique(root, devices);
    AgentConfig.Metrics metrics = metrics(root.get("metrics"));
    AgentConfig.OutboxSettings outbox = outbox(root.get("outbox"));
    reader.finish();
    return new AgentConfig(agentId, dataDir, cloud, new AgentConfig.Batching(maxPoints, maxDelay), devices, metrics, outbox);
  }

  private static AgentConfig.Metrics metrics(ConfigNode m) {
    m.allowOnly("enabled", "host", "port");
    return new AgentConfig.Metrics(m.bool("enabled", true), m.string("host", "127.0.0.1"),
        m.integer("port", AgentConfig.Metrics.DEFAULT_PORT, 0, 65535));
  }

  private static AgentConfig.Cloud cloud(ConfigNode cloud) {
    cloud.allowOnly("url", "api", "token", "window", "backfill-after");
    String url = cloud.string("url");
    // Several cloud instances: a comma-separated list, tried in turn when one is unreachable.
    if (!url.isEmpty() && !url.matches("(tcp|ssl)://[^/:,]+:\\d{1,5}(,(tcp|ssl)://[^/:,]+:\\d{1,5})*")) {
      cloud.get("url").problem("expected ssl://host:port (or tcp://host:port on a trusted network; several separated by "
          + "commas), found '" + url + "'");
    }
    Optional<String> api = cloud.optionalString("api");
    api.filter(a -> !a.matches("https?://[^/]+/?")).ifPresent(a ->
        cloud.get("api").problem("expected http(s)://host:port of the cloud's HTTP API, found '" + a + "'"));
    // Batches in flight are at most what the cloud's chain remembers: a batch resent after a cloud crash
    // must still be recognised as a duplicate, not taken for a replay.
    return new AgentConfig.Cloud(url, api, cloud.optionalString("token"),
        cloud.integer("window", 100, 1, io.eoc.wire.seal.ChainState.WINDOW),
        cloud.duration("backfill-after", Duration.ofSeconds(30), Duration.ofSeconds(1)));
  }

  private static AgentConfig.OutboxSettings outbox(ConfigNode o) {
    o.allowOnly("max-size-mb", "when-full");
    long mb = o.longValue("max-size-mb", AgentConfig.OutboxSettings.DEFAULT_MAX_MB, 1, 1L << 22);
    FullPolicy policy = o.choice("when-full", Map.of("drop-oldest", FullPolicy.DROP_OLDEST, "refuse-newest", FullPolicy.REFUSE_NEWEST),
        FullPolicy.DROP_OLDEST);
    return new AgentConfig.OutboxSettings(mb << 20, policy == null ? FullPolicy.DROP_OLDEST : policy);
  }

  private static final List<String> COMMON = List.of("id", "name", "category", "kind", "simulated", "protocol", "poll", "analysis");

  /** Protocols other than Modbus TCP, by their id in configuration. */
  private static final Map<String, ProtocolBinder> PROTOCOLS = protocols();

  private static Map<String, ProtocolBinder> protocols() {
    Map<String, ProtocolBinder> m = new LinkedHashMap<>();
    java.util.ServiceLoader.load(ProtocolBinder.class).forEach(b -> m.put(b.protocol(), b));
    return m;
  }

  private static DeviceConfig device(ConfigNode d) {
    Map<String, String> protocols = new LinkedHashMap<>();
    for (ModbusEndpoint.Transport t : ModbusEndpoint.Transport.values()) {
      protocols.put(t.id(), t.id()); // every Modbus transport goes to modbusDevice
    }
    PROTOCOLS.keySet().forEach(k -> protocols.put(k, k));
    String protocol = d.choice("protocol", protocols);
    ProtocolBinder binder = protocol == null ? null : PROTOCOLS.get(protocol);
    return binder == null ? modbusDevice(d) : otherDevice(d, binder);
  }

  private static DeviceConfig otherDevice(ConfigNode d, ProtocolBinder binder) {
    List<String> allowed = new java.util.ArrayList<>(COMMON);
    allowed.addAll(binder.fields());
    d.allowOnly(allowed.toArray(String[]::new));
    String id = name(d, "id");
    EquipmentCategory category = binder.defaultCategory().map(c -> d.choice("category", categories(), c))
        .orElseGet(() -> d.choice("category", categories()));
    ProtocolDevice device = binder.bind(d);
    AnalysisConfig analysis = d.has("analysis")
        ? AnalysisConfigBinder.bind(d, device.tags().stream().map(TagSpec::tag).toList()) : AnalysisConfig.NONE;
    return new DeviceConfig(id, d.string("name", id), category == null ? EquipmentCategory.OTHER : category,
        d.string("kind", binder.defaultKind()), d.bool("simulated", false), null, d.duration("poll", Duration.ofSeconds(1), MIN_POLL),
        List.of(), analysis, Optional.of(device));
  }

  private static Map<String, EquipmentCategory> categories() {
    Map<String, EquipmentCategory> categories = new LinkedHashMap<>();
    for (EquipmentCategory c : EquipmentCategory.values()) {
      categories.put(c.id(), c);
    }
    return categories;
  }

  private static DeviceConfig modbusDevice(ConfigNode d) {
    d.allowOnly("id", "name", "category", "kind", "simulated", "protocol", "host", "port",
        "unit-id", "timeout", "poll", "registers", "analysis", "serial", "word-order", "byte-order", "max-gap",
        "write-functions");
    String id = name(d, "id");
    EquipmentCategory category = d.choice("category", categories());
    ModbusEndpoint endpoint = modbusEndpoint(d);
    Duration poll = d.duration("poll", Duration.ofSeconds(1), MIN_POLL);
    List<RegisterConfig> registers = d.list("registers", AgentConfigLoader::register);
    if (registers.isEmpty()) {
      d.problem("device has no registers: list at least one under 'registers'");
    }
    AnalysisConfig analysis = d.has("analysis")
        ? AnalysisConfigBinder.bind(d, registers.stream().map(RegisterConfig::tag).toList()) : AnalysisConfig.NONE;
    return new DeviceConfig(id, d.string("name", id), category == null ? EquipmentCategory.OTHER : category,
        d.string("kind", "generic"), d.bool("simulated", false), endpoint, poll, registers, analysis);
  }

  /** Transport, address and data layout of a Modbus device (the protocol id was checked by device()). */
  private static ModbusEndpoint modbusEndpoint(ConfigNode d) {
    ModbusEndpoint.Transport transport = java.util.Arrays.stream(ModbusEndpoint.Transport.values())
        .filter(t -> t.id().equalsIgnoreCase(d.string("protocol", "modbus-tcp").trim())).findFirst().orElse(ModbusEndpoint.Transport.TCP);
    boolean serial = transport == ModbusEndpoint.Transport.RTU;
    Optional<ModbusEndpoint.SerialLine> line = Optional.empty();
    if (serial) {
      line = Optional.of(serialLine(d.get("serial").requireMapping()));
      for (String tcpOnly : List.of("host", "port")) {
        if (d.has(tcpOnly)) {
          d.get(tcpOnly).problem("not used by modbus-rtu (a serial line): set 'serial' instead");
        }
      }
    } else if (d.has("serial")) {
      d.get("serial").problem("only modbus-rtu uses a serial line; " + transport.id() + " uses host and port");
    }
    Map<String, ModbusEndpoint.Order> orders = Map.of("big", ModbusEndpoint.Order.BIG, "little", ModbusEndpoint.Order.LITTLE);
    boolean multiple = "multiple".equals(d.choice("write-functions", Map.of("single", "single", "multiple", "multiple"), "single"));
    ModbusEndpoint.Order words = d.choice("word-order", orders, ModbusEndpoint.Order.BIG);
    ModbusEndpoint.Order bytes = d.choice("byte-order", orders, ModbusEndpoint.Order.BIG);
    return new ModbusEndpoint(transport, serial ? "" : d.string("host"), serial ? 502 : d.integer("port", 502, 1, 65535),
        d.integer("unit-id", 1, 0, 255), d.duration("timeout", Duration.ofSeconds(1), MIN_POLL), line,
        words == null ? ModbusEndpoint.Order.BIG : words, bytes == null ? ModbusEndpoint.Order.BIG : bytes,
        d.integer("max-gap", ModbusEndpoint.DEFAULT_MAX_GAP, 0, 2000), multiple);
  }

  private static ModbusEndpoint.SerialLine serialLine(ConfigNode s) {
    s.allowOnly("port", "baud", "parity", "data-bits", "stop-bits");
    Map<String, ModbusEndpoint.Parity> parities = Map.of("none", ModbusEndpoint.Parity.NONE,
        "even", ModbusEndpoint.Parity.EVEN, "odd", ModbusEndpoint.Parity.ODD);
    // MODBUS over Serial Line V1.02 §2.5.1: the default is even parity, 8 data bits, 1 stop bit.
    String port = s.string("port");
    ModbusEndpoint.Parity parity = s.choice("parity", parities, ModbusEndpoint.Parity.EVEN);
    return new ModbusEndpoint.SerialLine(port, s.integer("baud", 9600, 300, 921_600),
        parity == null ? ModbusEndpoint.Parity.EVEN : parity, s.integer("data-bits", 8, 7, 8),
        s.integer("stop-bits", 1, 1, 2));
  }

  private static RegisterConfig register(ConfigNode r) {
    r.allowOnly("tag", "table", "address", "type", "scale", "offset", "unit", "filter", "bit", "remote");
    String tag = name(r, "tag");
    RegisterTable table = r.choice("table", TABLES, RegisterTable.HOLDING);
    RegisterTable t = table == null ? RegisterTable.HOLDING : table;
    RegisterType type = r.choice("type", RegisterType.byId(), t.bits() ? RegisterType.BOOL : RegisterType.UINT16);
    if (type == RegisterType.STRING) {
      r.get("type").problem("a string cannot be a point (points carry numbers); the device's identity "
          + "(vendor, product code, revision) is read with function 43/14; allowed: a numeric type or bool");
    } else if (type != null && t.bits() && type != RegisterType.BOOL) {
      r.get("type").problem("a " + t.id() + " is one bit: its type is bool, found '" + type.id() + "'");
    }
    RegisterType width = type == null || type == RegisterType.STRING || t.bits() ? (t.bits() ? RegisterType.BOOL : RegisterType.UINT16) : type;
    int address = r.integer("address", 0, 65536 - width.words());
    int bit = RegisterConfig.NO_BIT;
    if (r.has("bit")) {
      bit = r.integer("bit", 0, 15);
      if (width != RegisterType.BOOL || t.bits()) {
        r.get("bit").problem("'bit' picks one bit of a holding or input register for a tag of type bool");
        bit = RegisterConfig.NO_BIT;
      }
    } else if (width == RegisterType.BOOL && !t.bits()) {
      r.problem("a bool in a " + t.id() + " register needs 'bit: 0..15'");
      bit = 0;
    }
    return new RegisterConfig(tag, t, address, width, r.number("scale", 1.0), r.number("offset", 0.0),
        r.string("unit", ""), FilterConfigBinder.bind(r), bit, remote(r, t, bit));
  }

  /** {@code remote: {min: x, max: y}}: the cloud may write this tag within [min, max] (README §1.2 remote-control). */
  private static Optional<RemoteLimits> remote(ConfigNode r, RegisterTable table, int bit) {
    if (!r.has("remote")) {
      return Optional.empty();
    }
    ConfigNode n = r.get("remote").requireMapping();
    n.allowOnly("min", "max");
    if (!n.has("min") || !n.has("max")) {
      n.problem("'remote' needs both 'min' and 'max' (the range of values the cloud may write)");
      return Optional.empty();
    }
    double min = n.number("min", 0);
    double max = n.number("max", 0);
    if (!table.writable() || bit != RegisterConfig.NO_BIT) {
      n.problem("only a whole holding register or a coil can be written remotely, not a " + table.id()
          + (bit != RegisterConfig.NO_BIT ? " bit" : ""));
      return Optional.empty();
    }
    if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
      n.problem("'remote' needs min <= max, found min " + min + ", max " + max);
      return Optional.empty();
    }
    return Optional.of(new RemoteLimits(min, max));
  }

  private static String name(ConfigNode node, String key) {
    String value = node.string(key);
    if (!value.isEmpty() && !Names.isValid(value)) {
      node.get(key).problem("'" + value + "' is not a valid name; allowed: " + Names.rule());
    }
    return Names.isValid(value) ? value : "invalid";
  }

  private static void checkUnique(ConfigNode root, List<DeviceConfig> devices) {
    Set<String> ids = new HashSet<>();
    List<ConfigNode> nodes = root.list("devices");
    for (int i = 0; i < devices.size(); i++) {
      DeviceConfig device = devices.get(i);
      if (!ids.add(device.id())) {
        nodes.get(i).get("id").problem("duplicate device id '" + device.id() + "'");
      }
      Set<String> tags = new HashSet<>();
      List<ConfigNode> regs = nodes.get(i).list("registers");
      for (int j = 0; j < device.registers().size(); j++) {
        String tag = device.registers().get(j).tag();
        if (!tags.add(tag)) {
          regs.get(j).get("tag").problem("duplicate tag '" + tag + "' in device '" + device.id() + "'");
        }
      }
      ConfigNode node = nodes.get(i);
      if (device.other().isPresent()) {
        device.tags().stream().map(TagSpec::tag).filter(t -> !tags.add(t)).forEach(t ->
            node.problem("duplicate tag '" + t + "' in device '" + device.id() + "'"));
      }
    }
  }

}
