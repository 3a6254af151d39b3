package io.eoc.sim.plant;

import io.eoc.sim.fault.Fault;
import io.eoc.sim.model.Category;
import io.eoc.sim.model.DeviceIdentity;
import io.eoc.sim.model.TagSpec;
import io.eoc.sim.modbus.ModbusMap;
import io.eoc.sim.modbus.ModbusRegister;
import io.eoc.sim.modbus.ServedDevice;
import io.eoc.sim.modbus.ServedLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One running device of a {@link Plant}: how and where it is served, its tags and values. Faults
 * and the register map are Modbus TCP only; for a device served otherwise those methods throw
 * {@link UnsupportedOperationException}.
 */
public final class PlantDevice {

  private final String id;
  private final String name;
  private final String kind;
  private final Category category;
  private final Protocol protocol;
  private final Duration poll;
  private final List<TagSpec> tags;
  private final DeviceAccess access;

  PlantDevice(String name, Protocol protocol, Duration poll, ServedDevice served) {
    this(served.deviceId(), name, served.kind(), served.category(), protocol, poll, List.of(),
        new DeviceAccess.Modbus(served));
  }

  PlantDevice(DeviceSpec spec, List<TagSpec> tags, DeviceAccess access) {
    this(spec.id(), spec.name(), spec.kind(), spec.category(), spec.protocol(), spec.poll(), tags,
        access);
  }

  private PlantDevice(String id, String name, String kind, Category category, Protocol protocol,
      Duration poll, List<TagSpec> tags, DeviceAccess access) {
    this.id = id;
    this.name = name;
    this.kind = kind;
    this.category = category;
    this.protocol = protocol;
    this.poll = poll;
    this.tags = List.copyOf(tags);
    this.access = access;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String kind() {
    return kind;
  }

  public Category category() {
    return category;
  }

  public Protocol protocol() {
    return protocol;
  }

  public String host() {
    return access.host();
  }

  /**
   * The bound port (the ephemeral one if the scenario said 0): the Modbus server's, the OPC UA
   * server's or the MQTT broker's.
   */
  public int port() {
    return access.port();
  }

  /** The Modbus unit id. */
  public int unitId() {
    return modbus().unitId();
  }

  /** How often the generated agent configuration polls the device. */
  public Duration poll() {
    return poll;
  }

  /** The tags served, in the model's order; Modbus: in register order. */
  public List<String> tagNames() {
    if (access instanceof DeviceAccess.Modbus m) {
      return m.served().map().registers().stream().map(ModbusRegister::name).toList();
    }
    return tags.stream().map(TagSpec::name).toList();
  }

  /** OPC UA and MQTT: the model's tags, with their units. */
  List<TagSpec> tags() {
    return tags;
  }

  /** OPC UA only: the endpoint URL, {@code opc.tcp://127.0.0.1:4840/eoc}. */
  public String endpointUrl() {
    return opcUa("an endpoint URL").server().endpointUrl();
  }

  /** OPC UA only: the node id of a tag, {@code ns=2;s=wind-1.wind_speed}. */
  public String nodeId(String tag) {
    return opcUa("node ids").nodeId(tag);
  }

  /** MQTT only: the broker's URL, {@code tcp://127.0.0.1:1883}. */
  public String brokerUrl() {
    return mqtt("a broker").broker().url();
  }

  /** MQTT only: the topic the device publishes its telemetry to. */
  public String topic() {
    return mqtt("a telemetry topic").topic();
  }

  /** Tag, address, type, scale and unit of every register, in address order. */
  public List<ModbusRegister> registers() {
    return modbus().map().registers();
  }

  public ModbusMap map() {
    return modbus().map();
  }

  public DeviceIdentity identity() {
    return modbus().identity();
  }

  public ServedLog servedLog() {
    return modbus().servedLog();
  }

  /** The device's current values, before faults. */
  public Map<String, Double> values() {
    return access.values();
  }

  /**
   * Starts a fault (Modbus TCP only). Value faults and slow answers last until {@link #clear()};
   * a connection drop or a restart acts on the device's port, and so on every device sharing it.
   */
  public void inject(Fault fault) {
    modbus().inject(fault);
  }

  /** Ends every value fault and slow answers of this device (Modbus TCP only). */
  public void clear() {
    modbus().clear();
  }

  /** The faults in force (Modbus TCP only). */
  public List<Fault> faults() {
    return modbus().faults();
  }

  /**
   * Writes a set point or command as an operator would (Modbus TCP and OPC UA); see
   * {@link ServedDevice#write}.
   *
   * @throws UnsupportedOperationException for an MQTT device, naming its set topic
   */
  public CompletableFuture<Map<String, Double>> write(String tag, double value) {
    return access.write(tag, value);
  }

  /** The Modbus side of the device, for protocol-level access in tests. */
  public ServedDevice modbus() {
    if (access instanceof DeviceAccess.Modbus m) {
      return m.served();
    }
    throw unsupported("Modbus TCP access (register map, unit id, faults, served log)");
  }

  private DeviceAccess.OpcUa opcUa(String what) {
    if (access instanceof DeviceAccess.OpcUa o) {
      return o;
    }
    throw unsupported(what);
  }

  private DeviceAccess.Mqtt mqtt(String what) {
    if (access instanceof DeviceAccess.Mqtt m) {
      return m;
    }
    throw unsupported(what);
  }

  private UnsupportedOperationException unsupported(String what) {
    return new UnsupportedOperationException("device " + id + " is served over "
        + protocol.id() + ", which has no " + what);
  }

  /**
   * "boiler-1 industrial-boiler high-energy modbus-tcp 127.0.0.1:5020 unit 1",
   * "wind-1 wind-turbine new-energy opc-ua opc.tcp://127.0.0.1:4840/eoc".
   */
  public String describe() {
    return id + " " + kind + " " + category.id() + " " + protocol.id() + " " + access.address();
  }

  @Override
  public String toString() {
    return describe();
  }
}
