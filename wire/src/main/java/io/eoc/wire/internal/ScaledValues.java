package io.eoc.wire.internal;

import io.eoc.wire.MalformedMessageException;

/**
 * Values that are exactly an integer {@code k} after a transform, stored as delta+zigzag
 * bit-packed {@code k}: integers and decimals {@code k × 10^-d} (d ≤ 6), as scaled Modbus registers
 * are, and float32 readings widened to double ({@code k} = the float's bits, which for values of one
 * sign grow with the value, so a noisy reading's delta stays small). "Exactly" means the
 * reconstruction has the same raw bits as the original. Decimals are tried two ways because
 * producers differ: {@code k / 10^d} (a decimal parsed from text) and {@code k * 1e-d} (the agent's
 * {@code raw × scale}, which rounds differently, e.g. {@code 3 * 0.1 != 0.3}). Values that do not fit
 * (NaN of a bad-quality point, ±Inf, -0.0, an offset reading) are kept as exceptions with their raw
 * 64 bits, so one NaN does not push the whole series to XOR encoding.
 *
 * <pre>
 * scale u8 (d | mode &lt;&lt; 3; mode 0 = k / 10^d, 1 = k * 1e-d (d ≥ 1), 2 = float32 bits (d = 0))
 * | first k zigzag varint | packed zigzag(k[i] - k[i-1]) for i ≥ 1
 * | exception count varint | (index gap varint, raw bits fixed64)*
 * </pre>
 */
public final class ScaledValues {
  static final int MAX_DIGITS = 6;
  private static final double[] POW10 = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
  private static final double[] NEG_POW10 = {1, 0.1, 0.01, 1e-3, 1e-4, 1e-5, 1e-6};
  private static final int DIVIDE = 0;
  private static final int MULTIPLY = 1;
  private static final int FLOAT32 = 2;
  /** Candidates in order of preference when they fit equally well: fewer digits first. */
  private static final int[] CANDIDATES = candidates();
  /** Beyond 2^53 a double no longer holds every integer; beyond this, k would overflow. */
  private static final double MAX_SCALED = 0x1p62;

  private ScaledValues() {}

  private static int[] candidates() {
    int[] c = new int[2 * MAX_DIGITS + 2];
    int i = 0;
    c[i++] = 0;
    for (int d = 1; d <= MAX_DIGITS; d++) {
      c[i++] = d | DIVIDE << 3;
      c[i++] = d | MULTIPLY << 3;
    }
    c[i] = FLOAT32 << 3;
    return c;
  }

  /** The scale byte with the fewest exceptions (ties: the earlier candidate), or -1 if nothing fits. */
  public static int bestScale(double[] values) {
    int best = -1;
    int fewest = values.length;
    for (int i = 0; i < CANDIDATES.length && fewest > 0; i++) {
      int exceptions = countExceptions(values, CANDIDATES[i], fewest);
      if (exceptions < fewest) {
        fewest = exceptions;
        best = CANDIDATES[i];
      }
    }
    return best;
  }

  public static void write(WireWriter out, double[] values, int scale) {
    int n = values.length;
    boolean[] exception = new boolean[n];
    long[] k = new long[n];
    int exceptions = 0;
    long previous = firstFitting(values, scale);
    for (int i = 0; i < n; i++) {
      long candidate = scaled(values[i], scale);
      exception[i] = !fits(values[i], candidate, scale);
      // An exception repeats its neighbour's k: a zero delta costs nothing in the packed block.
      k[i] = exception[i] ? previous : candidate;
      previous = k[i];
      exceptions += exception[i] ? 1 : 0;
    }
    out.u8(scale).zigzag(k[0]);
    long[] deltas = new long[n];
    for (int i = 1; i < n; i++) {
      deltas[i] = PackedInts.zigzag(k[i] - k[i - 1]);
    }
    BitWriter bits = new BitWriter();
    PackedInts.write(bits, deltas, 1, n);
    out.bytes(bits.toByteArray()).varint(exceptions);
    int last = 0;
    for (int i = 0; i < n; i++) {
      if (exception[i]) {
        out.varint(i - last).fixed64(Double.doubleToRawLongBits(values[i]));
        last = i;
      }
    }
  }

  private static long firstFitting(double[] values, int scale) {
    for (double v : values) {
      long k = scaled(v, scale);
      if (fits(v, k, scale)) {
        return k;
      }
    }
    return 0;
  }

  public static double[] read(WireReader in, int n) throws MalformedMessageException {
    int at = in.position();
    int scale = in.u8("scale");
    if (!isDefined(scale)) {
      throw in.error("scale byte " + scale + " is not defined", at);
    }
    long[] k = new long[n];
    k[0] = in.zigzag("first scaled value");
    BitReader bits = in.beginBits();
    PackedInts.read(bits, k, 1, n - 1);
    in.endBits(bits);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      k[i] = i == 0 ? k[0] : k[i - 1] + PackedInts.unzigzag(k[i]);
      values[i] = reconstruct(k[i], scale);
    }
    readExceptions(in, values);
    return values;
  }

  private static void readExceptions(WireReader in, double[] values) throws MalformedMessageException {
    int count = in.count("exception count", values.length, 9);
    int index = 0;
    for (int e = 0; e < count; e++) {
      int at = in.position();
      long gap = in.varint("exception index gap");
      if (gap < 0 || gap >= values.length - index || (e > 0 && gap == 0)) {
        throw in.error("exception index gap " + gap + " out of order or range", at);
      }
      index += (int) gap;
      values[index] = Double.longBitsToDouble(in.fixed64("exception value"));
    }
  }

  private static int countExceptions(double[] values, int scale, int stopAt) {
    int exceptions = 0;
    for (int i = 0; i < values.length && exceptions < stopAt; i++) {
      if (!fits(values[i], scaled(values[i], scale), scale)) {
        exceptions++;
      }
    }
    return exceptions;
  }

  private static boolean isDefined(int scale) {
    for (int c : CANDIDATES) {
      if (c == scale) {
        return true;
      }
    }
    return false;
  }

  private static long scaled(double v, int scale) {
    if (scale >> 3 == FLOAT32) {
      return Float.floatToRawIntBits((float) v);
    }
    double s = v * POW10[scale & 7];
    return Math.abs(s) < MAX_SCALED ? Math.round(s) : 0;
  }

  private static boolean fits(double v, long k, int scale) {
    return Double.doubleToRawLongBits(reconstruct(k, scale)) == Double.doubleToRawLongBits(v);
  }

  private static double reconstruct(long k, int scale) {
    int d = scale & 7;
    int mode = scale >> 3;
    if (mode == FLOAT32) {
      return Float.intBitsToFloat((int) k);
    }
    return mode == MULTIPLY ? k * NEG_POW10[d] : k / POW10[d];
  }
}
