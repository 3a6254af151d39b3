package io.eoc.metrics;

import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.LedgerDevice;
import java.util.List;

/**
 * A telemetry indicator over the devices of one equipment category (or of all four when the
 * category is absent): the subclass measures the evidence in the window and the ledger's devices in
 * scope.
 */
abstract class CategoryIndicator extends TelemetryIndicator {
  protected final String category;

  /** {@code category} null: every equipment category. */
  CategoryIndicator(String kind, String method, String category) {
    super(kind + "." + (category == null ? "equipment" : category), method);
    this.category = category;
  }

  @Override
  protected final Measurement measureInWindow(Window window, EvidenceSet e) {
    return measure(window, e, Scope.devices(e, category));
  }

  /** Measures over {@code e} (rows inside the window) and the devices in scope. */
  protected abstract Measurement measure(Window window, EvidenceSet e, List<LedgerDevice> devices);
}
