package io.eoc.cli.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts latencies in 1 ms buckets (the resolution the commit observer can honestly claim), with
 * the exact maximum kept aside. Values beyond the last bucket count in the last bucket. Weighted
 * recording lets a batch add all points of one poll (same timestamp) in one call.
 */
final class LatencyHistogram {
  private final long[] buckets;
  private long total;
  private double maxMillis = Double.NaN;
  private double sumMillis;

  LatencyHistogram(int maxMillis) {
    if (maxMillis < 1) {
      throw new IllegalArgumentException("maxMillis must be >= 1, was " + maxMillis);
    }
    this.buckets = new long[maxMillis + 1];
  }

  synchronized void record(double millis, long count) {
    if (count <= 0) {
      return;
    }
    double m = Math.max(0, millis);
    int bucket = (int) Math.min(buckets.length - 1, Math.round(m));
    buckets[bucket] += count;
    total += count;
    sumMillis += m * count;
    maxMillis = Double.isNaN(maxMillis) ? m : Math.max(maxMillis, m);
  }

  synchronized long count() {
    return total;
  }

  /** The nearest-rank percentile in milliseconds, or NaN when nothing was recorded. */
  synchronized double percentile(double p) {
    if (total == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
    long seen = 0;
    for (int i = 0; i < buckets.length; i++) {
      seen += buckets[i];
      if (seen >= rank) {
        return i;
      }
    }
    return buckets.length - 1;
  }

  synchronized double max() {
    return maxMillis;
  }

  synchronized double mean() {
    return total == 0 ? Double.NaN : sumMillis / total;
  }

  /** p50, p99, max and mean in ms, and how many points they describe, for the JSON result. */
  Map<String, Object> summary() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("p50", round(percentile(50)));
    m.put("p99", round(percentile(99)));
    m.put("max", round(max()));
    m.put("mean", round(mean()));
    m.put("points", count());
    return m;
  }

  static Object round(double v) {
    return Double.isNaN(v) ? null : Math.round(v * 10) / 10.0;
  }
}
