package io.eoc.wire.host;

import java.io.IOException;

/**
 * The aggregate {@code cpu} line of {@code /proc/stat}, in USER_HZ ticks summed over all CPUs
 * (proc(5)): user nice system idle iowait irq softirq steal [guest guest_nice].
 *
 * @param total user + nice + system + idle + iowait + irq + softirq + steal. guest and guest_nice
 *     are left out: the kernel already counts them in user and nice (proc(5)), adding them would
 *     count guest time twice.
 * @param idle idle + iowait: time no task ran on the CPU, waiting for I/O or not
 */
public record CpuTimes(long total, long idle) {
  private static final int FIELDS = 8;

  /** The aggregate line of a {@code /proc/stat} text; an {@link IOException} when it is missing or malformed. */
  public static CpuTimes parse(String stat) throws IOException {
    for (String line : stat.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f[0].equals("cpu")) {
        // Kernels before 2.6.11 have fewer fields (no steal); missing ones count as zero.
        if (f.length < 5) {
          throw new IOException("unexpected /proc/stat cpu line: '" + line.trim() + "'");
        }
        long[] v = new long[FIELDS];
        for (int i = 0; i < FIELDS && i + 1 < f.length; i++) {
          v[i] = parseTicks(f[i + 1], line);
        }
        long total = 0;
        for (long x : v) {
          total += x;
        }
        return new CpuTimes(total, v[3] + v[4]);
      }
    }
    throw new IOException("no aggregate 'cpu' line in /proc/stat");
  }

  private static long parseTicks(String field, String line) throws IOException {
    try {
      return Long.parseLong(field);
    } catch (NumberFormatException e) {
      throw new IOException("unexpected /proc/stat cpu line: '" + line.trim() + "'", e);
    }
  }
}
