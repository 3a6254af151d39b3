package io.eoc.sim.plant;

import io.eoc.sim.fault.Fault;
import io.eoc.sim.model.Category;
import io.eoc.sim.model.DeviceIdentity;
import io.eoc.sim.modbus.ModbusMap;
import io.eoc.sim.modbus.ModbusRegister;
import io.eoc.sim.modbus.ServedDevice;
import io.eoc.sim.modbus.ServedLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One running device of a {@link Plant}: where it is served, its register map, what it served,
 * and its faults.
 */
public final class PlantDevice {

  private final String name;
  private final Protocol protocol;
  private final Duration poll;
  private final ServedDevice served;

  PlantDevice(String name, Protocol protocol, Duration poll, ServedDevice served) {
    this.name = name;
    this.protocol = protocol;
    this.poll = poll;
    this.served = served;
  }

  public String id() {
    return served.deviceId();
  }

  public String name() {
    return name;
  }

  public String kind() {
    return served.kind();
  }

  public Category category() {
    return served.category();
  }

  public Protocol protocol() {
    return protocol;
  }

  public String host() {
    return served.host();
  }

  /** The bound port (the ephemeral one if the scenario said 0). */
  public int port() {
    return served.port();
  }

  public int unitId() {
    return served.unitId();
  }

  /** How often the generated agent configuration polls the device. */
  public Duration poll() {
    return poll;
  }

  /** Tag, address, type, scale and unit of every register, in address order. */
  public List<ModbusRegister> registers() {
    return served.map().registers();
  }

  public ModbusMap map() {
    return served.map();
  }

  public DeviceIdentity identity() {
    return served.identity();
  }

  public ServedLog servedLog() {
    return served.servedLog();
  }

  /** The device's current values, before faults. */
  public Map<String, Double> values() {
    return served.values();
  }

  /**
   * Starts a fault. Value faults and slow answers last until {@link #clear()}; a connection drop
   * or a restart acts on the device's port, and so on every device sharing it.
   */
  public void inject(Fault fault) {
    served.inject(fault);
  }

  /** Ends every value fault and slow answers of this device. */
  public void clear() {
    served.clear();
  }

  public List<Fault> faults() {
    return served.faults();
  }

  /** Writes a set point or command as an operator would; see {@link ServedDevice#write}. */
  public CompletableFuture<Map<String, Double>> write(String tag, double value) {
    return served.write(tag, value);
  }

  /** The Modbus side of the device, for protocol-level access in tests. */
  public ServedDevice modbus() {
    return served;
  }

  /** "boiler-1 industrial-boiler high-energy modbus-tcp 127.0.0.1:5020 unit 1". */
  public String describe() {
    return id() + " " + kind() + " " + category().id() + " " + protocol().id() + " " + host()
        + ":" + port() + " unit " + unitId();
  }

  @Override
  public String toString() {
    return describe();
  }
}
