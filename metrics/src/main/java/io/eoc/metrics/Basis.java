package io.eoc.metrics;

/**
 * Where a figure comes from. Declared items (cloud investment, IT O&M cost reduction) are entered
 * by the enterprise with a document reference and are always shown as declared, never as measured
 * (docs/indicators.md, "declared").
 */
public enum Basis {
  /** Computed by eoc from the evidence it recorded itself. */
  MEASURED,
  /** Entered by the enterprise; eoc only shows it with its reference. */
  DECLARED
}
