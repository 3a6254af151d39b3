package io.eoc.wire.internal;

import java.util.Arrays;

/** Appends bit fields most-significant bit first; {@link #toByteArray()} pads the last byte with zeros. */
public final class BitWriter {
  private byte[] buf = new byte[32];
  private int size;
  private long acc;
  private int accBits;

  /** Writes the low {@code bits} bits of {@code value} (0 ≤ bits ≤ 64). */
  public BitWriter write(long value, int bits) {
    if (bits < 0 || bits > 64) {
      throw new IllegalArgumentException("bits must be 0..64, was " + bits);
    }
    if (bits > 32) {
      writeSmall(value >>> 32, bits - 32);
      writeSmall(value, 32);
    } else {
      writeSmall(value, bits);
    }
    return this;
  }

  public BitWriter bit(boolean b) {
    return write(b ? 1 : 0, 1);
  }

  /** How many bits have been written. */
  public long bitLength() {
    return (long) size * 8 + accBits;
  }

  public byte[] toByteArray() {
    byte[] out = Arrays.copyOf(buf, size + (accBits > 0 ? 1 : 0));
    if (accBits > 0) {
      out[size] = (byte) (acc << (8 - accBits));
    }
    return out;
  }

  private void writeSmall(long value, int bits) {
    if (bits == 0) {
      return;
    }
    acc = (acc << bits) | (value & (-1L >>> (64 - bits)));
    accBits += bits;
    while (accBits >= 8) {
      accBits -= 8;
      if (size == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      buf[size++] = (byte) (acc >>> accBits);
    }
  }
}
