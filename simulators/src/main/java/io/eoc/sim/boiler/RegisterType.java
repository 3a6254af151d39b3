package io.eoc.sim.boiler;

/**
 * How one tag is laid out in 16-bit holding registers. Multi-word types are big-endian words,
 * high word first (MODBUS Application Protocol V1.1b3 §4.2 defines big-endian bytes within a
 * register; word order is the device's choice, and this device puts the high word first).
 *
 * <p>Deliberately independent of the agent's decoder ({@code io.eoc.edge.config.RegisterType}):
 * the simulator is the oracle in end-to-end tests, and a decoder shared by both sides would hide
 * its own bugs.
 */
public enum RegisterType {
  UINT16("uint16", 1) {
    @Override
    public void encode(double raw, short[] into, int offset) {
      into[offset] = (short) Math.max(0, Math.min(0xFFFF, Math.round(raw)));
    }

    @Override
    public double decode(short[] words, int offset) {
      return words[offset] & 0xFFFF;
    }
  },
  INT16("int16", 1) {
    @Override
    public void encode(double raw, short[] into, int offset) {
      into[offset] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(raw)));
    }

    @Override
    public double decode(short[] words, int offset) {
      return words[offset];
    }
  },
  /** Counters (energy, run hours, parts): 0 to 4 294 967 295, high word first. */
  UINT32("uint32", 2) {
    @Override
    public void encode(double raw, short[] into, int offset) {
      long bits = Math.max(0, Math.min(0xFFFF_FFFFL, Math.round(raw)));
      into[offset] = (short) (bits >>> 16);
      into[offset + 1] = (short) bits;
    }

    @Override
    public double decode(short[] words, int offset) {
      return ((long) (words[offset] & 0xFFFF) << 16) | (words[offset + 1] & 0xFFFF);
    }
  },
  FLOAT32("float32", 2) {
    @Override
    public void encode(double raw, short[] into, int offset) {
      int bits = Float.floatToIntBits((float) raw);
      into[offset] = (short) (bits >>> 16);
      into[offset + 1] = (short) bits;
    }

    @Override
    public double decode(short[] words, int offset) {
      return Float.intBitsToFloat(((words[offset] & 0xFFFF) << 16) | (words[offset + 1] & 0xFFFF));
    }
  };

  private final String id;
  private final int words;

  RegisterType(String id, int words) {
    this.id = id;
    this.words = words;
  }

  /** The name used in configuration files and summaries ("uint16", "float32"). */
  public String id() {
    return id;
  }

  /** Number of 16-bit registers the type occupies. */
  public int words() {
    return words;
  }

  /**
   * Writes the raw (unscaled) value into {@code words()} registers at {@code offset}, rounding
   * integers and saturating at the type's range.
   */
  public abstract void encode(double raw, short[] into, int offset);

  /** Reads the raw (unscaled) value from {@code words()} registers at {@code offset}. */
  public abstract double decode(short[] words, int offset);
}
