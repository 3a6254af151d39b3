package io.eoc.metrics;

/** One measurable indicator with a written, versioned method ({@link #methodId()}). */
public interface Indicator {
  String id();

  /** For example {@code equipment-access/v1}; changes whenever the computation changes. */
  String methodId();

  /** Measures over the window; an absent or failing evidence source yields "no evidence". */
  Measurement measure(Window window, Evidence evidence);
}
