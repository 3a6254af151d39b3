package io.eoc.edge.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.eoc.edge.analysis.AnalysisConfig.Aggregates;
import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeAnalyzerTest {
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  static final String DEVICE = "boiler-1";

  static Point at(String tag, double seconds, double value) {
    return Point.good(DEVICE, tag, T0.plusMillis(Math.round(seconds * 1000)), value);
  }

  /** Derived tag → value for the points stamped {@code seconds} after T0. */
  static Map<String, Double> at(List<Point> derived, double seconds) {
    Instant when = T0.plusMillis(Math.round(seconds * 1000));
    Map<String, Double> out = new LinkedHashMap<>();
    derived.stream().filter(p -> p.timestamp().equals(when)).forEach(p -> out.put(p.tag(), p.value()));
    return out;
  }

  static double sum(List<Point> derived, String tag) {
    return derived.stream().filter(p -> p.tag().equals(tag)).mapToDouble(Point::value).sum();
  }

  /** {@code tag} sampled every {@code step} seconds from 0 to {@code until} inclusive at {@code value}. */
  static List<Point> constant(String tag, double value, int step, int until) {
    List<Point> points = new ArrayList<>();
    for (int s = 0; s <= until; s += step) {
      points.add(at(tag, s, value));
    }
    return points;
  }

  @Test
  void windowAggregatesAreEmittedAtTheWindowEndWithATimeWeightedMean() {
    EdgeAnalyzer analyzer = new EdgeAnalyzer(DEVICE, AnalysisConfig.NONE.withAggregates(Aggregates.of("p")));
    List<Point> derived = new ArrayList<>();
    derived.addAll(analyzer.accept(List.of(at("p", 0, 1.0), at("p", 10, 2.0), at("p", 40, 4.0))));
    assertThat(derived).as("the window is still open").isEmpty();
    derived.addAll(analyzer.accept(List.of(at("p", 90, 5.0))));
    derived.addAll(analyzer.flush(T0.plusSeconds(120)));

    // [0, 60): 1.0 for 10 s, 2.0 for 30 s, 4.0 for 20 s → (10 + 60 + 80) / 60 = 2.5 (sample mean: 2.33)
    assertThat(at(derived, 60)).containsExactly(Map.entry("p:min:60s", 1.0), Map.entry("p:max:60s", 4.0),
        Map.entry("p:mean:60s", 2.5), Map.entry("p:last:60s", 4.0), Map.entry("p:count:60s", 3.0));
    // [60, 120): 4.0 carried in for 30 s, then 5.0 for 30 s
    assertThat(at(derived, 120)).containsExactly(Map.entry("p:min:60s", 4.0), Map.entry("p:max:60s", 5.0),
        Map.entry("p:mean:60s", 4.5), Map.entry("p:last:60s", 5.0), Map.entry("p:count:60s", 1.0));
    assertThat(derived).allMatch(p -> p.quality() == Quality.GOOD && p.device().equals(DEVICE));
  }

  @Test
  void onlyConfiguredTagsAreAggregatedUnlessAllIsAsked() {
    List<Point> in = List.of(at("p", 0, 1), at("q", 0, 2), at("p", 60, 1), at("q", 60, 2));
    assertThat(new EdgeAnalyzer(DEVICE, AnalysisConfig.NONE.withAggregates(Aggregates.of("q"))).accept(in))
        .extracting(Point::tag).containsExactly("q:min:60s", "q:max:60s", "q:mean:60s", "q:last:60s", "q:count:60s");
    assertThat(new EdgeAnalyzer(DEVICE, AnalysisConfig.NONE.withAggregates(Aggregates.ALL)).accept(in))
        .hasSize(10);
    assertThat(new EdgeAnalyzer(DEVICE, AnalysisConfig.NONE).accept(in)).isEmpty();
  }

  @Test
  void constantHundredKilowattsForThirtyMinutesIsFiftyKilowattHours() {
    AnalysisConfig config = AnalysisConfig.NONE.withWindow(Duration.ofMinutes(30))
        .withEnergy(new AnalysisConfig.Energy("active_power", 1));
    List<Point> derived = new EdgeAnalyzer(DEVICE, config).accept(constant("active_power", 100, 10, 1800));
    assertThat(at(derived, 1800)).containsOnlyKeys("energy_kwh:1800s");
    assertThat(at(derived, 1800).get("energy_kwh:1800s")).isCloseTo(50.0, within(1e-9));
  }

  @Test
  void energyUsesTheTrapezoidRuleAndTheUnitOfThePowerTag() {
    // 0 → 120 MW linear over 60 s, then 120 MW held for 60 s: 3600 + 7200 MW·s = 3 MWh = 3000 kWh
    AnalysisConfig config = AnalysisConfig.NONE.withWindow(Duration.ofSeconds(120))
        .withEnergy(new AnalysisConfig.Energy("p", 1000));
    List<Point> derived = new EdgeAnalyzer(DEVICE, config)
        .accept(List.of(at("p", 0, 0), at("p", 60, 120), at("p", 120, 120)));
    assertThat(at(derived, 120).get("energy_kwh:120s")).isCloseTo(3000.0, within(1e-9));
  }

  @Test
  void energyOfASegmentAcrossWindowsSumsExactlyToTheTrapezoidRule() {
    // 0 kW at 0 s, 90 kW at 90 s, 90 kW at 150 s, flushed at 180 s:
    // ∫ = 90·90/2 + 90·60 + 90·30 = 12150 kW·s = 3.375 kWh.
    EdgeAnalyzer analyzer = new EdgeAnalyzer(DEVICE,
        AnalysisConfig.NONE.withEnergy(new AnalysisConfig.Energy("p", 1)));
    List<Point> derived = new ArrayList<>(analyzer.accept(List.of(at("p", 0, 0), at("p", 90, 90), at("p", 150, 90))));
    derived.addAll(analyzer.flush(T0.plusSeconds(180)));
    assertThat(at(derived, 60).get("energy_kwh:60s")).isEqualTo(0.0);
    assertThat(at(derived, 120).get("energy_kwh:60s")).isCloseTo(6750 / 3600.0, within(1e-12));
    assertThat(at(derived, 180).get("energy_kwh:60s")).isCloseTo(5400 / 3600.0, within(1e-12));
    assertThat(sum(derived, "energy_kwh:60s")).isCloseTo(3.375, within(1e-12));
  }

  @Test
  void runningHoursStartsAndAvailabilityComeFromTheStateTag() {
    AnalysisConfig config = AnalysisConfig.NONE.withWindow(Duration.ofHours(1)).withMaxGap(Duration.ofHours(1))
        .withRunning(new AnalysisConfig.Running("running", 0.5));
    // running 600‥1500 s and 2400‥3300 s: 1800 s = 0.5 h, two starts, half of the hour
    List<Point> derived = new EdgeAnalyzer(DEVICE, config).accept(List.of(at("running", 0, 0),
        at("running", 600, 1), at("running", 1500, 0), at("running", 2400, 1), at("running", 3000, 1),
        at("running", 3300, 0), at("running", 3600, 0)));
    assertThat(at(derived, 3600)).containsExactly(Map.entry("running_hours:3600s", 0.5),
        Map.entry("starts:3600s", 2.0), Map.entry("availability:3600s", 0.5));
  }

  @Test
  void availabilityIsAFractionOfTheKnownTimeAndAGapIsNoStart() {
    AnalysisConfig config = AnalysisConfig.NONE.withWindow(Duration.ofHours(1)).withMaxGap(Duration.ofHours(1))
        .withRunning(new AnalysisConfig.Running("running", 0.5));
    EdgeAnalyzer analyzer = new EdgeAnalyzer(DEVICE, config);
    analyzer.accept(List.of(at("running", 0, 1),
        Point.bad(DEVICE, "running", T0.plusSeconds(1800), Quality.BAD_NO_COMMUNICATION), at("running", 2700, 1)));
    assertThat(at(analyzer.flush(T0.plusSeconds(3600)), 3600)).containsExactly(
        Map.entry("running_hours:3600s", 0.75), Map.entry("starts:3600s", 0.0), Map.entry("availability:3600s", 1.0));
  }

  @Test
  void aStateHeldLongerThanMaxGapIsUnknown() {
    AnalysisConfig config = AnalysisConfig.NONE.withWindow(Duration.ofHours(1))
        .withRunning(new AnalysisConfig.Running("running", 0.5));
    List<Point> derived = new EdgeAnalyzer(DEVICE, config).accept(List.of(at("running", 0, 1), at("running", 3600, 1)));
    // default max-gap 5 min: known and running 0‥300 s only
    assertThat(at(derived, 3600)).containsExactly(Map.entry("running_hours:3600s", 300 / 3600.0),
        Map.entry("starts:3600s", 0.0), Map.entry("availability:3600s", 1.0));
  }

  @Test
  void specificConsumptionIsTheRatioOfTheMeans() {
    AnalysisConfig config = AnalysisConfig.NONE.withSpecific(
        List.of(new AnalysisConfig.Specific("gas_per_steam", "fuel_flow", "steam_flow")));
    // fuel 120 m3/h all minute; steam 2 t/h then 4 t/h from 30 s: mean 3 → 40 m3/t
    List<Point> derived = new EdgeAnalyzer(DEVICE, config).accept(List.of(at("fuel_flow", 0, 120),
        at("steam_flow", 0, 2), at("steam_flow", 30, 4), at("fuel_flow", 60, 0), at("steam_flow", 60, 0)));
    assertThat(at(derived, 60)).containsExactly(Map.entry("gas_per_steam:60s", 40.0));
  }

  @Test
  void specificConsumptionIsSkippedWhenTheDenominatorIsZero() {
    AnalysisConfig config = AnalysisConfig.NONE.withSpecific(
        List.of(new AnalysisConfig.Specific("gas_per_steam", "fuel_flow", "steam_flow")));
    assertThat(new EdgeAnalyzer(DEVICE, config).accept(List.of(at("fuel_flow", 0, 120), at("steam_flow", 0, 0),
        at("fuel_flow", 60, 1)))).isEmpty();
  }

  @Test
  void capacityFactorIsEnergyOverRatedPowerTimesHours() {
    AnalysisConfig config = AnalysisConfig.NONE.withCapacityFactor(new AnalysisConfig.CapacityFactor("p", 2000))
        .withEnergy(new AnalysisConfig.Energy("p", 1));
    List<Point> derived = new EdgeAnalyzer(DEVICE, config).accept(constant("p", 1000, 5, 60));
    assertThat(at(derived, 60).get("capacity_factor:60s")).isCloseTo(0.5, within(1e-12));
    assertThat(at(derived, 60).get("energy_kwh:60s")).isCloseTo(1000 / 60.0, within(1e-9));
  }

  @Test
  void windowsCloseOnEventTimeAndLatePointsAreIgnored() {
    EdgeAnalyzer analyzer = new EdgeAnalyzer(DEVICE, AnalysisConfig.NONE.withAggregates(Aggregates.of("p")));
    analyzer.accept(List.of(at("p", 30, 1)));
    assertThat(analyzer.flush(T0.plusSeconds(59))).isEmpty();
    assertThat(analyzer.accept(List.of(at("p", 61, 3)))).hasSize(5);
    assertThat(analyzer.accept(List.of(at("p", 50, 2)))).isEmpty();
    assertThat(analyzer.latePoints()).isEqualTo(1);
  }

  @Test
  void aValueIsHeldForAtMostMaxGapAndEmptyWindowsAreSkipped() {
    EdgeAnalyzer analyzer = new EdgeAnalyzer(DEVICE, AnalysisConfig.NONE.withAggregates(Aggregates.of("p")));
    analyzer.accept(List.of(at("p", 0, 7)));
    List<Point> derived = analyzer.accept(List.of(at("p", 365L * 24 * 3600, 8)));
    // held 0‥300 s (max-gap 5 min): five windows, then nothing until the next sample
    assertThat(derived).filteredOn(p -> p.tag().equals("p:mean:60s")).extracting(Point::timestamp)
        .containsExactly(T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(180), T0.plusSeconds(240),
            T0.plusSeconds(300));
  }

  @Test
  void pointsOfAnotherDeviceAreMisuse() {
    EdgeAnalyzer analyzer = new EdgeAnalyzer(DEVICE, AnalysisConfig.NONE);
    assertThatThrownBy(() -> analyzer.accept(List.of(Point.good("other", "p", T0, 1))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got a point of other");
  }
}
