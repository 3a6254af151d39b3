package io.eoc.sim.plant;

import io.eoc.sim.model.EquipmentModel;
import io.eoc.sim.model.Models;
import io.eoc.sim.modbus.ModbusEquipmentServer;
import io.eoc.sim.modbus.ServedDevice;
import io.eoc.sim.mqtt.EmbeddedBroker;
import io.eoc.sim.mqtt.MqttEquipmentPublisher;
import io.eoc.sim.opcua.OpcUaEquipmentServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running simulated plant: every device of a scenario served over its protocol. Modbus TCP
 * devices sharing a port are served as units behind one gateway; OPC UA devices sharing a port or
 * gateway are objects of one server; MQTT devices publish through one embedded broker, started
 * only if some device uses MQTT. Simulated time starts at the clock's instant and advances by
 * each device's tick. {@link #close()} stops everything.
 */
public final class Plant implements AutoCloseable {

  /**
   * Reads kept per device: about 3 h of polling once a second. Smaller than a single boiler
   * server's, since a plant has many devices and each read keeps a map of its values.
   */
  public static final int SERVED_LOG_CAPACITY = 10_000;

  private static final Logger log = LoggerFactory.getLogger(Plant.class);

  private final String id;
  private final Running running;
  private final Map<String, PlantDevice> devices;

  private Plant(String id, Running running, List<PlantDevice> devices) {
    this.id = id;
    this.running = running;
    this.devices = new LinkedHashMap<>();
    devices.forEach(d -> this.devices.put(d.id(), d));
  }

  /**
   * Starts every device of {@code scenario}, writing its set points first.
   *
   * @throws IllegalArgumentException if a device's protocol is not supported or a set point is
   *     refused
   * @throws java.net.BindException naming the device or gateway if a Modbus port is taken; the
   *     devices already started are closed again (so on any other failure)
   */
  public static Plant start(PlantScenario scenario, Clock clock) throws IOException {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(clock, "clock");
    for (DeviceSpec d : scenario.devices()) {
      if (!d.protocol().supported()) {
        throw new IllegalArgumentException("device " + d.id() + ": protocol '"
            + d.protocol().id() + "' is not yet supported by the simulator");
      }
    }
    Instant start = clock.instant();
    Running running = new Running();
    Map<String, PlantDevice> started = new LinkedHashMap<>();
    try {
      for (List<DeviceSpec> group : groups(scenario, Protocol.MODBUS_TCP)) {
        ModbusEquipmentServer server = startModbus(group, clock, start);
        running.modbus.add(server);
        group.forEach(d -> started.put(d.id(), new PlantDevice(d.name(), d.protocol(), d.poll(),
            server.device(d.unitId()))));
      }
      for (List<DeviceSpec> group : groups(scenario, Protocol.OPC_UA)) {
        startOpcUa(group, start, running, started);
      }
      List<DeviceSpec> mqtt = scenario.devices().stream()
          .filter(d -> d.protocol() == Protocol.MQTT).toList();
      if (!mqtt.isEmpty()) {
        startMqtt(scenario.id(), mqtt, start, running, started);
      }
    } catch (IOException | RuntimeException e) {
      running.close();
      throw e;
    }
    List<PlantDevice> ordered = scenario.devices().stream().map(d -> started.get(d.id())).toList();
    log.info("plant {} started: {} devices, {} Modbus TCP and {} OPC UA servers, {} MQTT broker",
        scenario.id(), ordered.size(), running.modbus.size(), running.opcUa.size(),
        running.broker == null ? "no" : "one");
    return new Plant(scenario.id(), running, ordered);
  }

  /** The devices of one protocol, grouped by the server that serves them. */
  private static List<List<DeviceSpec>> groups(PlantScenario scenario, Protocol protocol) {
    Map<String, List<DeviceSpec>> byServer = new LinkedHashMap<>();
    for (DeviceSpec d : scenario.devices()) {
      if (d.protocol() == protocol) {
        byServer.computeIfAbsent(d.serverKey(), k -> new ArrayList<>()).add(d);
      }
    }
    return List.copyOf(byServer.values());
  }

  private static EquipmentModel model(DeviceSpec d, Instant start) {
    EquipmentModel model = Models.create(d.kind(), d.seed(), start);
    d.setpoints().forEach(model::write);
    return model;
  }

  private static ModbusEquipmentServer startModbus(List<DeviceSpec> group, Clock clock,
      Instant start) throws IOException {
    DeviceSpec first = group.get(0);
    List<ModbusEquipmentServer.Unit> units = new ArrayList<>();
    for (DeviceSpec d : group) {
      units.add(new ModbusEquipmentServer.Unit(d.id(), d.unitId(), model(d, start), d.tick()));
    }
    ModbusEquipmentServer.Options options = new ModbusEquipmentServer.Options(first.serverName(),
        first.host(), first.port(), clock, SERVED_LOG_CAPACITY);
    return ModbusEquipmentServer.start(options, units);
  }

  /**
   * One OPC UA server for the group, ticking at its first device's tick. Its PKI (own
   * certificate, trust lists) lives in a temporary directory of the plant, deleted on close:
   * the demo's endpoints offer SecurityPolicy None, so nothing there needs to outlive the plant.
   */
  private static void startOpcUa(List<DeviceSpec> group, Instant start, Running running,
      Map<String, PlantDevice> started) throws IOException {
    DeviceSpec first = group.get(0);
    Map<String, EquipmentModel> models = new LinkedHashMap<>();
    group.forEach(d -> models.put(d.id(), model(d, start)));
    OpcUaEquipmentServer server = OpcUaEquipmentServer.start(new OpcUaEquipmentServer.Options(
        first.host(), first.port(), first.tick(), running.pkiDir().resolve(first.serverName())),
        models);
    running.opcUa.add(server);
    for (DeviceSpec d : group) {
      EquipmentModel model = models.get(d.id());
      started.put(d.id(), new PlantDevice(d, model.tags(),
          new DeviceAccess.OpcUa(server, d.id(), model)));
    }
  }

  /**
   * One embedded broker and one publisher for every MQTT device, publishing at the first
   * device's tick; port and gateway do not apply, the broker takes a free port.
   */
  private static void startMqtt(String plantId, List<DeviceSpec> specs, Instant start,
      Running running, Map<String, PlantDevice> started) throws IOException {
    Map<String, Map<String, Double>> latest = new ConcurrentHashMap<>();
    List<MqttEquipmentPublisher.Device> devices = new ArrayList<>();
    Map<String, EquipmentModel> models = new LinkedHashMap<>();
    for (DeviceSpec d : specs) {
      EquipmentModel model = model(d, start);
      models.put(d.id(), model);
      latest.put(d.id(), Map.copyOf(model.values()));
      devices.add(new MqttEquipmentPublisher.Device(d.id(), model));
    }
    running.broker = EmbeddedBroker.start();
    MqttEquipmentPublisher.Options options = MqttEquipmentPublisher.Options
        .of(running.broker.url(), plantId).withTick(specs.get(0).tick())
        .withOnPublish(p -> latest.put(p.deviceId(), p.values()));
    running.publisher = MqttEquipmentPublisher.start(options, devices);
    for (DeviceSpec d : specs) {
      started.put(d.id(), new PlantDevice(d, models.get(d.id()).tags(),
          new DeviceAccess.Mqtt(running.broker, plantId, d.id(), latest)));
    }
  }

  /**
   * Starts a synthetic plant for benchmarks ({@link LoadSpec}): devices load-1, load-2, …, of
   * category other, whose values change every tick from a precomputed table.
   */
  public static Plant load(LoadSpec spec, Clock clock) throws IOException {
    Objects.requireNonNull(spec, "spec");
    LoadModel.Frames frames = new LoadModel.Frames(spec.tagsPerDevice());
    Instant start = clock.instant();
    // Reads of a benchmark are many: keep a small log per device.
    int logCapacity = 1_000;
    Running running = new Running();
    List<ModbusEquipmentServer> servers = running.modbus;
    List<PlantDevice> devices = new ArrayList<>();
    try {
      for (int first = 0; first < spec.devices(); first += spec.devicesPerPort()) {
        int count = Math.min(spec.devicesPerPort(), spec.devices() - first);
        List<ModbusEquipmentServer.Unit> units = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          int n = first + i + 1;
          units.add(new ModbusEquipmentServer.Unit("load-" + n, i + 1,
              new LoadModel(frames, n, start), spec.tick()));
        }
        ModbusEquipmentServer server = ModbusEquipmentServer.start(
            new ModbusEquipmentServer.Options("load-port-" + (servers.size() + 1), spec.host(), 0,
                clock, logCapacity), units);
        servers.add(server);
        for (ServedDevice d : server.devices()) {
          devices.add(new PlantDevice(d.deviceId(), Protocol.MODBUS_TCP, spec.tick(), d));
        }
      }
    } catch (IOException | RuntimeException e) {
      running.close();
      throw e;
    }
    return new Plant("load-" + spec.devices() + "x" + spec.tagsPerDevice(), running, devices);
  }

  public String id() {
    return id;
  }

  /** Every device, in scenario order. */
  public List<PlantDevice> devices() {
    return List.copyOf(devices.values());
  }

  /** @throws IllegalArgumentException naming the known devices if there is no such device */
  public PlantDevice device(String deviceId) {
    PlantDevice device = devices.get(deviceId);
    if (device == null) {
      throw new IllegalArgumentException("plant " + id + " has no device '" + deviceId
          + "'; devices: " + String.join(", ", devices.keySet()));
    }
    return device;
  }

  /** The Modbus TCP servers, one per port. */
  public List<ModbusEquipmentServer> servers() {
    return List.copyOf(running.modbus);
  }

  /** The OPC UA servers, one per port or gateway. */
  public List<OpcUaEquipmentServer> opcUaServers() {
    return List.copyOf(running.opcUa);
  }

  /** The embedded MQTT broker, if some device publishes over MQTT. */
  public Optional<EmbeddedBroker> broker() {
    return Optional.ofNullable(running.broker);
  }

  /** "8 Modbus TCP, 2 OPC UA, 2 MQTT": how many devices each protocol serves. */
  public String protocolSummary() {
    return devicesPerProtocol().entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey().label())
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** How many devices each protocol serves, in protocol order; protocols without devices left out. */
  public Map<Protocol, Long> devicesPerProtocol() {
    Map<Protocol, Long> counts = new EnumMap<>(Protocol.class);
    devices.values().forEach(d -> counts.merge(d.protocol(), 1L, Long::sum));
    return counts;
  }

  /**
   * The edge agent's configuration that polls every device of this plant, in the agent's YAML
   * format, with the real bound ports.
   *
   * @param agentId the agent's id
   * @param cloudUrl where the agent sends telemetry: tcp://host:port or ssl://host:port
   */
  public String agentYaml(String agentId, String cloudUrl) {
    return AgentYaml.render(id, agentId, cloudUrl, devices());
  }

  /** Closes every port, connection and thread; idempotent. */
  @Override
  public void close() {
    running.close();
  }

  /** What a plant started, closed in reverse: publisher, broker, servers, then the PKI. */
  private static final class Running {
    final List<ModbusEquipmentServer> modbus = new ArrayList<>();
    final List<OpcUaEquipmentServer> opcUa = new ArrayList<>();
    EmbeddedBroker broker;
    MqttEquipmentPublisher publisher;
    private Path pkiDir;

    synchronized Path pkiDir() throws IOException {
      if (pkiDir == null) {
        pkiDir = Files.createTempDirectory("eoc-plant-pki-");
      }
      return pkiDir;
    }

    synchronized void close() {
      if (publisher != null) {
        publisher.close();
        publisher = null;
      }
      if (broker != null) {
        broker.close();
        broker = null;
      }
      opcUa.forEach(OpcUaEquipmentServer::close);
      modbus.forEach(ModbusEquipmentServer::close);
      if (pkiDir != null) {
        delete(pkiDir);
        pkiDir = null;
      }
    }

    private static void delete(Path dir) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        log.warn("could not delete {}", dir, e);
      }
    }
  }
}
