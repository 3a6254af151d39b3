package io.eoc.metrics;

import static io.eoc.metrics.Scope.fmt;

import io.eoc.metrics.evidence.DeviceHour;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.LedgerDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Value of connected equipment (jiangsu-2023 §四 设备上云, 接入工业设备价值（万元）, note 2: the
 * purchase price actually paid): Σ purchaseValue10kCny of the devices that delivered at least one
 * good point in the window. Method {@value #METHOD}; see docs/indicators.md.
 */
public final class ConnectedValue extends CategoryIndicator {
  public static final String METHOD = "connected-value/v1";
  /** {@code category} null: every equipment category. */
  public ConnectedValue(String category) {
    super("connected-value", METHOD, category);
  }

  @Override
  protected Measurement measure(Window window, EvidenceSet e, List<LedgerDevice> devices) {
    if (devices.stream().noneMatch(d -> d.purchaseValue10kCny().isPresent())) {
      return Measurement.noEvidence(id(), METHOD, window, "no purchase value is entered in the ledger for any "
          + Scope.scope(category) + " device");
    }
    Set<String> delivered = e.deviceHours().stream().filter(h -> h.goodPoints() > 0).map(DeviceHour::deviceId)
        .collect(Collectors.toSet());
    double sum = 0;
    int counted = 0;
    List<String> refs = new ArrayList<>();
    for (LedgerDevice d : devices) {
      boolean connected = delivered.contains(d.id());
      String value = d.purchaseValue10kCny().isPresent() ? fmt(d.purchaseValue10kCny().getAsDouble()) + " (10k CNY)"
          : "value not entered";
      if (connected && d.purchaseValue10kCny().isPresent()) {
        sum += d.purchaseValue10kCny().getAsDouble();
        counted++;
      }
      refs.add("device " + d.id() + (d.simulated() ? " (simulated)" : "") + ": " + value + ", "
          + (connected ? "delivered data" : "no good point in the window, not counted"));
    }
    String explanation = counted + " connected " + Scope.scope(category) + " device(s) with an entered purchase value; "
        + "source: " + e.describe();
    return Measurement.of(id(), METHOD, window, sum, "10k CNY", explanation, refs);
  }
}
