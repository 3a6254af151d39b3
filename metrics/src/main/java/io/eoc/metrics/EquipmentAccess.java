package io.eoc.metrics;

import io.eoc.metrics.evidence.DeviceHour;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.LedgerDevice;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Equipment access for one category (jiangsu-2023 §四 设备上云 / 工业设备接入): the number of
 * devices declared in that category that delivered at least {@code minGoodPoints} good-quality
 * points with device timestamps inside the window. Method {@value #METHOD}; see
 * docs/indicators.md. Simulated devices are counted but named as simulated in the evidence, so a
 * report on a simulated plant says so.
 */
public final class EquipmentAccess extends TelemetryIndicator {
  public static final String METHOD = "equipment-access/v1";
  private final String category;
  private final long minGoodPoints;

  public EquipmentAccess(String category, long minGoodPoints) {
    super("equipment-access." + category, METHOD);
    if (minGoodPoints < 1) {
      throw new IllegalArgumentException("min-good-points must be >= 1, was " + minGoodPoints);
    }
    this.category = category;
    this.minGoodPoints = minGoodPoints;
  }

  @Override
  protected Measurement measureInWindow(Window window, EvidenceSet e) {
    Map<String, List<DeviceHour>> hours = e.deviceHours().stream()
        .collect(Collectors.groupingBy(DeviceHour::deviceId));
    List<LedgerDevice> inCategory = e.devices().stream().filter(d -> d.category().equals(category)).toList();
    List<LedgerDevice> connected = inCategory.stream()
        .filter(d -> good(hours.getOrDefault(d.id(), List.of())) >= minGoodPoints).toList();
    List<String> refs = inCategory.stream().map(d -> describe(d, hours.getOrDefault(d.id(), List.of()))).toList();
    String explanation = connected.size() + " of " + inCategory.size() + " " + category
        + " device(s) delivered >= " + minGoodPoints + " good point(s) in the window; source: " + e.describe();
    return new Measurement(id(), METHOD, window, Optional.of((double) connected.size()), "devices", explanation, refs);
  }

  private static long good(List<DeviceHour> hours) {
    return hours.stream().mapToLong(DeviceHour::goodPoints).sum();
  }

  private static String describe(LedgerDevice d, List<DeviceHour> hours) {
    long bad = hours.stream().mapToLong(DeviceHour::badPoints).sum();
    Optional<Instant> first = hours.stream().filter(h -> h.goodPoints() > 0).map(DeviceHour::hour).min(Instant::compareTo);
    Optional<Instant> last = hours.stream().filter(h -> h.goodPoints() > 0).map(DeviceHour::hour).max(Instant::compareTo);
    return "device " + d.id() + (d.simulated() ? " (simulated)" : "") + ": " + good(hours) + " good, " + bad
        + " bad point(s)" + first.map(t -> ", first in hour " + t).orElse("") + last.map(t -> ", last in hour " + t).orElse("");
  }
}
