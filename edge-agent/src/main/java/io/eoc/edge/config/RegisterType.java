package io.eoc.edge.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a tag is laid out: number of 16-bit words and how to turn them into a number. {@code BOOL}
 * is one coil or discrete input, or one bit of a register; {@code STRING} is text (registers of
 * two characters each) and is accepted by the configuration only to reject it with an explanation:
 * a point carries a number.
 */
public enum RegisterType {
  INT16("int16", 1),
  UINT16("uint16", 1),
  INT32("int32", 2),
  UINT32("uint32", 2),
  FLOAT32("float32", 2),
  INT64("int64", 4),
  FLOAT64("float64", 4),
  BOOL("bool", 1),
  STRING("string", 1);

  private final String id;
  private final int words;

  RegisterType(String id, int words) {
    this.id = id;
    this.words = words;
  }

  public String id() {
    return id;
  }

  /** Registers one value occupies (a bool: the one register its bit is in). */
  public int words() {
    return words;
  }

  /**
   * Decodes {@code words()} registers starting at {@code offset}; registers are big-endian words,
   * high word first (the Modbus convention). The driver applies per-device word and byte order
   * before calling this. A {@code BOOL} here is bit 0 of the register.
   */
  public double decode(int[] registers, int offset) {
    return fromRaw(raw(registers, offset));
  }

  long raw(int[] registers, int offset) {
    long raw = 0;
    for (int i = 0; i < words; i++) {
      raw = (raw << 16) | (registers[offset + i] & 0xFFFF);
    }
    return raw;
  }

  /** The number a raw big-endian bit pattern of this type stands for. */
  public double fromRaw(long raw) {
    return switch (this) {
      case INT16 -> (short) raw;
      case UINT16, UINT32 -> raw;
      case INT32 -> (int) raw;
      case FLOAT32 -> Float.intBitsToFloat((int) raw);
      case INT64 -> raw;
      case FLOAT64 -> Double.longBitsToDouble(raw);
      case BOOL -> raw & 1;
      case STRING -> throw new UnsupportedOperationException("a string register is not a number");
    };
  }

  /**
   * The raw bit pattern (low {@code 16 × words()} bits) that stands for {@code value}, for writes.
   *
   * @throws IllegalArgumentException if the value does not fit the type
   */
  public long toRaw(double value) {
    if (this == FLOAT32) {
      return Float.floatToIntBits((float) value) & 0xFFFF_FFFFL;
    }
    if (this == FLOAT64) {
      return Double.doubleToLongBits(value);
    }
    if (this == STRING) {
      throw new UnsupportedOperationException("a string register is not a number");
    }
    long v = Math.round(value);
    long[] range = switch (this) {
      case INT16 -> new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
      case UINT16 -> new long[] {0, 0xFFFF};
      case INT32 -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
      case UINT32 -> new long[] {0, 0xFFFF_FFFFL};
      case BOOL -> new long[] {0, 1};
      default -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
    };
    if (!Double.isFinite(value) || v < range[0] || v > range[1]) {
      throw new IllegalArgumentException(value + " does not fit " + id + " (" + range[0] + " to " + range[1] + ")");
    }
    return words == 4 ? v : v & ((1L << (16 * words)) - 1);
  }

  /** The ids accepted in configuration files, for error messages. */
  public static Map<String, RegisterType> byId() {
    Map<String, RegisterType> map = new LinkedHashMap<>();
    for (RegisterType t : values()) {
      map.put(t.id, t);
    }
    return map;
  }
}
