package io.eoc.edge.filter;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How the points of one tag are filtered. Everything that can lose data is off unless configured:
 * the defaults ({@link #ANALOG}, {@link #STATE}) only remove what carries no information.
 *
 * @param kind analog or state
 * @param range the physical range; values outside are dropped
 * @param maxRate largest plausible |Δvalue/Δt| in units per second; faster changes are spikes
 * @param hampel the robust window test; values far from the window median are outliers
 * @param frozenAfter a value unchanged for longer than this is marked {@code UNCERTAIN}
 * @param dropDuplicates drop a point with the same timestamp and value as the previous one
 * @param deadband report-by-exception with a heartbeat
 */
public record FilterConfig(SignalKind kind, Optional<Range> range, OptionalDouble maxRate,
    Optional<Hampel> hampel, Optional<Duration> frozenAfter, boolean dropDuplicates,
    Optional<Deadband> deadband) {

  /** The state heartbeat when none is configured. */
  public static final Duration DEFAULT_MAX_SILENCE = Duration.ofSeconds(60);

  /** Analog default: NaN and duplicate filtering only, so normal data is never lost. */
  public static final FilterConfig ANALOG = new FilterConfig(SignalKind.ANALOG, Optional.empty(),
      OptionalDouble.empty(), Optional.empty(), Optional.empty(), true, Optional.empty());

  /** State default: duplicates and unchanged values dropped, a heartbeat every 60 s. */
  public static final FilterConfig STATE = new FilterConfig(SignalKind.STATE, Optional.empty(),
      OptionalDouble.empty(), Optional.empty(), Optional.empty(), true,
      Optional.of(new Deadband(0, 0, DEFAULT_MAX_SILENCE)));

  public FilterConfig {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(maxRate, "maxRate");
    Objects.requireNonNull(hampel, "hampel");
    Objects.requireNonNull(frozenAfter, "frozenAfter");
    Objects.requireNonNull(deadband, "deadband");
    if (maxRate.isPresent() && !(maxRate.getAsDouble() > 0 && Double.isFinite(maxRate.getAsDouble()))) {
      throw new IllegalArgumentException("maxRate must be a finite number > 0, was " + maxRate.getAsDouble());
    }
    if (frozenAfter.isPresent() && (frozenAfter.get().isNegative() || frozenAfter.get().isZero())) {
      throw new IllegalArgumentException("frozenAfter must be > 0, was " + frozenAfter.get());
    }
    if (deadband.isPresent() && deadband.get().percent() > 0 && range.isEmpty()) {
      throw new IllegalArgumentException("a percent deadband needs a range: it is a percent of the range span");
    }
  }

  public static FilterConfig defaults(SignalKind kind) {
    return kind == SignalKind.STATE ? STATE : ANALOG;
  }

  public FilterConfig withRange(double min, double max) {
    return new FilterConfig(kind, Optional.of(new Range(min, max)), maxRate, hampel, frozenAfter,
        dropDuplicates, deadband);
  }

  public FilterConfig withMaxRate(double unitsPerSecond) {
    return new FilterConfig(kind, range, OptionalDouble.of(unitsPerSecond), hampel, frozenAfter,
        dropDuplicates, deadband);
  }

  public FilterConfig withHampel(int window, double threshold) {
    return new FilterConfig(kind, range, maxRate, Optional.of(new Hampel(window, threshold)),
        frozenAfter, dropDuplicates, deadband);
  }

  public FilterConfig withFrozenAfter(Duration after) {
    return new FilterConfig(kind, range, maxRate, hampel, Optional.of(after), dropDuplicates, deadband);
  }

  public FilterConfig withDropDuplicates(boolean drop) {
    return new FilterConfig(kind, range, maxRate, hampel, frozenAfter, drop, deadband);
  }

  public FilterConfig withDeadband(double absolute, double percent, Duration maxSilence) {
    return new FilterConfig(kind, range, maxRate, hampel, frozenAfter, dropDuplicates,
        Optional.of(new Deadband(absolute, percent, maxSilence)));
  }

  /**
   * The deadband width in the tag's unit: the larger of the absolute band and the percent of the
   * range span (the OPC UA Part 8 PercentDeadband definition), or empty when there is no deadband.
   */
  public OptionalDouble deadbandWidth() {
    if (deadband.isEmpty()) {
      return OptionalDouble.empty();
    }
    Deadband d = deadband.get();
    double span = range.map(r -> r.max() - r.min()).orElse(0.0);
    return OptionalDouble.of(Math.max(d.absolute(), d.percent() / 100 * span));
  }

  /** The physical range, inclusive at both ends. */
  public record Range(double min, double max) {
    public Range {
      if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
        throw new IllegalArgumentException("range must be finite with min <= max, was [" + min + ", " + max + "]");
      }
    }

    public boolean contains(double value) {
      return value >= min && value <= max;
    }
  }

  /**
   * The Hampel identifier: a value is an outlier when it lies more than {@code threshold} scaled
   * MADs (1.4826 × MAD estimates σ for normal data) from the median of the {@code window}
   * previous values.
   */
  public record Hampel(int window, double threshold) {
    public Hampel {
      if (window < 3) {
        throw new IllegalArgumentException("hampel window must be >= 3, was " + window);
      }
      if (!(threshold > 0) || !Double.isFinite(threshold)) {
        throw new IllegalArgumentException("hampel threshold must be > 0, was " + threshold);
      }
    }
  }

  /**
   * Report by exception: a value within the band of the last reported value is dropped, unless
   * nothing was reported for {@code maxSilence}.
   *
   * @param absolute band in the tag's unit (0: report every change)
   * @param percent band in percent of the range span (0: none)
   */
  public record Deadband(double absolute, double percent, Duration maxSilence) {
    public Deadband {
      if (!(absolute >= 0) || !Double.isFinite(absolute)) {
        throw new IllegalArgumentException("deadband must be >= 0, was " + absolute);
      }
      if (!(percent >= 0 && percent <= 100)) {
        throw new IllegalArgumentException("deadband percent must be 0-100, was " + percent);
      }
      Objects.requireNonNull(maxSilence, "maxSilence");
      if (maxSilence.isNegative() || maxSilence.isZero()) {
        throw new IllegalArgumentException("maxSilence must be > 0, was " + maxSilence);
      }
    }
  }
}
