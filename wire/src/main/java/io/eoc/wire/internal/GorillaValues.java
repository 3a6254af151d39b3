package io.eoc.wire.internal;

import io.eoc.wire.MalformedMessageException;

/**
 * XOR compression of doubles, Pelkonen et al., "Gorilla: A Fast, Scalable, In-Memory Time Series
 * Database", VLDB 2015, §4.1.2: the first value in 64 bits, then the XOR with the previous value:
 * '0' when equal; '10' + the meaningful bits when they fit the previous leading/trailing-zero
 * window; '11' + 5 bits of leading zeros + 6 bits of meaningful length (0 meaning 64) + the bits.
 * Works on raw bits, so NaN payloads, ±Inf and -0.0 survive exactly.
 */
public final class GorillaValues {
  private GorillaValues() {}

  public static void write(BitWriter out, double[] values) {
    long prev = Double.doubleToRawLongBits(values[0]);
    out.write(prev, 64);
    int prevLead = -1;
    int prevTrail = 0;
    for (int i = 1; i < values.length; i++) {
      long bits = Double.doubleToRawLongBits(values[i]);
      long x = bits ^ prev;
      prev = bits;
      if (x == 0) {
        out.bit(false);
        continue;
      }
      int lead = Math.min(31, Long.numberOfLeadingZeros(x));
      int trail = Long.numberOfTrailingZeros(x);
      if (prevLead >= 0 && lead >= prevLead && trail >= prevTrail) {
        out.write(0b10, 2).write(x >>> prevTrail, 64 - prevLead - prevTrail);
      } else {
        int meaningful = 64 - lead - trail;
        out.write(0b11, 2).write(lead, 5).write(meaningful & 63, 6).write(x >>> trail, meaningful);
        prevLead = lead;
        prevTrail = trail;
      }
    }
  }

  public static double[] read(BitReader in, int count) throws MalformedMessageException {
    double[] values = new double[count];
    long prev = in.read(64, "first value");
    values[0] = Double.longBitsToDouble(prev);
    int lead = -1;
    int trail = 0;
    for (int i = 1; i < count; i++) {
      if (in.bit("xor control")) {
        int at = in.position();
        if (in.bit("xor control")) {
          lead = (int) in.read(5, "leading zeros");
          int meaningful = (int) in.read(6, "meaningful bits");
          meaningful = meaningful == 0 ? 64 : meaningful;
          if (lead + meaningful > 64) {
            throw new MalformedMessageException("xor window " + lead + "+" + meaningful + " exceeds 64 bits", at);
          }
          trail = 64 - lead - meaningful;
        } else if (lead < 0) {
          throw new MalformedMessageException("xor window reused before one was defined", at);
        }
        prev ^= in.read(64 - lead - trail, "xor bits") << trail;
      }
      values[i] = Double.longBitsToDouble(prev);
    }
    return values;
  }
}
