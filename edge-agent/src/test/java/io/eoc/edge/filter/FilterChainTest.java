package io.eoc.edge.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FilterChainTest {
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  static final String DEVICE = "boiler-1";
  static final String TAG = "steam_pressure";

  private final FilterStats stats = new FilterStats();

  private FilterChain chain(FilterConfig config) {
    return FilterChain.builder().series(DEVICE, TAG, config).stats(stats).build();
  }

  static Point at(double seconds, double value) {
    return Point.good(DEVICE, TAG, T0.plusMillis(Math.round(seconds * 1000)), value);
  }

  /** Points at 0, step, 2·step … seconds. */
  static List<Point> series(double step, double... values) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      points.add(at(i * step, values[i]));
    }
    return points;
  }

  private long count(FilterReason reason) {
    return stats.total(DEVICE, TAG, reason);
  }

  private static List<Double> values(List<Point> points) {
    return points.stream().map(Point::value).toList();
  }

  @Test
  void badQualityPointsPassUnchangedAndNeverReachTheValueFilters() {
    Point bad = Point.bad(DEVICE, TAG, T0, Quality.BAD_NO_COMMUNICATION);
    List<Point> out = chain(FilterConfig.ANALOG.withRange(0, 2.5)).apply(List.of(bad, bad));
    assertThat(out).containsExactly(bad, bad);
    assertThat(count(FilterReason.BAD_QUALITY)).isEqualTo(2);
    assertThat(count(FilterReason.NAN)).isZero();
    assertThat(count(FilterReason.OUT_OF_RANGE)).isZero();
  }

  @Test
  void notANumberAndInfinityAreDropped() {
    List<Point> out = chain(FilterConfig.ANALOG).apply(
        series(1, 1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 2.0));
    assertThat(values(out)).containsExactly(1.0, 2.0);
    assertThat(count(FilterReason.NAN)).isEqualTo(3);
  }

  @Test
  void valuesOutsideThePhysicalRangeAreDroppedAndTheBoundsAreKept() {
    List<Point> out = chain(FilterConfig.ANALOG.withRange(0, 2.5)).apply(series(1, -0.01, 0, 1.2, 2.5, 2.51, 65535));
    assertThat(values(out)).containsExactly(0.0, 1.2, 2.5);
    assertThat(count(FilterReason.OUT_OF_RANGE)).isEqualTo(3);
  }

  @Test
  void spikeFasterThanMaxRateIsDroppedAndARealStepIsFollowedOnceReachable() {
    // 0.5 units/s: 5.0 after 1.2 is 3.8/s; 1.3 is 0.05/s from the last accepted 1.2;
    // the step to 2.3 is 1.0/s after 1 s (dropped) but 0.5/s after 2 s (accepted).
    List<Point> out = chain(FilterConfig.ANALOG.withMaxRate(0.5)).apply(series(1, 1.0, 1.2, 5.0, 1.3, 2.3, 2.3));
    assertThat(out).extracting(Point::timestamp, Point::value).containsExactly(
        tuple(T0, 1.0), tuple(T0.plusSeconds(1), 1.2),
        tuple(T0.plusSeconds(3), 1.3), tuple(T0.plusSeconds(5), 2.3));
    assertThat(count(FilterReason.SPIKE)).isEqualTo(2);
  }

  @Test
  void hampelDropsAnOutlierFromANoisySeries() {
    // Window [10.2 9.9 10.1 10.0 10.3]: median 10.1, MAD 0.1, limit 3 × 1.4826 × 0.1 = 0.445.
    List<Point> out = chain(FilterConfig.ANALOG.withHampel(5, 3))
        .apply(series(1, 10.0, 10.2, 9.9, 10.1, 10.0, 10.3, 15.0, 10.2));
    assertThat(values(out)).containsExactly(10.0, 10.2, 9.9, 10.1, 10.0, 10.3, 10.2);
    assertThat(count(FilterReason.OUTLIER)).isEqualTo(1);
  }

  @Test
  void hampelFollowsALevelShiftAfterHalfAWindow() {
    List<Point> out = chain(FilterConfig.ANALOG.withHampel(5, 3))
        .apply(series(1, 10.0, 10.2, 9.9, 10.1, 10.0, 20.0, 20.1, 19.9, 20.2, 20.0));
    assertThat(values(out)).containsExactly(10.0, 10.2, 9.9, 10.1, 10.0, 20.2, 20.0);
    assertThat(count(FilterReason.OUTLIER)).isEqualTo(3);
  }

  @Test
  void hampelWithAConstantWindowCannotJudgeAndPasses() {
    List<Point> out = chain(FilterConfig.ANALOG.withHampel(3, 3)).apply(series(1, 1, 1, 1, 2));
    assertThat(values(out)).containsExactly(1.0, 1.0, 1.0, 2.0);
  }

  @Test
  void valueUnchangedLongerThanFrozenAfterIsMarkedUncertainNotDropped() {
    double[] minutes = new double[14];
    Arrays.fill(minutes, 5.0);
    minutes[13] = 5.1;
    List<Point> out = chain(FilterConfig.ANALOG.withFrozenAfter(Duration.ofMinutes(10))).apply(series(60, minutes));
    assertThat(out).hasSize(14);
    assertThat(out).extracting(Point::quality).containsExactly(
        Quality.GOOD, Quality.GOOD, Quality.GOOD, Quality.GOOD, Quality.GOOD, Quality.GOOD, Quality.GOOD,
        Quality.GOOD, Quality.GOOD, Quality.GOOD, Quality.GOOD, // 0‥10 min: not longer than 10 min
        Quality.UNCERTAIN, Quality.UNCERTAIN, // 11 and 12 min
        Quality.GOOD); // moved again
    assertThat(count(FilterReason.FROZEN)).isEqualTo(2);
  }

  @Test
  void exactDuplicateIsDroppedButTheSameTimeWithAnotherValueIsNot() {
    List<Point> out = chain(FilterConfig.ANALOG).apply(List.of(at(0, 1.0), at(0, 1.0), at(0, 2.0), at(1, 2.0)));
    assertThat(out).containsExactly(at(0, 1.0), at(0, 2.0), at(1, 2.0));
    assertThat(count(FilterReason.DUPLICATE)).isEqualTo(1);
  }

  @Test
  void deadbandDropsSmallChangesAndReportsAHeartbeatEveryMaxSilence() {
    FilterChain chain = chain(FilterConfig.ANALOG.withDeadband(0.1, 0, Duration.ofSeconds(60)));
    List<Point> out = chain.apply(series(10, 1.00, 1.05, 1.08, 1.25, 1.25, 1.25, 1.25, 1.25, 1.25, 1.25, 1.30));
    assertThat(out).containsExactly(at(0, 1.00), at(30, 1.25), at(90, 1.25));
    assertThat(count(FilterReason.DEADBAND)).isEqualTo(8);
  }

  @Test
  void percentDeadbandIsAPercentOfTheRangeSpan() {
    // 1 % of [0, 2.5] = 0.025, wider than the absolute 0.01.
    FilterConfig config = FilterConfig.ANALOG.withRange(0, 2.5).withDeadband(0.01, 1, Duration.ofMinutes(1));
    assertThat(config.deadbandWidth()).hasValue(0.025);
    List<Point> out = chain(config).apply(series(1, 1.000, 1.020, 1.030));
    assertThat(values(out)).containsExactly(1.000, 1.030);
  }

  @Test
  void firstGoodValueAfterABadQualityGapIsAlwaysReported() {
    FilterChain chain = chain(FilterConfig.ANALOG.withDeadband(0.1, 0, Duration.ofHours(1)));
    Point bad = Point.bad(DEVICE, TAG, T0.plusSeconds(10), Quality.BAD_NO_COMMUNICATION);
    List<Point> out = chain.apply(List.of(at(0, 1.0), bad, at(20, 1.0), at(30, 1.0)));
    assertThat(out).containsExactly(at(0, 1.0), bad, at(20, 1.0));
  }

  @Test
  void frozenMarkIsNewsForTheDeadband() {
    FilterConfig config = FilterConfig.ANALOG.withFrozenAfter(Duration.ofMinutes(2))
        .withDeadband(0.1, 0, Duration.ofHours(1));
    List<Point> out = chain(config).apply(series(60, 5, 5, 5, 5, 5));
    assertThat(out).extracting(Point::timestamp, Point::quality).containsExactly(
        tuple(T0, Quality.GOOD),
        tuple(T0.plusSeconds(180), Quality.UNCERTAIN));
    assertThat(count(FilterReason.FROZEN)).isEqualTo(2);
    assertThat(count(FilterReason.DEADBAND)).isEqualTo(3);
  }

  @Test
  void stateTagsReportChangesAndAHeartbeatOnly() {
    List<Point> out = chain(FilterConfig.STATE).apply(series(10, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0));
    assertThat(out).containsExactly(at(0, 0), at(30, 1), at(50, 0), at(110, 0));
    assertThat(count(FilterReason.DEADBAND)).isEqualTo(8);
  }

  @Test
  void analogDefaultsLoseNothingForNormalData() {
    Random random = new Random(42);
    List<Point> in = new ArrayList<>();
    double v = 1.0;
    for (int i = 0; i < 2000; i++) {
      v = i % 100 < 20 ? v : v + random.nextGaussian() * 0.01; // includes constant stretches
      in.add(at(i, v));
    }
    FilterChain chain = FilterChain.builder().stats(stats).build();
    assertThat(chain.apply(in)).isEqualTo(in);
    assertThat(stats.totals()).isEmpty();
  }

  @Test
  void drainReturnsCountsSinceTheLastDrainWhileTotalsKeepCounting() {
    FilterChain chain = FilterChain.builder().stats(stats).build();
    chain.apply(List.of(at(0, Double.NaN), at(1, Double.NaN), at(2, 1.0), at(2, 1.0),
        Point.good("boiler-0", TAG, T0, Double.NaN)));
    assertThat(stats.drainCounts()).containsExactly(
        new DropCount("boiler-0", TAG, "nan", 1),
        new DropCount(DEVICE, TAG, "duplicate", 1),
        new DropCount(DEVICE, TAG, "nan", 2));
    assertThat(stats.drainCounts()).isEmpty();
    chain.apply(List.of(at(3, Double.NaN)));
    assertThat(stats.drainCounts()).containsExactly(new DropCount(DEVICE, TAG, "nan", 1));
    assertThat(stats.total(DEVICE, TAG, FilterReason.NAN)).isEqualTo(3);
  }

  @Test
  void seriesWithoutAConfigurationUseTheFallback() {
    FilterChain chain = FilterChain.builder().fallback(FilterConfig.ANALOG.withRange(0, 1)).stats(stats).build();
    assertThat(chain.apply(List.of(Point.good("other", "t", T0, 5)))).isEmpty();
    assertThat(stats.total("other", "t", FilterReason.OUT_OF_RANGE)).isEqualTo(1);
  }
}
