package io.eoc.edge.config;

import io.eoc.edge.filter.FilterConfig;
import io.eoc.wire.Names;
import java.util.Objects;

/**
 * One tag read from a Modbus table: engineering value = raw × scale + offset.
 *
 * @param table which of the four Modbus tables (function 1, 2, 3 or 4 reads it)
 * @param address register address, or bit address for coils and discrete inputs
 * @param bit for a {@code bool} in a holding or input register: which bit, 0 (least significant)
 *     to 15; {@link #NO_BIT} otherwise
 * @param remote present when the cloud may write this tag, within these limits
 */
public record RegisterConfig(String tag, RegisterTable table, int address, RegisterType type,
    double scale, double offset, String unit, FilterConfig filter, int bit, java.util.Optional<RemoteLimits> remote) {

  public static final int NO_BIT = -1;

  public RegisterConfig {
    Names.requireName(tag, "tag");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(filter, "filter");
    if (address < 0 || address + type.words() > 65536) {
      throw new IllegalArgumentException("register address " + address + " does not fit 0-65535 for " + type.id());
    }
    if (type == RegisterType.STRING) {
      throw new IllegalArgumentException("tag " + tag + ": a string register cannot be a numeric point");
    }
    if (table.bits() && type != RegisterType.BOOL) {
      throw new IllegalArgumentException("tag " + tag + ": a " + table.id() + " is a bit: its type is bool, not " + type.id());
    }
    if (bit != NO_BIT && (bit < 0 || bit > 15 || table.bits() || type != RegisterType.BOOL)) {
      throw new IllegalArgumentException("tag " + tag + ": bit " + bit + " needs a bool in a holding or input register, bit 0-15");
    }
    Objects.requireNonNull(remote, "remote");
    if (remote.isPresent() && (!table.writable() || bit != NO_BIT)) {
      throw new IllegalArgumentException("tag " + tag + ": only a whole holding register or a coil can be written remotely");
    }
  }

  public RegisterConfig(String tag, RegisterTable table, int address, RegisterType type, double scale, double offset,
      String unit, FilterConfig filter, int bit) {
    this(tag, table, address, type, scale, offset, unit, filter, bit, java.util.Optional.empty());
  }

  public RegisterConfig(String tag, RegisterTable table, int address, RegisterType type, double scale, double offset,
      String unit, FilterConfig filter) {
    this(tag, table, address, type, scale, offset, unit, filter, NO_BIT);
  }

  /** A register with the default filter for analog values. */
  public RegisterConfig(String tag, RegisterTable table, int address, RegisterType type, double scale, double offset, String unit) {
    this(tag, table, address, type, scale, offset, unit, FilterConfig.ANALOG);
  }

  public double engineering(double raw) {
    return raw * scale + offset;
  }

  /** The raw value to write for an engineering value: the inverse of {@link #engineering}. */
  public double raw(double engineering) {
    return (engineering - offset) / scale;
  }

  /**
   * The four Modbus tables (MODBUS Application Protocol V1.1b3 §4.3) and the functions that read
   * them.
   */
  public enum RegisterTable {
    HOLDING("holding", false, 3), INPUT("input", false, 4), COIL("coil", true, 1), DISCRETE_INPUT("discrete-input", true, 2);

    private final String id;
    private final boolean bits;
    private final int readFunction;

    RegisterTable(String id, boolean bits, int readFunction) {
      this.id = id;
      this.bits = bits;
      this.readFunction = readFunction;
    }

    public String id() {
      return id;
    }

    /** Whether the table holds single bits (coils, discrete inputs) rather than 16-bit registers. */
    public boolean bits() {
      return bits;
    }

    public int readFunction() {
      return readFunction;
    }

    /** Whether a master may write it: coils (5, 15) and holding registers (6, 16). */
    public boolean writable() {
      return this == HOLDING || this == COIL;
    }
  }
}
