package io.eoc.edge.filter;

import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.time.Duration;
import java.time.Instant;

/** Redundant data (jiangsu-2023 §三(二)2 "remove redundant data, compress"): adds nothing new. */
final class RedundantSteps {
  private RedundantSteps() {}

  /** The same reading delivered twice (same timestamp and value as the previous point). */
  static final class Duplicate implements FilterStep {
    private Instant lastTime;
    private double lastValue;

    @Override
    public Verdict test(Point p) {
      boolean duplicate = p.timestamp().equals(lastTime) && Double.compare(p.value(), lastValue) == 0;
      lastTime = p.timestamp();
      lastValue = p.value();
      return duplicate ? Verdict.drop(FilterReason.DUPLICATE) : Verdict.pass(p);
    }

    @Override
    public void reset() {
      lastTime = null;
    }
  }

  /**
   * Report by exception: drop a value within {@code width} of the last reported one, unless
   * {@code maxSilence} has passed since (heartbeat, so the cloud can tell "unchanged" from
   * "silent") or the quality changed (a frozen mark is news).
   */
  static final class Deadband implements FilterStep {
    private final double width;
    private final long maxSilenceMicros;
    private Instant lastTime;
    private double lastValue;
    private Quality lastQuality;

    Deadband(double width, Duration maxSilence) {
      this.width = width;
      this.maxSilenceMicros = maxSilence.toNanos() / 1000;
    }

    @Override
    public Verdict test(Point p) {
      boolean unchanged = lastTime != null
          && p.quality() == lastQuality
          && Math.abs(p.value() - lastValue) <= width
          && AbnormalSteps.micros(lastTime, p.timestamp()) < maxSilenceMicros;
      if (unchanged) {
        return Verdict.drop(FilterReason.DEADBAND);
      }
      lastTime = p.timestamp();
      lastValue = p.value();
      lastQuality = p.quality();
      return Verdict.pass(p);
    }

    @Override
    public void reset() {
      lastTime = null;
    }
  }
}
