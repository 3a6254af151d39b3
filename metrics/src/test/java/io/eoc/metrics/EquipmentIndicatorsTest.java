package io.eoc.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.Source;
import io.eoc.metrics.evidence.TestEvidence;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** data-completeness, online-rate and connected-value on a 10-hour window computed by hand. */
class EquipmentIndicatorsTest {
  private static final Instant FROM = Instant.parse("2026-11-21T00:00:00Z");
  private static final Window WINDOW = new Window(FROM, FROM.plus(Duration.ofHours(10)));

  private static Instant h(int n) {
    return FROM.plus(Duration.ofHours(n));
  }

  /**
   * boiler-1 (high-energy, plan 100/h, 50 10k CNY): hours 0–4 with 100 good each, hour 5 with 0 good
   * 20 bad; boiler-2 (high-energy, plan 50/h, no value): nothing; motor-1 (power, plan 0, 30 10k CNY):
   * hour 0 with 10 good; a row after the window (hour 12) must not count.
   */
  private static EvidenceSet plant() {
    TestEvidence e = new TestEvidence(new Window(FROM, h(24)), Source.TELEMETRY)
        .device("a/boiler-1", "high-energy", 100, 50).device("a/boiler-2", "high-energy", 50, -1)
        .device("a/motor-1", "power", 0, 30);
    for (int i = 0; i < 5; i++) {
      e.hour("a/boiler-1", h(i), 100, 0);
    }
    e.hour("a/boiler-1", h(5), 0, 20).hour("a/boiler-1", h(12), 1000, 0).hour("a/motor-1", h(0), 10, 0);
    return e.build();
  }

  @Test
  void completenessIsReceivedRawPointsOverThePollPlans() {
    // expected = (100 + 50) × 10 h = 1,500; received = 5 × 100 + 20 bad = 520 → 520 / 1,500 = 34.666…%
    Measurement m = Indicators.create("data-completeness", Map.of("category", "high-energy")).measure(WINDOW, plant());
    assertThat(m.value().orElseThrow()).isCloseTo(100.0 * 520 / 1500, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(m.unit()).isEqualTo("%");
    assertThat(m.methodId()).isEqualTo("data-completeness/v1");
    assertThat(m.evidence()).contains("device a/boiler-2: 0 of 500 expected raw point(s) (50/h × 10 h)");
  }

  @Test
  void completenessWithoutAPollPlanIsNoEvidence() {
    Measurement m = new DataCompleteness("power").measure(WINDOW, plant());
    assertThat(m.hasValue()).isFalse();
    assertThat(m.explanation()).contains("no power device has a poll plan");
  }

  @Test
  void onlineRateIsTheMeanOverDevicesOfOnlineHours() {
    // boiler-1: 5 of 10 hours with a good point (hour 5 has only bad ones) = 50 %; boiler-2: 0 %; mean 25 %
    assertThat(new OnlineRate("high-energy").measure(WINDOW, plant()).value()).contains(25.0);
    // all equipment: boiler-1 50 %, boiler-2 0 %, motor-1 1 of 10 = 10 % → 60 / 3 = 20 %
    assertThat(Indicators.create("online-rate", Map.of()).measure(WINDOW, plant()).value()).contains(20.0);
    assertThat(new OnlineRate("new-energy").measure(WINDOW, plant()).explanation()).contains("no new-energy device");
  }

  @Test
  void connectedValueSumsThePurchaseValueOfDevicesThatDeliveredData() {
    // boiler-1 (50) and motor-1 (30) delivered good points; boiler-2 has no value and no data → 80
    Measurement all = new ConnectedValue(null).measure(WINDOW, plant());
    assertThat(all.value()).contains(80.0);
    assertThat(all.unit()).isEqualTo("10k CNY");
    assertThat(all.evidence()).contains("device a/boiler-2: value not entered, no good point in the window, not counted");
    assertThat(new ConnectedValue("power").measure(WINDOW, plant()).value()).contains(30.0);
  }

  @Test
  void connectedValueWithoutAnyEnteredValueIsNoEvidence() {
    EvidenceSet e = new TestEvidence(WINDOW, Source.TELEMETRY).device("a/x", "intelligent", 10, -1).build();
    assertThat(new ConnectedValue("intelligent").measure(WINDOW, e).explanation()).contains("no purchase value is entered");
    assertThat(new ConnectedValue("intelligent").measure(WINDOW, e).hasValue()).isFalse();
  }

  @Test
  void withoutTelemetryEveryEquipmentIndicatorIsNoEvidence() {
    EvidenceSet none = EvidenceSet.none(WINDOW, "database down");
    for (Indicator i : new Indicator[] {new DataCompleteness(null), new OnlineRate(null), new ConnectedValue(null)}) {
      assertThat(i.measure(WINDOW, none).hasValue()).isFalse();
      assertThat(i.measure(WINDOW, none).explanation()).contains("database down");
    }
  }
}
