package io.eoc.metrics;

import static io.eoc.metrics.Scope.fmt;

import io.eoc.metrics.evidence.DeviceHour;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.LedgerDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Online rate (jiangsu-2023 §四 设备上云, 设备在线情况 of 组态画面): the mean over the devices of a
 * category of (hours with at least one good point ÷ hours of the window), in %. Method {@value
 * #METHOD}; see docs/indicators.md.
 */
public final class OnlineRate extends CategoryIndicator {
  public static final String METHOD = "online-rate/v1";
  /** {@code category} null: every equipment category. */
  public OnlineRate(String category) {
    super("online-rate", METHOD, category);
  }

  @Override
  protected Measurement measure(Window window, EvidenceSet e, List<LedgerDevice> devices) {
    long hours = Scope.hourStarts(window);
    if (devices.isEmpty() || hours == 0) {
      return Measurement.noEvidence(id(), METHOD, window, devices.isEmpty()
          ? "the ledger holds no " + Scope.scope(category) + " device" : "the window holds no whole hour");
    }
    Map<String, Long> online = e.deviceHours().stream().filter(h -> h.goodPoints() > 0)
        .collect(Collectors.groupingBy(DeviceHour::deviceId, Collectors.counting()));
    double sum = 0;
    List<String> refs = new ArrayList<>();
    for (LedgerDevice d : devices) {
      long on = online.getOrDefault(d.id(), 0L);
      double rate = 100.0 * on / hours;
      sum += rate;
      refs.add("device " + d.id() + (d.simulated() ? " (simulated)" : "") + ": online " + on + " of " + hours
          + " hour(s) = " + fmt(rate) + " %");
    }
    double mean = sum / devices.size();
    String explanation = "mean online rate of " + devices.size() + " " + Scope.scope(category)
        + " device(s); an hour is online when it holds at least one good point; source: " + e.describe();
    return Measurement.of(id(), METHOD, window, mean, "%", explanation, refs);
  }
}
