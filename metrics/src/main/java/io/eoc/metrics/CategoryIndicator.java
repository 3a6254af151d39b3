package io.eoc.metrics;

import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.LedgerDevice;
import io.eoc.metrics.evidence.Source;
import java.util.List;

/**
 * An indicator over the devices of one equipment category (or of all four when the category is
 * absent), computed from telemetry: without telemetry the result is "no evidence"; otherwise the
 * subclass measures the evidence restricted to the window and the ledger's devices in scope.
 */
abstract class CategoryIndicator implements Indicator {
  private final String kind;
  private final String method;
  protected final String category;

  /** {@code category} null: every equipment category. */
  CategoryIndicator(String kind, String method, String category) {
    this.kind = kind;
    this.method = method;
    this.category = category;
  }

  @Override
  public final String id() {
    return kind + "." + (category == null ? "equipment" : category);
  }

  @Override
  public final String methodId() {
    return method;
  }

  @Override
  public final Measurement measure(Window window, EvidenceSet all) {
    if (!all.has(Source.TELEMETRY)) {
      return Measurement.noEvidence(id(), method, window, "no telemetry is available: " + all.describe());
    }
    EvidenceSet inWindow = Scope.restrict(all, window);
    return measure(window, inWindow, Scope.devices(inWindow, category));
  }

  /** Measures over {@code e} (rows inside the window) and the devices in scope. */
  protected abstract Measurement measure(Window window, EvidenceSet e, List<LedgerDevice> devices);
}
