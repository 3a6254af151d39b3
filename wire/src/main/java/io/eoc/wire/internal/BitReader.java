package io.eoc.wire.internal;

import io.eoc.wire.MalformedMessageException;

/**
 * Reads bit fields most-significant bit first from a byte range, with a bounds check on every
 * read: running off the end is a {@link MalformedMessageException}, never an index exception.
 */
public final class BitReader {
  private final byte[] data;
  private final long endBit;
  private final String label;
  private long bit;

  BitReader(byte[] data, int start, int end, String label) {
    this.data = data;
    this.bit = (long) start * 8;
    this.endBit = (long) end * 8;
    this.label = label;
  }

  /** Reads {@code bits} bits (0 ≤ bits ≤ 64) as an unsigned value. */
  public long read(int bits, String what) throws MalformedMessageException {
    if (bits < 0 || bits > 64 || endBit - bit < bits) {
      throw new MalformedMessageException(label + what + ": truncated (needs " + bits + " bits, "
          + (endBit - bit) + " left)", (int) (bit / 8));
    }
    long v = 0;
    int left = bits;
    while (left > 0) {
      int index = (int) (bit >>> 3);
      int offset = (int) (bit & 7);
      int take = Math.min(8 - offset, left);
      int chunk = ((data[index] & 0xFF) >>> (8 - offset - take)) & ((1 << take) - 1);
      v = (v << take) | chunk;
      bit += take;
      left -= take;
    }
    return v;
  }

  public boolean bit(String what) throws MalformedMessageException {
    return read(1, what) == 1;
  }

  /** The byte offset just after the last bit read (the padding of a partial byte is skipped). */
  public int alignedPosition() {
    return (int) ((bit + 7) >>> 3);
  }

  /** The byte offset of the next bit, for error messages. */
  public int position() {
    return (int) (bit >>> 3);
  }
}
