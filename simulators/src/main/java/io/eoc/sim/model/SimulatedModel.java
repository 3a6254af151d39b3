package io.eoc.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * What every model here shares: the seeded random stream, simulated time, sub-stepping and the
 * tag table. A subclass registers its tags in its constructor, moves its physics in
 * {@link #advance} and samples its instruments (with their noise) in {@link #measure}.
 */
abstract class SimulatedModel implements EquipmentModel {

  /** China Standard Time, UTC+8: the local time of the plants jiangsu-2023 is written for. */
  static final ZoneOffset PLANT_ZONE = ZoneOffset.ofHours(8);

  final SplittableRandom random;
  final TagTable table;
  private final String kind;
  private final Category category;
  private final Instant start;
  private final long maxSubstepNanos;
  private long elapsedNanos;

  SimulatedModel(String kind, Category category, long seed, Instant start, Duration maxSubstep) {
    this.kind = kind;
    this.category = category;
    this.start = Objects.requireNonNull(start, "start");
    this.random = new SplittableRandom(seed);
    this.table = new TagTable(kind);
    this.maxSubstepNanos = maxSubstep.toNanos();
  }

  /**
   * Moves the physics by {@code h} seconds (at most the maximum sub-step) to {@link #now()},
   * which already includes {@code h}.
   */
  abstract void advance(double h);

  /**
   * Samples the instruments from the physical state. Draws the same number of random numbers
   * whatever the state, so that the stream does not depend on it.
   */
  abstract void measure();

  @Override
  public final String kind() {
    return kind;
  }

  @Override
  public final Category category() {
    return category;
  }

  @Override
  public final List<TagSpec> tags() {
    return table.specs();
  }

  @Override
  public final Instant now() {
    return start.plusNanos(elapsedNanos);
  }

  @Override
  public final void step(Duration dt) {
    Objects.requireNonNull(dt, "dt");
    if (dt.isNegative() || dt.isZero()) {
      throw new IllegalArgumentException("step must be positive: " + dt);
    }
    long total = dt.toNanos();
    long substeps = (total + maxSubstepNanos - 1) / maxSubstepNanos;
    long each = total / substeps;
    long rest = total - each * substeps;
    for (long i = 0; i < substeps; i++) {
      long h = each + (i < rest ? 1 : 0);
      // The sub-step computes the state at its end: time-driven inputs (the sun, the shift) are
      // those of the instant now() will report.
      elapsedNanos += h;
      advance(h / 1e9);
    }
    measure();
  }

  @Override
  public final double value(String tag) {
    return table.value(tag);
  }

  /** Applies the write, then re-samples the instruments so that it shows at once. */
  @Override
  public final void write(String tag, double value) {
    table.write(tag, value);
    measure();
  }

  /** Local (UTC+8) time of day in hours, 0 to 24, at the end of the current sub-step. */
  final double localHour() {
    long seconds = start.getEpochSecond() + PLANT_ZONE.getTotalSeconds()
        + Math.floorDiv(start.getNano() + elapsedNanos, 1_000_000_000L);
    long nanos = Math.floorMod(start.getNano() + elapsedNanos, 1_000_000_000L);
    return (Math.floorMod(seconds, 86_400L) + nanos / 1e9) / 3600;
  }

  /** Local (UTC+8) date at the end of the current sub-step, as days since 1970-01-01. */
  final long localEpochDay() {
    long seconds = start.getEpochSecond() + PLANT_ZONE.getTotalSeconds()
        + Math.floorDiv(start.getNano() + elapsedNanos, 1_000_000_000L);
    return Math.floorDiv(seconds, 86_400L);
  }

  /** Measurement noise: {@code value} plus a Gaussian of {@code sd}. Always draws one number. */
  final double noisy(double value, double sd) {
    return value + sd * random.nextGaussian();
  }
}
