package io.eoc.metrics;

import io.eoc.metrics.evidence.DeviceHour;
import io.eoc.metrics.evidence.EvidenceSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Edge data analysis (jiangsu-2023 §三(二)2(2) and §四 边缘计算/数据分析: analyse at the edge to
 * relieve the cloud and form useful information): 1 when derived points (aggregates, KPIs
 * computed by the agent) were delivered on at least {@code min-days} days of the window, days in
 * {@code zone}; else 0. Method {@value #METHOD}; see docs/indicators.md.
 */
public final class EdgeAnalysis extends TelemetryIndicator {
  public static final String METHOD = "edge-analysis/v1";
  private final long minDays;
  private final ZoneId zone;

  public EdgeAnalysis(long minDays, ZoneId zone) {
    super("edge-analysis", METHOD);
    this.minDays = minDays;
    this.zone = zone;
  }

  @Override
  protected Measurement measureInWindow(Window window, EvidenceSet e) {
    Map<LocalDate, Long> byDay = new TreeMap<>();
    for (DeviceHour h : e.deviceHours()) {
      if (h.derivedPoints() > 0) {
        byDay.merge(LocalDate.ofInstant(h.hour(), zone), h.derivedPoints(), Long::sum);
      }
    }
    List<String> refs = new ArrayList<>();
    byDay.forEach((day, n) -> refs.add(day + ": " + n + " derived point(s)"));
    boolean inUse = byDay.size() >= minDays;
    String explanation = (inUse ? "in use: " : "not proven: ") + "derived points on " + byDay.size() + " day(s) ("
        + zone + ") of the window, at least " + minDays + " required";
    return Measurement.of(id(), METHOD, window, inUse ? 1 : 0, "in use", explanation, refs);
  }
}
