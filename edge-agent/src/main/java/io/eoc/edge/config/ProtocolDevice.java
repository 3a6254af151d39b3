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

  /**
   * True when the driver reads every tag once per poll interval, so that the poll plan sets the
   * number of raw points (the cloud's data-completeness denominator); false when the source decides
   * when values arrive (a device that pushes, a subscription reporting changes).
   */
  default boolean readsEveryTagEachPoll() {
    return false;
  }

  DeviceDriver createDriver(DeviceConfig device, Clock clock);
}
