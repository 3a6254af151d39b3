package io.eoc.metrics.evidence;

import java.time.Instant;
import java.util.Objects;

/**
 * One business host in one hour, from the probe's samples (averages over the samples of the hour).
 *
 * @param hostId the probe's device id ({@code agent/device})
 * @param cpuPercent average CPU utilisation, 0–100
 * @param rxBitsPerSecond average received bits per second on the declared interface
 * @param txBitsPerSecond average transmitted bits per second
 * @param linkBitsPerSecond the declared link capacity (bandwidth bought), bits per second
 * @param samples how many samples the averages are over
 */
public record HostHour(String hostId, Instant hour, double cpuPercent, double rxBitsPerSecond,
    double txBitsPerSecond, double linkBitsPerSecond, long samples, boolean backfill) {
  public HostHour {
    Objects.requireNonNull(hostId, "hostId");
    Hours.requireHour(hour);
    Hours.requireCounts(samples);
  }
}
