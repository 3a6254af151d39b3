package io.eoc.wire.internal;

import io.eoc.wire.MalformedMessageException;
import java.util.Arrays;

/**
 * The timestamps (µs) of one series: the first as a zigzag offset from the batch's createdAt, then
 * the rest in whichever of two forms is smaller:
 * <ul>
 *   <li>delta-of-delta (Gorilla, VLDB 2015 §4.1.1): the first delta, then {@code Δ[i] - Δ[i-1]};
 *       best when the interval drifts;
 *   <li>delta from a base interval (the median delta): {@code Δ[i] - base}; best for a fixed-rate
 *       poll with independent jitter, where delta-of-delta would double the jitter's range.
 * </ul>
 * Both are zigzag bit-packed ({@link PackedInts}). When every delta is a multiple of a unit (an
 * agent that keeps milliseconds: 1000), the deltas are divided by it first. Order is kept as given
 * (timestamps need not be monotonic); arithmetic wraps, so every {@code long} round-trips.
 *
 * <pre>
 * first zigzag varint | if n &gt; 1: mode u8 (bit 0: 0 = delta-of-delta, 1 = from base; bit 1: unit)
 * | [unit varint ≥ 2] | first delta or base, zigzag varint | packed zigzag values
 * </pre>
 */
public final class TimeColumn {
  private static final int DELTA_OF_DELTA = 0;
  private static final int DELTA_FROM_BASE = 1;
  private static final int HAS_UNIT = 2;

  private TimeColumn() {}

  public static void write(WireWriter out, long[] micros, long origin) {
    int n = micros.length;
    out.zigzag(micros[0] - origin);
    if (n == 1) {
      return;
    }
    long[] deltas = new long[n];
    for (int i = 1; i < n; i++) {
      deltas[i] = micros[i] - micros[i - 1];
    }
    long unit = unit(deltas);
    for (int i = 1; i < n; i++) {
      deltas[i] /= unit;
    }
    long base = median(deltas);
    long[] dod = new long[n];
    long[] fromBase = new long[n];
    for (int i = 1; i < n; i++) {
      dod[i] = i == 1 ? 0 : PackedInts.zigzag(deltas[i] - deltas[i - 1]);
      fromBase[i] = PackedInts.zigzag(deltas[i] - base);
    }
    long dodBits = PackedInts.bitSize(dod, 2, n) + 8L * varintLength(PackedInts.zigzag(deltas[1]));
    long baseBits = PackedInts.bitSize(fromBase, 1, n) + 8L * varintLength(PackedInts.zigzag(base));
    boolean useDod = dodBits <= baseBits;
    out.u8((useDod ? DELTA_OF_DELTA : DELTA_FROM_BASE) | (unit > 1 ? HAS_UNIT : 0));
    if (unit > 1) {
      out.varint(unit);
    }
    out.zigzag(useDod ? deltas[1] : base);
    BitWriter bits = new BitWriter();
    PackedInts.write(bits, useDod ? dod : fromBase, useDod ? 2 : 1, n);
    out.bytes(bits.toByteArray());
  }

  /** The greatest common divisor of the deltas, or 1 if there is none worth using. */
  private static long unit(long[] deltas) {
    long g = 0;
    for (int i = 1; i < deltas.length && g != 1; i++) {
      if (deltas[i] == Long.MIN_VALUE) {
        return 1;
      }
      long a = Math.abs(deltas[i]);
      while (a != 0) {
        long t = g % a;
        g = a;
        a = t;
      }
    }
    return Math.max(g, 1);
  }

  public static long[] read(WireReader in, int n, long origin) throws MalformedMessageException {
    long[] micros = new long[n];
    micros[0] = origin + in.zigzag("first timestamp");
    if (n == 1) {
      return micros;
    }
    int at = in.position();
    int mode = in.u8("timestamp mode");
    if ((mode & ~(DELTA_FROM_BASE | HAS_UNIT)) != 0) {
      throw in.error("unknown timestamp mode " + mode, at);
    }
    long unit = 1;
    if ((mode & HAS_UNIT) != 0) {
      int unitAt = in.position();
      unit = in.varint("timestamp unit");
      if (unit < 2) {
        throw in.error("timestamp unit " + unit + " must be at least 2", unitAt);
      }
    }
    boolean dod = (mode & DELTA_FROM_BASE) == 0;
    long first = in.zigzag(dod ? "first delta" : "base interval");
    long[] packed = new long[n];
    BitReader bits = in.beginBits();
    int from = dod ? 2 : 1;
    PackedInts.read(bits, packed, from, n - from);
    in.endBits(bits);
    long delta = first;
    for (int i = 1; i < n; i++) {
      long d = i < from ? 0 : PackedInts.unzigzag(packed[i]);
      delta = dod ? delta + d : first + d;
      micros[i] = micros[i - 1] + delta * unit;
    }
    return micros;
  }

  private static long median(long[] deltas) {
    long[] sorted = Arrays.copyOfRange(deltas, 1, deltas.length);
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  static int varintLength(long v) {
    return Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 6) / 7);
  }
}
