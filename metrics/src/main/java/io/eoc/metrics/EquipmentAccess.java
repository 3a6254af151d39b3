package io.eoc.metrics;

import java.util.List;
import java.util.Optional;

/**
 * Equipment access for one category (jiangsu-2023 §四 设备上云 / 工业设备接入): the number of
 * devices declared in that category that delivered at least {@code minGoodPoints} good-quality
 * points with device timestamps inside the window. Method {@value #METHOD}; see
 * docs/indicators.md. Simulated devices are counted but named as simulated in the evidence, so a
 * report on a simulated plant says so.
 */
public final class EquipmentAccess implements Indicator {
  public static final String METHOD = "equipment-access/v1";
  private final String category;
  private final long minGoodPoints;

  public EquipmentAccess(String category, long minGoodPoints) {
    if (minGoodPoints < 1) {
      throw new IllegalArgumentException("min-good-points must be >= 1, was " + minGoodPoints);
    }
    this.category = category;
    this.minGoodPoints = minGoodPoints;
  }

  @Override
  public String id() {
    return "equipment-access." + category;
  }

  @Override
  public String methodId() {
    return METHOD;
  }

  @Override
  public Measurement measure(Window window, Evidence evidence) {
    Optional<TelemetryEvidence> telemetry = evidence.telemetry();
    if (telemetry.isEmpty()) {
      return Measurement.noEvidence(id(), METHOD, window, "no telemetry store is available");
    }
    List<DeviceActivity> devices;
    try {
      devices = telemetry.get().deviceActivity(window);
    } catch (EvidenceException e) {
      return Measurement.noEvidence(id(), METHOD, window, "telemetry could not be read: " + e.getMessage());
    }
    List<DeviceActivity> inCategory = devices.stream().filter(d -> d.category().equals(category)).toList();
    List<DeviceActivity> connected = inCategory.stream().filter(d -> d.goodPoints() >= minGoodPoints).toList();
    List<String> refs = inCategory.stream().map(EquipmentAccess::describe).toList();
    String explanation = connected.size() + " of " + inCategory.size() + " " + category
        + " device(s) delivered >= " + minGoodPoints + " good point(s) in the window; source: " + telemetry.get().describe();
    return new Measurement(id(), METHOD, window, Optional.of((double) connected.size()), "devices", explanation, refs);
  }

  private static String describe(DeviceActivity d) {
    return "device " + d.deviceId() + (d.simulated() ? " (simulated)" : "") + ": " + d.goodPoints()
        + " good, " + d.badPoints() + " bad point(s)"
        + d.firstGood().map(t -> ", first " + t).orElse("") + d.lastGood().map(t -> ", last " + t).orElse("");
  }
}
