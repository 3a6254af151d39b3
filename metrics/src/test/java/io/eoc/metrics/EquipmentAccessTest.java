package io.eoc.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EquipmentAccessTest {
  private static final Window WINDOW = Window.ending(Instant.parse("2026-11-22T00:00:00Z"), Duration.ofDays(1));

  private static DeviceActivity device(String id, String category, long good) {
    Optional<Instant> t = good > 0 ? Optional.of(WINDOW.from().plusSeconds(60)) : Optional.empty();
    return new DeviceActivity(id, category, true, good, 3, t, t);
  }

  private static TelemetryEvidence store(List<DeviceActivity> devices) {
    return new TelemetryEvidence() {
      @Override
      public List<DeviceActivity> deviceActivity(Window window) {
        return devices;
      }

      @Override
      public String describe() {
        return "test store";
      }
    };
  }

  @Test
  void countsOnlyDevicesOfTheCategoryThatDeliveredGoodPoints() {
    Indicator indicator = Indicators.create("equipment-access", Map.of("category", "high-energy"));
    Measurement m = indicator.measure(WINDOW, Evidence.of(store(List.of(
        device("boiler-1", "high-energy", 10), device("boiler-2", "high-energy", 0),
        device("motor-1", "power", 50)))));
    assertThat(m.value()).contains(1.0);
    assertThat(m.methodId()).isEqualTo("equipment-access/v1");
    assertThat(m.evidence()).hasSize(2).anySatisfy(e -> assertThat(e).contains("boiler-1 (simulated): 10 good"));
    assertThat(m.explanation()).contains("1 of 2 high-energy device(s)");
  }

  @Test
  void minimumGoodPointsIsAParameter() {
    Indicator strict = Indicators.create("equipment-access", Map.of("category", "high-energy", "min-good-points", "11"));
    assertThat(strict.measure(WINDOW, Evidence.of(store(List.of(device("boiler-1", "high-energy", 10))))).value())
        .contains(0.0);
  }

  @Test
  void withoutATelemetryStoreTheResultIsNoEvidenceNotZero() {
    Measurement m = new EquipmentAccess("power", 1).measure(WINDOW, Evidence.none());
    assertThat(m.hasValue()).isFalse();
    assertThat(m.explanation()).contains("no telemetry store");
  }

  @Test
  void failingStoreIsNoEvidenceWithTheReason() {
    TelemetryEvidence broken = new TelemetryEvidence() {
      @Override
      public List<DeviceActivity> deviceActivity(Window window) throws EvidenceException {
        throw new EvidenceException("connection refused", null);
      }

      @Override
      public String describe() {
        return "broken";
      }
    };
    assertThat(new EquipmentAccess("power", 1).measure(WINDOW, Evidence.of(broken)).explanation())
        .contains("connection refused");
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
