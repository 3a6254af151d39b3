package io.eoc.criteria.report;

import io.eoc.metrics.evidence.AgentHour;
import io.eoc.metrics.evidence.DeviceHour;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.HostHour;
import io.eoc.metrics.evidence.LedgerDevice;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The figures the report's charts draw, per UTC day of the evidence window, computed from the evidence alone. */
final class DailySeries {
  final List<LocalDate> days;
  private final EvidenceSet evidence;
  private final Map<LocalDate, Integer> index = new HashMap<>();

  DailySeries(EvidenceSet evidence) {
    this.evidence = evidence;
    List<LocalDate> d = new ArrayList<>();
    LocalDate last = LocalDate.ofInstant(evidence.window().to().minusNanos(1), ZoneOffset.UTC);
    for (LocalDate day = day(evidence.window().from()); !day.isAfter(last); day = day.plusDays(1)) {
      index.put(day, d.size());
      d.add(day);
    }
    this.days = List.copyOf(d);
  }

  private static LocalDate day(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC);
  }

  private double[] zeros() {
    return new double[days.size()];
  }

  /** Points received per day (all agents). */
  double[] points() {
    double[] v = zeros();
    for (AgentHour h : evidence.agentHours()) {
      Integer i = index.get(day(h.hour()));
      if (i != null) {
        v[i] += h.points();
      }
    }
    return v;
  }

  /**
   * Per equipment category: the percentage of device-hours of the day, over the category's ledger devices
   * and the day's hours inside the window, in which the device delivered at least one good point.
   */
  Map<String, double[]> onlineRate() {
    Map<String, String> category = new HashMap<>();
    Map<String, Integer> devicesIn = new TreeMap<>();
    for (LedgerDevice d : evidence.devices()) {
      category.put(d.id(), d.category());
      devicesIn.merge(d.category(), 1, Integer::sum);
    }
    Map<String, double[]> online = new LinkedHashMap<>();
    devicesIn.keySet().forEach(c -> online.put(c, zeros()));
    for (DeviceHour h : evidence.deviceHours()) {
      Integer i = index.get(day(h.hour()));
      String c = category.get(h.deviceId());
      if (i != null && c != null && h.goodPoints() > 0) {
        online.get(c)[i]++;
      }
    }
    online.forEach((c, v) -> {
      for (int i = 0; i < v.length; i++) {
        v[i] = 100.0 * v[i] / (devicesIn.get(c) * hoursOf(days.get(i)));
      }
    });
    return online;
  }

  private double hoursOf(LocalDate day) {
    Instant from = max(day.atStartOfDay(ZoneOffset.UTC).toInstant(), evidence.window().from());
    Instant to = min(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), evidence.window().to());
    return Math.max(1, Math.ceil(Duration.between(from, to).toMinutes() / 60.0));
  }

  /** Average CPU utilisation (weighted by samples) and bandwidth usage (the busier direction against the link), in percent; NaN on days without samples. */
  Map<String, double[]> hosts(String cpuLabel, String bandwidthLabel) {
    double[] cpu = zeros();
    double[] bw = zeros();
    double[] samples = zeros();
    double[] bwSamples = zeros();
    for (HostHour h : evidence.hosts()) {
      Integer i = index.get(day(h.hour()));
      if (i != null && h.samples() > 0) {
        cpu[i] += h.cpuPercent() * h.samples();
        samples[i] += h.samples();
        if (h.linkBitsPerSecond() > 0) {
          bw[i] += 100 * Math.max(h.rxBitsPerSecond(), h.txBitsPerSecond()) / h.linkBitsPerSecond() * h.samples();
          bwSamples[i] += h.samples();
        }
      }
    }
    for (int i = 0; i < cpu.length; i++) {
      cpu[i] = samples[i] == 0 ? Double.NaN : cpu[i] / samples[i];
      bw[i] = bwSamples[i] == 0 ? Double.NaN : bw[i] / bwSamples[i];
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    out.put(cpuLabel, cpu);
    out.put(bandwidthLabel, bw);
    return out;
  }

  static boolean anyNumber(double[] v) {
    return Arrays.stream(v).anyMatch(x -> !Double.isNaN(x));
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
