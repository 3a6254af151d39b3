package io.eoc.metrics;

import static io.eoc.metrics.Scope.fmt;

import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.HostHour;
import io.eoc.metrics.evidence.Source;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Business hosts' bandwidth usage rate (jiangsu-2018 §四 综合绩效, 业务主机宽带使用率): the mean over
 * host-hours of max(rx, tx) ÷ declared link capacity, in %, counting only host-hours that start
 * inside the local {@code hours} of {@code zone} (the link is bought for the working day; see
 * docs/indicators.md). Host-hours without samples or without a declared link are left out and
 * counted in the evidence. Method {@value #METHOD}.
 */
public final class BandwidthUsage implements Indicator {
  public static final String METHOD = "bandwidth-usage/v1";
  private final int fromHour;
  private final int toHour;
  private final ZoneId zone;

  public BandwidthUsage(int fromHour, int toHour, ZoneId zone) {
    this.fromHour = fromHour;
    this.toHour = toHour;
    this.zone = zone;
  }

  @Override
  public String id() {
    return "bandwidth-usage";
  }

  @Override
  public String methodId() {
    return METHOD;
  }

  @Override
  public Measurement measure(Window window, EvidenceSet all) {
    if (!all.has(Source.HOSTS)) {
      return Measurement.noEvidence(id(), METHOD, window, "no business-host probe reports to this cloud: " + all.describe());
    }
    EvidenceSet e = Scope.restrict(all, window);
    Map<String, double[]> byHost = new TreeMap<>();
    long noLink = 0;
    for (HostHour h : e.hosts()) {
      int local = h.hour().atZone(zone).getHour();
      if (h.samples() == 0 || local < fromHour || local >= toHour) {
        continue;
      }
      if (h.linkBitsPerSecond() <= 0) {
        noLink++;
        continue;
      }
      double[] s = byHost.computeIfAbsent(h.hostId(), k -> new double[2]);
      s[0] += 100.0 * Math.max(h.rxBitsPerSecond(), h.txBitsPerSecond()) / h.linkBitsPerSecond();
      s[1]++;
    }
    String hours = String.format(java.util.Locale.ROOT, "%02d-%02d %s", fromHour, toHour, zone);
    if (byHost.isEmpty()) {
      return Measurement.noEvidence(id(), METHOD, window, "no business host reported traffic against a declared link in "
          + hours + (noLink > 0 ? " (" + noLink + " host-hour(s) without a declared link capacity)" : ""));
    }
    double sum = 0;
    double n = 0;
    List<String> refs = new ArrayList<>();
    for (Map.Entry<String, double[]> h : byHost.entrySet()) {
      sum += h.getValue()[0];
      n += h.getValue()[1];
      refs.add("host " + h.getKey() + ": mean " + fmt(h.getValue()[0] / h.getValue()[1]) + " % of the link over "
          + fmt(h.getValue()[1]) + " host-hour(s)");
    }
    if (noLink > 0) {
      refs.add(noLink + " host-hour(s) left out: no declared link capacity");
    }
    String explanation = "mean of max(rx, tx) ÷ link over " + fmt(n) + " host-hour(s) of " + byHost.size()
        + " business host(s), hours " + hours + "; source: " + all.describe();
    return Measurement.of(id(), METHOD, window, sum / n, "%", explanation, refs);
  }
}
