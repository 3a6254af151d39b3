package io.eoc.metrics;

import io.eoc.metrics.evidence.EvidenceSet;

/** One measurable indicator with a written, versioned method ({@link #methodId()}). */
public interface Indicator {
  String id();

  /** For example {@code equipment-access/v1}; changes whenever the computation changes. */
  String methodId();

  /**
   * Measures over {@code window} (inside the evidence's own window) from the evidence alone; a
   * source the evidence does not hold yields "no evidence", never zero.
   */
  Measurement measure(Window window, EvidenceSet evidence);
}
