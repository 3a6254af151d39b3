package io.eoc.sim.plant;

import java.util.LinkedHashMap;
import java.util.Map;

/** How a simulated device is served. */
public enum Protocol {
  MODBUS_TCP("modbus-tcp", true),
  /** Accepted in scenario files; served by a later version. */
  OPC_UA("opc-ua", false),
  /** Accepted in scenario files; served by a later version. */
  MQTT("mqtt", false);

  private final String id;
  private final boolean supported;

  Protocol(String id, boolean supported) {
    this.id = id;
    this.supported = supported;
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
