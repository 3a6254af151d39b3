package io.eoc.edge.config;

import io.eoc.edge.DeviceDriver;
import java.time.Clock;
import java.util.List;

/**
 * The protocol-specific part of a device other than Modbus (OPC UA, MQTT): bound from the device's
 * YAML by a {@link ProtocolBinder}, it knows its tags and creates its driver.
 */
public interface ProtocolDevice {
  /** The protocol id used in configuration, e.g. {@code opc-ua}. */
  String protocol();

  /** Where the device is reached, for status output (never secrets). */
  String endpoint();

  List<TagSpec> tags();

  DeviceDriver createDriver(DeviceConfig device, Clock clock);
}
