package io.eoc.metrics;

import static io.eoc.metrics.Scope.fmt;

import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.HostHour;
import io.eoc.metrics.evidence.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Business hosts' average CPU utilisation (jiangsu-2018 §四 综合绩效, 业务主机平均CPU利用率): the
 * mean of every probe sample of every business host in the window, i.e. Σ(cpu% × samples) ÷
 * Σ samples over the host-hours. Method {@value #METHOD}; see docs/indicators.md.
 */
public final class HostCpu implements Indicator {
  public static final String METHOD = "host-cpu/v1";

  @Override
  public String id() {
    return "host-cpu";
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
    for (HostHour h : e.hosts()) {
      if (h.samples() > 0) {
        double[] s = byHost.computeIfAbsent(h.hostId(), k -> new double[3]);
        s[0] += h.cpuPercent() * h.samples();
        s[1] += h.samples();
        s[2]++;
      }
    }
    if (byHost.isEmpty()) {
      return Measurement.noEvidence(id(), METHOD, window, "no business host reported a sample in the window");
    }
    double weighted = 0;
    double samples = 0;
    List<String> refs = new ArrayList<>();
    for (Map.Entry<String, double[]> h : byHost.entrySet()) {
      double[] s = h.getValue();
      weighted += s[0];
      samples += s[1];
      refs.add("host " + h.getKey() + ": mean CPU " + fmt(s[0] / s[1]) + " % over " + fmt(s[1]) + " sample(s) in "
          + fmt(s[2]) + " hour(s)");
    }
    String explanation = "samples-weighted mean CPU of " + byHost.size() + " business host(s) over " + fmt(samples)
        + " sample(s); source: " + all.describe();
    return Measurement.of(id(), METHOD, window, weighted / samples, "%", explanation, refs);
  }
}
