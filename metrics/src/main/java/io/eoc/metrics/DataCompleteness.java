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
 * Data completeness (jiangsu-2023 §四 设备上云 / 工业设备接入: the connected equipment actually
 * delivers its data): raw points received (good and bad) ÷ points the poll plans promise, in %.
 * Expected = Σ expectedPointsPerHour × hours of the window, over devices that have a plan. Method
 * {@value #METHOD}; see docs/indicators.md.
 */
public final class DataCompleteness extends CategoryIndicator {
  public static final String METHOD = "data-completeness/v1";
  /** {@code category} null: every equipment category. */
  public DataCompleteness(String category) {
    super("data-completeness", METHOD, category);
  }

  @Override
  protected Measurement measure(Window window, EvidenceSet e, List<LedgerDevice> devices) {
    List<LedgerDevice> planned = devices.stream().filter(d -> d.expectedPointsPerHour() > 0).toList();
    if (planned.isEmpty()) {
      return Measurement.noEvidence(id(), METHOD, window, "no " + Scope.scope(category)
          + " device has a poll plan (expected points per hour), so nothing was expected to compare with");
    }
    long hours = Scope.hourStarts(window);
    Map<String, Long> received = e.deviceHours().stream()
        .collect(Collectors.groupingBy(DeviceHour::deviceId, Collectors.summingLong(h -> h.goodPoints() + h.badPoints())));
    double expected = 0;
    long got = 0;
    List<String> refs = new ArrayList<>();
    for (LedgerDevice d : planned) {
      double exp = d.expectedPointsPerHour() * hours;
      long rec = received.getOrDefault(d.id(), 0L);
      expected += exp;
      got += rec;
      refs.add("device " + d.id() + (d.simulated() ? " (simulated)" : "") + ": " + rec + " of " + fmt(exp)
          + " expected raw point(s) (" + fmt(d.expectedPointsPerHour()) + "/h × " + hours + " h)");
    }
    double percent = expected == 0 ? 0 : 100.0 * got / expected;
    String explanation = got + " raw point(s) received of " + fmt(expected) + " expected from the poll plans of "
        + planned.size() + " " + Scope.scope(category) + " device(s) over " + hours + " hour(s); source: " + e.describe();
    return Measurement.of(id(), METHOD, window, percent, "%", explanation, refs);
  }
}
