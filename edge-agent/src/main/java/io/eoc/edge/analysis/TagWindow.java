package io.eoc.edge.analysis;

/**
 * What one tag did in one closed window, as a held (step) signal: each sample holds until the
 * next sample, a bad-quality point, or max-gap.
 *
 * @param count samples received in the window
 * @param min smallest held value, including the value carried in from before the window
 * @param max largest held value, including the value carried in
 * @param last the held value at the window end (or the last sample)
 * @param coveredSeconds time in the window during which the value was known
 * @param integral ∫ value dt over the known time, held (step) signal, value × seconds
 * @param trapezoid ∫ value dt with linear interpolation between samples, value × seconds
 * @param runningSeconds known time at or above the running threshold
 * @param starts rises from below to at-or-above the running threshold
 */
record TagWindow(long count, double min, double max, double last, double coveredSeconds,
    double integral, double trapezoid, double runningSeconds, int starts) {

  boolean hasData() {
    return count > 0 || coveredSeconds > 0;
  }

  /** Time-weighted mean of the held signal over the known time. */
  double mean() {
    return coveredSeconds > 0 ? integral / coveredSeconds : Double.NaN;
  }
}
