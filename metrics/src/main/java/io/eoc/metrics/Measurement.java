package io.eoc.metrics;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A measured figure with its provenance: which indicator, by which versioned method, over which
 * window, the value, and references to the evidence it was computed from. A measurement without
 * a value means no evidence was available, and {@code explanation} says why.
 */
public record Measurement(String indicatorId, String methodId, Window window, Optional<Double> value,
    String unit, String explanation, List<String> evidence) {

  public Measurement {
    Objects.requireNonNull(indicatorId, "indicatorId");
    Objects.requireNonNull(methodId, "methodId");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(explanation, "explanation");
    evidence = List.copyOf(evidence);
  }

  public static Measurement noEvidence(String indicatorId, String methodId, Window window, String why) {
    return new Measurement(indicatorId, methodId, window, Optional.empty(), "", why, List.of());
  }

  public boolean hasValue() {
    return value.isPresent();
  }
}
