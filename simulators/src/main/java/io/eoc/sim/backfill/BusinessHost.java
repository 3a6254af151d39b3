package io.eoc.sim.backfill;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A simulated business host for backfilled history, reporting what {@code eoc probe} reports:
 * {@code cpu_percent}, {@code net_rx_bps}, {@code net_tx_bps} and the declared {@code net_link_bps}.
 * Load follows the working day in China (UTC+8): busy 08:00–18:00 on weekdays, quiet at night and
 * at weekends. The values are a function of the time and the seed, so a history is reproducible.
 *
 * @param busyCpuPercent mean CPU utilisation in working hours
 * @param quietCpuPercent mean CPU utilisation otherwise
 * @param busyLinkShare mean share of the link used in working hours (0–1)
 */
public record BusinessHost(String id, long seed, double busyCpuPercent, double quietCpuPercent, double linkBitsPerSecond,
    double busyLinkShare, double quietLinkShare) {
  public static final String CPU = "cpu_percent";
  public static final String RX = "net_rx_bps";
  public static final String TX = "net_tx_bps";
  public static final String LINK = "net_link_bps";

  public BusinessHost {
    if (busyCpuPercent < 0 || busyCpuPercent > 100 || quietCpuPercent < 0 || quietCpuPercent > 100) {
      throw new IllegalArgumentException("CPU percentages must be within 0-100");
    }
    if (linkBitsPerSecond <= 0 || busyLinkShare < 0 || busyLinkShare > 1 || quietLinkShare < 0 || quietLinkShare > 1) {
      throw new IllegalArgumentException("link capacity must be > 0 and link shares within 0-1");
    }
  }

  /** The host's readings at {@code t}. */
  List<History.Reading> readings(Instant t) {
    var local = t.atOffset(ZoneOffset.ofHours(8));
    boolean weekday = local.getDayOfWeek().getValue() <= 5;
    boolean busy = weekday && local.getHour() >= 8 && local.getHour() < 18;
    SplittableRandom r = new SplittableRandom(seed ^ t.getEpochSecond() * 0x9E3779B97F4A7C15L);
    double jitter = 0.8 + 0.4 * r.nextDouble(); // ±20 %
    double cpu = Math.min(100, (busy ? busyCpuPercent : quietCpuPercent) * jitter);
    double share = Math.min(1, (busy ? busyLinkShare : quietLinkShare) * (0.8 + 0.4 * r.nextDouble()));
    double rx = linkBitsPerSecond * share;
    double tx = rx * (0.3 + 0.2 * r.nextDouble());
    return List.of(new History.Reading(id, CPU, cpu), new History.Reading(id, RX, rx), new History.Reading(id, TX, tx),
        new History.Reading(id, LINK, linkBitsPerSecond));
  }
}
