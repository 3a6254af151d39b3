package io.eoc.wire.internal;

import io.eoc.wire.MalformedMessageException;

/**
 * The values of one series: a kind byte, then either {@link GorillaValues} (XOR, any double) or
 * {@link ScaledValues} (exact scaleds or float32s as integers), whichever the encoder measured to
 * be smaller.
 */
public final class ValueColumn {
  private static final int XOR = 0;
  private static final int SCALED = 1;

  private ValueColumn() {}

  public static void write(WireWriter out, double[] values) {
    BitWriter xor = new BitWriter();
    GorillaValues.write(xor, values);
    byte[] xorBytes = xor.toByteArray();
    int scale = ScaledValues.bestScale(values);
    if (scale >= 0) {
      WireWriter scaled = new WireWriter(values.length + 16);
      ScaledValues.write(scaled, values, scale);
      if (scaled.size() < xorBytes.length) {
        out.u8(SCALED).bytes(scaled.toByteArray());
        return;
      }
    }
    out.u8(XOR).bytes(xorBytes);
  }

  public static double[] read(WireReader in, int n) throws MalformedMessageException {
    int at = in.position();
    int kind = in.u8("value encoding");
    if (kind == SCALED) {
      return ScaledValues.read(in, n);
    }
    if (kind != XOR) {
      throw in.error("unknown value encoding " + kind, at);
    }
    BitReader bits = in.beginBits();
    double[] values = GorillaValues.read(bits, n);
    in.endBits(bits);
    return values;
  }
}
