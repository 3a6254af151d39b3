package io.eoc.edge.filter;

import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;

/** Abnormal data (jiangsu-2023 §三(二)2 "remove abnormal data"): possible, but not plausible. */
final class AbnormalSteps {
  /** 1.4826 × MAD estimates the standard deviation of normally distributed data. */
  static final double MAD_TO_SIGMA = 1.4826;

  private AbnormalSteps() {}

  /**
   * A change faster than the process can move, measured against the last accepted value. A real
   * step is accepted once enough time has passed for it to be reachable, so the filter cannot
   * lock out a series for good.
   */
  static final class Spike implements FilterStep {
    private final double maxRate;
    private Instant lastTime;
    private double lastValue;

    Spike(double maxRate) {
      this.maxRate = maxRate;
    }

    @Override
    public Verdict test(Point p) {
      if (lastTime != null) {
        double seconds = micros(lastTime, p.timestamp()) / 1e6;
        if (seconds > 0 && Math.abs(p.value() - lastValue) / seconds > maxRate) {
          return Verdict.drop(FilterReason.SPIKE);
        }
      }
      lastTime = p.timestamp();
      lastValue = p.value();
      return Verdict.pass(p);
    }

    @Override
    public void reset() {
      lastTime = null;
    }
  }

  /**
   * The Hampel identifier over the {@code window} previous values that reached this step,
   * including the ones it rejected: one outlier barely moves the median, and a genuine level
   * shift is followed after about half a window instead of being rejected for ever. A window
   * with MAD 0 (constant or quantised values) cannot judge and passes everything.
   */
  static final class Hampel implements FilterStep {
    private final int window;
    private final double threshold;
    private final ArrayDeque<Double> recent = new ArrayDeque<>();

    Hampel(FilterConfig.Hampel config) {
      this.window = config.window();
      this.threshold = config.threshold();
    }

    @Override
    public Verdict test(Point p) {
      boolean outlier = recent.size() == window && isOutlier(p.value());
      recent.addLast(p.value());
      if (recent.size() > window) {
        recent.removeFirst();
      }
      return outlier ? Verdict.drop(FilterReason.OUTLIER) : Verdict.pass(p);
    }

    private boolean isOutlier(double x) {
      double[] values = recent.stream().mapToDouble(Double::doubleValue).toArray();
      double median = median(values);
      double[] deviations = Arrays.stream(values).map(v -> Math.abs(v - median)).toArray();
      double mad = median(deviations);
      return mad > 0 && Math.abs(x - median) > threshold * MAD_TO_SIGMA * mad;
    }
  }

  /**
   * A value repeated exactly for longer than {@code after} while it should move: a stuck
   * transmitter or a gateway serving a stale cache. The point is kept but marked UNCERTAIN —
   * a constant value may also be real (a stopped machine), so dropping it would lose data.
   */
  static final class Frozen implements FilterStep {
    private final long afterMicros;
    private Instant runStart;
    private double runValue;

    Frozen(Duration after) {
      this.afterMicros = after.toNanos() / 1000;
    }

    @Override
    public Verdict test(Point p) {
      if (runStart == null || Double.compare(p.value(), runValue) != 0) {
        runStart = p.timestamp();
        runValue = p.value();
        return Verdict.pass(p);
      }
      if (micros(runStart, p.timestamp()) > afterMicros) {
        return Verdict.flag(new Point(p.device(), p.tag(), p.timestamp(), p.value(), Quality.UNCERTAIN),
            FilterReason.FROZEN);
      }
      return Verdict.pass(p);
    }

    @Override
    public void reset() {
      runStart = null;
    }
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static long micros(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1000;
  }
}
