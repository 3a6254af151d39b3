package io.eoc.edge.config;

import io.eoc.edge.filter.FilterConfig;
import io.eoc.wire.Names;
import java.util.Objects;

/**
 * One tag read from Modbus registers: engineering value = raw × scale + offset.
 *
 * @param table holding registers (function 3) or input registers (function 4)
 */
public record RegisterConfig(String tag, RegisterTable table, int address, RegisterType type,
    double scale, double offset, String unit, FilterConfig filter) {

  public RegisterConfig {
    Names.requireName(tag, "tag");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(filter, "filter");
    if (address < 0 || address + type.words() > 65536) {
      throw new IllegalArgumentException("register address " + address + " does not fit 0-65535 for " + type.id());
    }
  }

  /** A register with the default filter for analog values. */
  public RegisterConfig(String tag, RegisterTable table, int address, RegisterType type, double scale, double offset, String unit) {
    this(tag, table, address, type, scale, offset, unit, FilterConfig.ANALOG);
  }

  public double engineering(double raw) {
    return raw * scale + offset;
  }

  /** Modbus register tables readable by the skeleton driver. */
  public enum RegisterTable {
    HOLDING, INPUT
  }
}
