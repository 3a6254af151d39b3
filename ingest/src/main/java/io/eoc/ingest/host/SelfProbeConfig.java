package io.eoc.ingest.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the cloud measures its own host ({@link SelfProbe}).
 *
 * @param linkMbps the DECLARED link capacity in Mbit/s: the bandwidth bought, against which the
 *     bandwidth usage rate is measured (jiangsu-2018 §四 综合绩效); not the NIC's negotiated speed
 * @param networkInterface the NIC whose traffic is measured; empty = the only non-loopback one, or
 *     none (traffic not measured, with a warning) when the host has several
 * @param interval time between two samples
 * @param procDir where procfs is mounted ({@code /proc}; a fixture directory in tests)
 */
public record SelfProbeConfig(double linkMbps, Optional<String> networkInterface, Duration interval, Path procDir) {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  public static final Path PROC = Path.of("/proc");

  public SelfProbeConfig {
    if (!(linkMbps > 0) || Double.isInfinite(linkMbps)) {
      throw new IllegalArgumentException("host link capacity must be a finite number of Mbit/s above 0, was " + linkMbps);
    }
    Objects.requireNonNull(networkInterface, "networkInterface");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(procDir, "procDir");
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("host sampling interval must be at least 1 s, was " + interval);
    }
  }

  /** Every {@link #DEFAULT_INTERVAL} from {@code /proc}. */
  public SelfProbeConfig(double linkMbps, Optional<String> networkInterface) {
    this(linkMbps, networkInterface, DEFAULT_INTERVAL, PROC);
  }

  /** The declared link capacity in bit/s. */
  public double linkBitsPerSecond() {
    return linkMbps * 1_000_000;
  }

  @Override
  public String toString() {
    return "link " + (linkMbps == Math.rint(linkMbps) ? Long.toString((long) linkMbps) : Double.toString(linkMbps))
        + " Mbit/s" + networkInterface.map(i -> " on " + i).orElse("") + " every " + interval.toSeconds() + " s";
  }
}
