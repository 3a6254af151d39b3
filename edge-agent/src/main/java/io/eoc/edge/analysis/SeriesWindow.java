package io.eoc.edge.analysis;

/**
 * The running account of one tag within the current window. Times are epoch microseconds.
 *
 * <p>Between samples the value is held (report-by-exception semantics: a deadband-filtered tag
 * stayed within its band until the next report). The trapezoid integral books the held value up
 * to a window end, because the next sample is not known yet, and corrects the difference to the
 * linear segment when that sample arrives — so the sum over windows is exactly the trapezoid rule.
 */
final class SeriesWindow {
  private final long maxGap;
  private final double runThreshold;

  private boolean held;
  private long lastTime;
  private double lastValue;
  private double segmentBooked;
  private double lastKnown = Double.NaN;

  private long count;
  private double min = Double.NaN;
  private double max = Double.NaN;
  private double last = Double.NaN;
  private long covered;
  private double integral;
  private double trapezoid;
  private long running;
  private int starts;

  /** @param runThreshold running while value >= threshold; NaN when the tag is no running tag */
  SeriesWindow(long maxGapMicros, double runThreshold) {
    this.maxGap = maxGapMicros;
    this.runThreshold = runThreshold;
  }

  /** A good sample. Ignored when not newer than the previous sample (out of order). */
  void sample(long t, double value, long windowStart) {
    if (held && t <= lastTime) {
      return;
    }
    holdUntil(t, windowStart);
    if (held && t - lastTime <= maxGap) {
      trapezoid += (lastValue + value) / 2 * (t - lastTime) - segmentBooked;
    }
    if (lastKnown < runThreshold && value >= runThreshold) {
      starts++;
    }
    lastKnown = value;
    held = true;
    lastTime = t;
    lastValue = value;
    segmentBooked = 0;
    count++;
    include(value);
  }

  /** A bad-quality point: the value is unknown from {@code t} on. */
  void invalidate(long t, long windowStart) {
    if (held && t > lastTime) {
      holdUntil(t, windowStart);
    }
    held = false;
  }

  /** Closes the window at {@code end} and starts the next one, carrying the held value over. */
  TagWindow close(long windowStart, long end) {
    holdUntil(end, windowStart);
    TagWindow w = new TagWindow(count, min, max, last, covered / 1e6, integral / 1e6, trapezoid / 1e6,
        running / 1e6, starts);
    count = 0;
    min = Double.NaN;
    max = Double.NaN;
    last = Double.NaN;
    covered = 0;
    integral = 0;
    trapezoid = 0;
    running = 0;
    starts = 0;
    return w;
  }

  /** Whether the value is still known (held) at {@code t}. */
  boolean knownAt(long t) {
    return held && t >= lastTime && t <= lastTime + maxGap;
  }

  double heldValue() {
    return lastValue;
  }

  private void holdUntil(long t, long windowStart) {
    if (!held) {
      return;
    }
    long from = Math.max(lastTime, windowStart);
    long to = Math.min(t, lastTime + maxGap);
    if (to <= from) {
      return;
    }
    long dt = to - from;
    double area = lastValue * dt;
    covered += dt;
    integral += area;
    trapezoid += area;
    segmentBooked += area;
    if (lastValue >= runThreshold) {
      running += dt;
    }
    include(lastValue);
  }

  private void include(double value) {
    min = Double.isNaN(min) ? value : Math.min(min, value);
    max = Double.isNaN(max) ? value : Math.max(max, value);
    last = value;
  }
}
