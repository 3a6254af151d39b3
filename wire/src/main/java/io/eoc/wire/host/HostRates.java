package io.eoc.wire.host;

import io.eoc.wire.Quality;

/**
 * Rates from two samples of monotonic kernel counters. A counter that went backwards was reset or
 * wrapped: the difference means nothing, so the point is bad with that reason rather than a guess.
 */
public final class HostRates {
  /** The reason of a rate's first sample: there is nothing to take a difference from yet. */
  public static final String NO_PREVIOUS = "no previous sample";

  private HostRates() {}

  /**
   * CPU utilisation over the interval: 100 × (1 − Δ(idle + iowait) ÷ Δtotal), all CPUs together,
   * so 100 means every CPU was busy the whole interval.
   */
  public static Reading cpuPercent(CpuTimes previous, CpuTimes current) {
    long total = current.total() - previous.total();
    if (total < 0) {
      return Reading.bad(Quality.BAD_DEVICE_FAILURE, "CPU time counters went backwards (counter reset)");
    }
    if (total == 0) {
      return Reading.bad(Quality.BAD_DEVICE_FAILURE, "no CPU time counted since the previous sample");
    }
    long idle = current.idle() - previous.idle();
    // proc(5): iowait "is not reliable ... can decrease in certain conditions", so Δidle may fall
    // slightly outside [0, Δtotal]; the busy share is held to 0-100 rather than rejected.
    double busy = 100.0 * (1.0 - (double) idle / total);
    return Reading.good(Math.max(0, Math.min(100, busy)));
  }

  /** Bits per second from two byte counts {@code seconds} apart. */
  public static Reading bitsPerSecond(long previousBytes, long currentBytes, double seconds, String what) {
    if (Long.compareUnsigned(currentBytes, previousBytes) < 0) {
      return Reading.bad(Quality.BAD_DEVICE_FAILURE, what + " byte counter went backwards (counter wrap or interface reset)");
    }
    if (!(seconds > 0)) {
      return Reading.bad(Quality.BAD_DEVICE_FAILURE, "no time elapsed since the previous sample");
    }
    return Reading.good((currentBytes - previousBytes) * 8.0 / seconds);
  }

  /** Memory in use: 100 × (1 − MemAvailable ÷ MemTotal), from {@code /proc/meminfo} (kB). */
  public static Reading memPercent(String meminfo) {
    long total = -1;
    long available = -1;
    for (String line : meminfo.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 2 && f[0].equals("MemTotal:")) {
        total = parseOr(f[1]);
      } else if (f.length >= 2 && f[0].equals("MemAvailable:")) {
        available = parseOr(f[1]);
      }
    }
    if (total <= 0 || available < 0) {
      // MemAvailable exists since Linux 3.14; before it there is no honest single figure.
      return Reading.bad(Quality.BAD_DEVICE_FAILURE, "no MemTotal and MemAvailable in meminfo");
    }
    return Reading.good(Math.max(0, Math.min(100, 100.0 * (1.0 - (double) available / total))));
  }

  private static long parseOr(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
