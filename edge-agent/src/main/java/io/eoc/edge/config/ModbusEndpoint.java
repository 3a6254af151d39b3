package io.eoc.edge.config;

import java.time.Duration;
import java.util.Objects;

/** Where a Modbus TCP device answers. */
public record ModbusEndpoint(String host, int port, int unitId, Duration timeout) {
  public ModbusEndpoint {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1-65535, was " + port);
    }
    if (unitId < 0 || unitId > 255) {
      throw new IllegalArgumentException("unit id must be 0-255, was " + unitId);
    }
    Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public String toString() {
    return "modbus-tcp://" + host + ":" + port + "/" + unitId;
  }
}
