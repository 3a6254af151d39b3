package io.eoc.sim.plant;

import io.eoc.sim.model.EquipmentModel;
import io.eoc.sim.model.Models;
import io.eoc.sim.modbus.ModbusEquipmentServer;
import io.eoc.sim.modbus.ServedDevice;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running simulated plant: every device of a scenario served on its port, devices sharing a
 * port served as units behind one gateway. Simulated time starts at the clock's instant and
 * advances by each device's tick. {@link #close()} stops everything.
 */
public final class Plant implements AutoCloseable {

  /**
   * Reads kept per device: about 3 h of polling once a second. Smaller than a single boiler
   * server's, since a plant has many devices and each read keeps a map of its values.
   */
  public static final int SERVED_LOG_CAPACITY = 10_000;

  private static final Logger log = LoggerFactory.getLogger(Plant.class);

  private final String id;
  private final List<ModbusEquipmentServer> servers;
  private final Map<String, PlantDevice> devices;

  private Plant(String id, List<ModbusEquipmentServer> servers, List<PlantDevice> devices) {
    this.id = id;
    this.servers = List.copyOf(servers);
    this.devices = new LinkedHashMap<>();
    devices.forEach(d -> this.devices.put(d.id(), d));
  }

  /**
   * Starts every device of {@code scenario}, writing its set points first.
   *
   * @throws IllegalArgumentException if a device's protocol is not yet supported or a set point
   *     is refused
   * @throws java.net.BindException naming the device or gateway if a port is taken; the devices
   *     already started are closed again
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
    Map<String, List<DeviceSpec>> byServer = new LinkedHashMap<>();
    for (DeviceSpec d : scenario.devices()) {
      byServer.computeIfAbsent(d.serverKey(), k -> new ArrayList<>()).add(d);
    }
    Instant start = clock.instant();
    List<ModbusEquipmentServer> servers = new ArrayList<>();
    Map<String, PlantDevice> started = new LinkedHashMap<>();
    try {
      for (List<DeviceSpec> group : byServer.values()) {
        ModbusEquipmentServer server = startServer(group, clock, start);
        servers.add(server);
        for (DeviceSpec d : group) {
          started.put(d.id(), new PlantDevice(d.name(), d.protocol(), d.poll(),
              server.device(d.unitId())));
        }
      }
    } catch (IOException | RuntimeException e) {
      servers.forEach(ModbusEquipmentServer::close);
      throw e;
    }
    List<PlantDevice> ordered = scenario.devices().stream().map(d -> started.get(d.id())).toList();
    log.info("plant {} started: {} devices on {} ports", scenario.id(), ordered.size(),
        servers.size());
    return new Plant(scenario.id(), servers, ordered);
  }

  private static ModbusEquipmentServer startServer(List<DeviceSpec> group, Clock clock,
      Instant start) throws IOException {
    DeviceSpec first = group.get(0);
    List<ModbusEquipmentServer.Unit> units = new ArrayList<>();
    for (DeviceSpec d : group) {
      EquipmentModel model = Models.create(d.kind(), d.seed(), start);
      d.setpoints().forEach(model::write);
      units.add(new ModbusEquipmentServer.Unit(d.id(), d.unitId(), model, d.tick()));
    }
    ModbusEquipmentServer.Options options = new ModbusEquipmentServer.Options(first.serverName(),
        first.host(), first.port(), clock, SERVED_LOG_CAPACITY);
    return ModbusEquipmentServer.start(options, units);
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
    List<ModbusEquipmentServer> servers = new ArrayList<>();
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
      servers.forEach(ModbusEquipmentServer::close);
      throw e;
    }
    return new Plant("load-" + spec.devices() + "x" + spec.tagsPerDevice(), servers, devices);
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

  /** The servers, one per port. */
  public List<ModbusEquipmentServer> servers() {
    return servers;
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
    servers.forEach(ModbusEquipmentServer::close);
  }
}
