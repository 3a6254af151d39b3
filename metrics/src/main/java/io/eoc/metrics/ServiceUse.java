package io.eoc.metrics;

import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.ServiceHour;
import io.eoc.metrics.evidence.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Use of one device service (jiangsu-2023 §三(二)3 and §四 设备服务: 设备管理, 数据监控, 决策优化):
 * 1 when the service was used at least {@code min-uses} times in each of the last {@code weeks}
 * 7-day weeks ending at the window end, else 0. Backfilled uses count but are named. Method
 * {@value #METHOD}; see docs/indicators.md.
 */
public final class ServiceUse implements Indicator {
  public static final String METHOD = "service-use/v1";
  /** The subdomains of jiangsu-2023 §四 设备服务, as {@link ServiceHour#service()} names them. */
  public static final List<String> SERVICES = List.of("ledger", "inspection", "work-order", "maintenance", "realtime",
      "reports", "trace", "scada", "alarms", "remote-control", "optimisation");
  private final String service;
  private final long weeks;
  private final long minUses;

  public ServiceUse(String service, long weeks, long minUses) {
    if (!SERVICES.contains(service)) {
      throw new IllegalArgumentException("unknown service '" + service + "'; known: " + String.join(", ", SERVICES));
    }
    this.service = service;
    this.weeks = weeks;
    this.minUses = minUses;
  }

  @Override
  public String id() {
    return "service-use." + service;
  }

  @Override
  public String methodId() {
    return METHOD;
  }

  @Override
  public Measurement measure(Window window, EvidenceSet all) {
    if (!all.has(Source.USAGE)) {
      return Measurement.noEvidence(id(), METHOD, window, "no service usage is recorded by this cloud: " + all.describe());
    }
    Duration needed = Duration.ofDays(7 * weeks);
    if (window.length().compareTo(needed) < 0) {
      return Measurement.noEvidence(id(), METHOD, window, "the window (" + window.length().toDays()
          + " day(s)) is shorter than the " + weeks + " week(s) the method needs");
    }
    EvidenceSet e = Scope.restrict(all, window);
    List<String> refs = new ArrayList<>();
    List<String> fewer = new ArrayList<>();
    for (long k = weeks; k >= 1; k--) {
      Window week = new Window(window.to().minus(Duration.ofDays(7 * k)), window.to().minus(Duration.ofDays(7 * (k - 1))));
      long uses = 0;
      long backfill = 0;
      for (ServiceHour h : e.services()) {
        if (h.service().equals(service) && Scope.in(week, h.hour())) {
          uses += h.uses();
          backfill += h.backfill() ? h.uses() : 0;
        }
      }
      String label = "week " + week.from() + " to " + week.to();
      refs.add(label + ": " + uses + " use(s)" + (backfill > 0 ? " (" + backfill + " of them backfill)" : ""));
      if (uses < minUses) {
        fewer.add(label + " (" + uses + ")");
      }
    }
    boolean inUse = fewer.isEmpty();
    String explanation = inUse
        ? "in use: " + service + " used >= " + minUses + " time(s) in each of the last " + weeks + " week(s)"
        : "not in use: " + service + " used fewer than " + minUses + " time(s) in " + String.join(", ", fewer);
    return Measurement.of(id(), METHOD, window, inUse ? 1 : 0, "in use", explanation, refs);
  }
}
