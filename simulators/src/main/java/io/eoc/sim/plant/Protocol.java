package io.eoc.sim.plant;

import java.util.LinkedHashMap;
import java.util.Map;

/** How a simulated device is served. */
public enum Protocol {
  MODBUS_TCP("modbus-tcp", "Modbus TCP", true),
  /** Served by an in-process OPC UA server, one per port or gateway. */
  OPC_UA("opc-ua", "OPC UA", true),
  /** Published to the plant's embedded broker. */
  MQTT("mqtt", "MQTT", true);

  private final String id;
  private final String label;
  private final boolean supported;

  Protocol(String id, String label, boolean supported) {
    this.id = id;
    this.label = label;
    this.supported = supported;
  }

  /** The name for people ("Modbus TCP"). */
  public String label() {
    return label;
  }

  /** The id in scenario and agent files ("modbus-tcp"). */
  public String id() {
    return id;
  }

  /** Whether the simulator can serve it yet. */
  public boolean supported() {
    return supported;
  }

  /** Every protocol by id, for configuration choices. */
  public static Map<String, Protocol> byId() {
    Map<String, Protocol> map = new LinkedHashMap<>();
    for (Protocol p : values()) {
      map.put(p.id, p);
    }
    return map;
  }
}
