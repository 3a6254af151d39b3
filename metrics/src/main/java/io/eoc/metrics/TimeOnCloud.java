package io.eoc.metrics;

import static io.eoc.metrics.Scope.fmt;

import io.eoc.metrics.evidence.DeviceHour;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.LedgerDevice;
import io.eoc.metrics.evidence.ServiceHour;
import io.eoc.metrics.evidence.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Time on cloud (jiangsu-2023 §四 上云成效/上云时间, and the call for applications: 所填报的各项云服务均已
 * 连续使用不少于3个月且申报时仍在使用): the shortest continuous-use run, in days, among the services,
 * each run ending at the window end. Use is continuous while no gap between used hours exceeds
 * {@code max-gap}; a service unused in the last {@code max-gap} is not "still in use" and scores 0.
 * Method {@value #METHOD}; see docs/indicators.md.
 */
public final class TimeOnCloud implements Indicator {
  public static final String METHOD = "time-on-cloud/v1";
  /** The devices of the equipment categories delivering good points. */
  public static final String EQUIPMENT_DATA = "equipment-data";
  /** Every device service used in the last max-gap before the window end: the services one would declare now. */
  public static final String IN_USE = "in-use";
  private static final Duration HOUR = Duration.ofHours(1);
  private final List<String> services;
  private final Duration maxGap;
  private final Duration minContinuous;

  public TimeOnCloud(List<String> services, Duration maxGap, Duration minContinuous) {
    for (String s : services) {
      if (!s.equals(EQUIPMENT_DATA) && !s.equals(IN_USE) && !ServiceUse.SERVICES.contains(s)) {
        throw new IllegalArgumentException("unknown service '" + s + "' in 'services'; known: " + EQUIPMENT_DATA + ", "
            + IN_USE + ", " + String.join(", ", ServiceUse.SERVICES));
      }
    }
    this.services = List.copyOf(services);
    this.maxGap = maxGap;
    this.minContinuous = minContinuous;
  }

  @Override
  public String id() {
    return "time-on-cloud";
  }

  @Override
  public String methodId() {
    return METHOD;
  }

  @Override
  public Measurement measure(Window window, EvidenceSet all) {
    boolean wantsUsage = services.stream().anyMatch(s -> !s.equals(EQUIPMENT_DATA));
    if (services.contains(EQUIPMENT_DATA) && !all.has(Source.TELEMETRY)) {
      return Measurement.noEvidence(id(), METHOD, window, "no telemetry is available: " + all.describe());
    }
    if (wantsUsage && !all.has(Source.USAGE)) {
      return Measurement.noEvidence(id(), METHOD, window, "no service usage is recorded by this cloud: " + all.describe());
    }
    EvidenceSet e = Scope.restrict(all, window);
    Map<String, TreeSet<Instant>> timelines = timelines(e, window);
    if (timelines.isEmpty()) {
      return Measurement.noEvidence(id(), METHOD, window, "no device service was in use in the last " + days(maxGap)
          + " day(s) of the window, so none would be declared");
    }
    double shortest = Double.MAX_VALUE;
    String shortestName = "";
    List<String> refs = new ArrayList<>();
    List<String> below = new ArrayList<>();
    for (Map.Entry<String, TreeSet<Instant>> t : timelines.entrySet()) {
      Instant start = runStart(t.getValue(), window.to());
      double run = start == null ? 0 : Duration.between(start, window.to()).toHours() / 24.0;
      refs.add(t.getKey() + ": " + (start == null ? "not used in the last " + days(maxGap) + " day(s) of the window"
          : "in continuous use since " + start + ", " + fmt(run) + " day(s)"));
      gaps(t.getValue(), window).forEach(g -> refs.add(t.getKey() + ": " + g));
      if (run < shortest) {
        shortest = run;
        shortestName = t.getKey();
      }
      if (run < minContinuous.toHours() / 24.0) {
        below.add(t.getKey() + " (" + fmt(run) + " d)");
      }
    }
    String explanation = "shortest continuous use: " + shortestName + ", " + fmt(shortest) + " day(s); gaps longer than "
        + days(maxGap) + " day(s) break continuity; " + (below.isEmpty() ? "every service has been in use >= "
        : "in use less than ") + (below.isEmpty() ? days(minContinuous) + " day(s)"
        : days(minContinuous) + " day(s): " + String.join(", ", below));
    return Measurement.of(id(), METHOD, window, shortest, "days", explanation, refs);
  }

  /** The used hours of every named service, in the order written, {@code in-use} expanded. */
  private Map<String, TreeSet<Instant>> timelines(EvidenceSet e, Window window) {
    Map<String, TreeSet<Instant>> used = e.services().stream().filter(h -> h.uses() > 0)
        .collect(Collectors.groupingBy(ServiceHour::service, Collectors.mapping(ServiceHour::hour, Collectors.toCollection(TreeSet::new))));
    Set<String> names = new LinkedHashSet<>();
    for (String s : services) {
      if (s.equals(IN_USE)) {
        Instant recent = window.to().minus(maxGap);
        ServiceUse.SERVICES.stream().filter(x -> used.containsKey(x) && !used.get(x).last().plus(HOUR).isBefore(recent))
            .forEach(names::add);
      } else {
        names.add(s);
      }
    }
    Set<String> equipment = e.devices().stream().filter(Scope::isEquipment).map(LedgerDevice::id).collect(Collectors.toSet());
    Map<String, TreeSet<Instant>> out = new LinkedHashMap<>();
    for (String n : names) {
      out.put(n, n.equals(EQUIPMENT_DATA)
          ? e.deviceHours().stream().filter(h -> h.goodPoints() > 0 && equipment.contains(h.deviceId()))
              .map(DeviceHour::hour).collect(Collectors.toCollection(TreeSet::new))
          : used.getOrDefault(n, new TreeSet<>()));
    }
    return out;
  }

  /** Start of the run of use reaching the window end, or null when the last use is older than max-gap. */
  private Instant runStart(TreeSet<Instant> hours, Instant end) {
    if (hours.isEmpty() || gap(hours.last(), end).compareTo(maxGap) > 0) {
      return null;
    }
    Instant start = hours.last();
    for (Instant earlier = hours.lower(start); earlier != null; earlier = hours.lower(start)) {
      if (gap(earlier, start).compareTo(maxGap) > 0) {
        break;
      }
      start = earlier;
    }
    return start;
  }

  /** Every stretch without use longer than max-gap, including before the first and after the last use. */
  private List<String> gaps(TreeSet<Instant> hours, Window window) {
    List<String> out = new ArrayList<>();
    Instant previousEnd = window.from();
    for (Instant h : hours) {
      addGap(out, previousEnd, h);
      previousEnd = h.plus(HOUR);
    }
    addGap(out, previousEnd, window.to());
    return out;
  }

  private void addGap(List<String> out, Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    if (d.compareTo(maxGap) > 0) {
      out.add("gap without use from " + from + " to " + to + " (" + fmt(d.toHours() / 24.0) + " day(s))");
    }
  }

  /** Time without use between the used hour {@code h} and {@code next} (an hour or the window end). */
  private static Duration gap(Instant h, Instant next) {
    return Duration.between(h.plus(HOUR), next);
  }

  private static String days(Duration d) {
    return fmt(d.toHours() / 24.0);
  }
}
