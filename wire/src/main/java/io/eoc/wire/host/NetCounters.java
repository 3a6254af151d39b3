package io.eoc.wire.host;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Byte counters of one interface from {@code /proc/net/dev}: after "name:", 8 receive fields
 * (bytes first) then 8 transmit fields (bytes first). The counters are unsigned and wrap: at 2^32
 * on 32-bit kernels, at 2^64 elsewhere; an interface that is reset starts again from zero.
 */
public record NetCounters(long rxBytes, long txBytes) {
  /** The loopback interface: never the business link. */
  public static final String LOOPBACK = "lo";
  private static final int TX_BYTES = 8;

  /** Every interface in the file, in its order; an {@link IOException} for a malformed line. */
  public static Map<String, NetCounters> parse(String netDev) throws IOException {
    Map<String, NetCounters> out = new LinkedHashMap<>();
    for (String line : netDev.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0 || line.contains("|")) {
        continue; // the two header lines
      }
      String name = line.substring(0, colon).trim();
      // A large receive count may follow the colon without a space ("eth0:123456 ...").
      String[] f = line.substring(colon + 1).trim().split("\\s+");
      if (f.length <= TX_BYTES) {
        throw new IOException("unexpected /proc/net/dev line: '" + line.trim() + "'");
      }
      try {
        out.put(name, new NetCounters(Long.parseUnsignedLong(f[0]), Long.parseUnsignedLong(f[TX_BYTES])));
      } catch (NumberFormatException e) {
        throw new IOException("unexpected /proc/net/dev line: '" + line.trim() + "'", e);
      }
    }
    return out;
  }
}
