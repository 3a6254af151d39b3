package io.eoc.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.Source;
import io.eoc.metrics.evidence.TestEvidence;
import org.junit.jupiter.api.Test;

class EquipmentAccessTest {
  private static final Window WINDOW = Window.ending(Instant.parse("2026-11-22T00:00:00Z"), Duration.ofDays(1));

  private static EvidenceSet store(Object[]... devices) {
    TestEvidence e = new TestEvidence(WINDOW, Source.TELEMETRY);
    for (Object[] d : devices) {
      e.device((String) d[0], (String) d[1], true);
      if ((long) d[2] > 0) {
        e.hour((String) d[0], WINDOW.from(), (long) d[2], 3);
      }
    }
    return e.build();
  }

  private static Object[] device(String id, String category, long good) {
    return new Object[] {id, category, good};
  }

  @Test
  void countsOnlyDevicesOfTheCategoryThatDeliveredGoodPoints() {
    Indicator indicator = Indicators.create("equipment-access", Map.of("category", "high-energy"));
    Measurement m = indicator.measure(WINDOW, store(
        device("boiler-1", "high-energy", 10), device("boiler-2", "high-energy", 0),
        device("motor-1", "power", 50)));
    assertThat(m.value()).contains(1.0);
    assertThat(m.methodId()).isEqualTo("equipment-access/v1");
    assertThat(m.evidence()).hasSize(2).anySatisfy(e -> assertThat(e).contains("boiler-1 (simulated): 10 good"));
    assertThat(m.explanation()).contains("1 of 2 high-energy device(s)");
  }

  @Test
  void minimumGoodPointsIsAParameter() {
    Indicator strict = Indicators.create("equipment-access", Map.of("category", "high-energy", "min-good-points", "11"));
    assertThat(strict.measure(WINDOW, store(device("boiler-1", "high-energy", 10))).value())
        .contains(0.0);
  }

  @Test
  void withoutTelemetryTheResultIsNoEvidenceWithTheReasonNotZero() {
    Measurement m = new EquipmentAccess("power", 1).measure(WINDOW, EvidenceSet.none(WINDOW, "connection refused"));
    assertThat(m.hasValue()).isFalse();
    assertThat(m.explanation()).contains("no telemetry").contains("connection refused");
  }

  @Test
  void unknownIndicatorsAndBadParametersAreNamed() {
    assertThatThrownBy(() -> Indicators.create("cpu", Map.of())).hasMessageContaining("unknown indicator 'cpu'");
    assertThatThrownBy(() -> Indicators.create("equipment-access", Map.of()))
        .hasMessageContaining("needs parameter 'category'");
    assertThatThrownBy(() -> Indicators.create("equipment-access", Map.of("category", "x", "min-good-points", "many")))
        .hasMessageContaining("must be an integer");
  }
}
