package io.eoc.wire.internal;

import io.eoc.wire.MalformedMessageException;

/**
 * Frame-of-reference bit packing of unsigned 64-bit values: blocks of {@value #BLOCK} values, each
 * a 7-bit width (0..64) and then every value of the block in that many bits. A block of zeros
 * costs 7 bits, so steady series (constant interval, constant value) nearly vanish, while one
 * outlier widens only its own block. Signed deltas go through {@link #zigzag} first.
 */
public final class PackedInts {
  static final int BLOCK = 32;
  private static final int WIDTH_BITS = 7;

  private PackedInts() {}

  public static void write(BitWriter out, long[] values, int from, int to) {
    for (int start = from; start < to; start += BLOCK) {
      int end = Math.min(to, start + BLOCK);
      long or = 0;
      for (int i = start; i < end; i++) {
        or |= values[i];
      }
      int width = 64 - Long.numberOfLeadingZeros(or);
      out.write(width, WIDTH_BITS);
      for (int i = start; i < end; i++) {
        out.write(values[i], width);
      }
    }
  }

  /** Reads {@code count} values into {@code into[offset..]}. */
  public static void read(BitReader in, long[] into, int offset, int count) throws MalformedMessageException {
    for (int start = 0; start < count; start += BLOCK) {
      int end = Math.min(count, start + BLOCK);
      int at = in.position();
      int width = (int) in.read(WIDTH_BITS, "packed block width");
      if (width > 64) {
        throw new MalformedMessageException("packed block width " + width + " exceeds 64", at);
      }
      for (int i = start; i < end; i++) {
        into[offset + i] = in.read(width, "packed value");
      }
    }
  }

  /** The number of bits {@link #write} would use, to choose between encodings without writing. */
  public static long bitSize(long[] values, int from, int to) {
    long bits = 0;
    for (int start = from; start < to; start += BLOCK) {
      int end = Math.min(to, start + BLOCK);
      long or = 0;
      for (int i = start; i < end; i++) {
        or |= values[i];
      }
      bits += WIDTH_BITS + (long) (end - start) * (64 - Long.numberOfLeadingZeros(or));
    }
    return bits;
  }

  /** Maps signed to unsigned so that small magnitudes get small codes (as in protobuf). */
  public static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  public static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }
}
