package io.eoc.edge.modbus;

import java.util.Objects;

/**
 * The basic device identification objects 0x00-0x02 of function 43 / MEI type 14 (MODBUS
 * Application Protocol V1.1b3 §6.21), mandatory for every device that implements the function.
 */
public record ModbusIdentity(String vendorName, String productCode, String revision) {
  public ModbusIdentity {
    Objects.requireNonNull(vendorName, "vendorName");
    Objects.requireNonNull(productCode, "productCode");
    Objects.requireNonNull(revision, "revision");
  }
}
