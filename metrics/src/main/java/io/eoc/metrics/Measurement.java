package io.eoc.metrics;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A figure with its provenance: which indicator, by which versioned method, over which window,
 * the value, references to the evidence it was computed from, and whether it was measured or
 * declared. A measurement without a value means no evidence was available, and {@code
 * explanation} says why.
 */
public record Measurement(String indicatorId, String methodId, Window window, Optional<Double> value,
    String unit, String explanation, List<String> evidence, Basis basis) {

  public Measurement {
    Objects.requireNonNull(indicatorId, "indicatorId");
    Objects.requireNonNull(methodId, "methodId");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(explanation, "explanation");
    Objects.requireNonNull(basis, "basis");
    value.ifPresent(v -> {
      // Reports are JSON and signed: a NaN or infinity would not survive the round trip.
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(indicatorId + ": value must be finite, was " + v);
      }
    });
    evidence = List.copyOf(evidence);
  }

  /** A measured figure. */
  public Measurement(String indicatorId, String methodId, Window window, Optional<Double> value, String unit,
      String explanation, List<String> evidence) {
    this(indicatorId, methodId, window, value, unit, explanation, evidence, Basis.MEASURED);
  }

  /** A measured value (never absent). */
  public static Measurement of(String indicatorId, String methodId, Window window, double value, String unit,
      String explanation, List<String> evidence) {
    return new Measurement(indicatorId, methodId, window, Optional.of(value), unit, explanation, evidence);
  }

  public static Measurement noEvidence(String indicatorId, String methodId, Window window, String why) {
    return new Measurement(indicatorId, methodId, window, Optional.empty(), "", why, List.of());
  }

  public boolean hasValue() {
    return value.isPresent();
  }

  public boolean declared() {
    return basis == Basis.DECLARED;
  }
}
