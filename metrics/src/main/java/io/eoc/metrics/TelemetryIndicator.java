package io.eoc.metrics;

import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.Source;

/**
 * An indicator computed from telemetry: without telemetry the result is "no evidence" with the
 * reason; otherwise the subclass measures the evidence restricted to the window.
 */
abstract class TelemetryIndicator implements Indicator {
  private final String id;
  private final String method;

  TelemetryIndicator(String id, String method) {
    this.id = id;
    this.method = method;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String methodId() {
    return method;
  }

  @Override
  public final Measurement measure(Window window, EvidenceSet all) {
    if (!all.has(Source.TELEMETRY)) {
      return Measurement.noEvidence(id, method, window, "no telemetry is available: " + all.describe());
    }
    return measureInWindow(window, Scope.restrict(all, window));
  }

  /** Measures over {@code e}, whose rows lie inside the window. */
  protected abstract Measurement measureInWindow(Window window, EvidenceSet e);
}
