package io.eoc.wire.internal;

import io.eoc.wire.MalformedMessageException;
import io.eoc.wire.Quality;
import java.util.Arrays;

/**
 * Qualities of one series, run-length encoded: a run count, then (code u8, length varint) per run.
 * A run count of 0 means "all GOOD", the usual case, in one byte.
 */
public final class QualityColumn {
  private QualityColumn() {}

  public static void write(WireWriter out, Quality[] qualities) {
    if (Arrays.stream(qualities).allMatch(Quality::isGood)) {
      out.varint(0);
      return;
    }
    int runs = 1;
    for (int i = 1; i < qualities.length; i++) {
      runs += qualities[i] != qualities[i - 1] ? 1 : 0;
    }
    out.varint(runs);
    int start = 0;
    for (int i = 1; i <= qualities.length; i++) {
      if (i == qualities.length || qualities[i] != qualities[start]) {
        out.u8(qualities[start].code()).varint(i - start);
        start = i;
      }
    }
  }

  public static Quality[] read(WireReader in, int n) throws MalformedMessageException {
    Quality[] qualities = new Quality[n];
    int runs = in.count("quality run count", n, 2);
    if (runs == 0) {
      Arrays.fill(qualities, Quality.GOOD);
      return qualities;
    }
    int filled = 0;
    for (int r = 0; r < runs; r++) {
      int at = in.position();
      int code = in.u8("quality");
      Quality q = Quality.fromCode(code);
      if (q == null) {
        throw in.error("unknown quality code " + code, at);
      }
      long length = in.varint("quality run length");
      if (length < 1 || length > n - filled) {
        throw in.error("quality run length " + length + " does not fit " + (n - filled) + " points left", at + 1);
      }
      Arrays.fill(qualities, filled, filled + (int) length, q);
      filled += (int) length;
    }
    if (filled != n) {
      throw in.error("quality runs cover " + filled + " of " + n + " points", in.position());
    }
    return qualities;
  }
}
