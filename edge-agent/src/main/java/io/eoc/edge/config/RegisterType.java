package io.eoc.edge.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** How a register value is laid out: number of 16-bit words and how to turn them into a number. */
public enum RegisterType {
  INT16("int16", 1),
  UINT16("uint16", 1),
  INT32("int32", 2),
  UINT32("uint32", 2),
  FLOAT32("float32", 2),
  INT64("int64", 4),
  FLOAT64("float64", 4);

  private final String id;
  private final int words;

  RegisterType(String id, int words) {
    this.id = id;
    this.words = words;
  }

  public String id() {
    return id;
  }

  public int words() {
    return words;
  }

  /**
   * Decodes {@code words()} registers starting at {@code offset}; registers are big-endian words,
   * high word first (the Modbus convention; per-device word order comes with the full driver).
   */
  public double decode(int[] registers, int offset) {
    long raw = 0;
    for (int i = 0; i < words; i++) {
      raw = (raw << 16) | (registers[offset + i] & 0xFFFF);
    }
    return switch (this) {
      case INT16 -> (short) raw;
      case UINT16, UINT32 -> raw;
      case INT32 -> (int) raw;
      case FLOAT32 -> Float.intBitsToFloat((int) raw);
      case INT64 -> raw;
      case FLOAT64 -> Double.longBitsToDouble(raw);
    };
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
