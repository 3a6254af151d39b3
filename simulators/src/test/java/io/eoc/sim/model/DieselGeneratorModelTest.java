package io.eoc.sim.model;

import static io.eoc.sim.model.MotorModelTest.sample;
import static io.eoc.sim.model.MotorModelTest.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DieselGeneratorModelTest extends EquipmentModelContract {

  private static final Duration SECOND = Duration.ofSeconds(1);

  @Override
  EquipmentModel create(long seed, Instant start) {
    return new DieselGeneratorModel(seed, start);
  }

  @Test
  void fuelRateIsThePartLoadCurve() {
    assertThat(DieselGeneratorModel.fuelRate(0)).isEqualTo(10.4);
    assertThat(DieselGeneratorModel.fuelRate(125)).isEqualTo(41.6);
    assertThat(DieselGeneratorModel.fuelRate(500)).isEqualTo(135.1);
    assertThat(DieselGeneratorModel.fuelRate(300))
        .isBetween(DieselGeneratorModel.fuelRate(250), DieselGeneratorModel.fuelRate(375));
  }

  @Test
  void runningSetHoldsSpeedAndBurnsFuelByItsLoadForADay() {
    DieselGeneratorModel generator = new DieselGeneratorModel(21, MIDSUMMER);
    PhysicalRelations relations = new PhysicalRelations();
    PhysicalRelations.Sample before = sample(generator);
    double speedSum = 0;
    for (int t = 0; t < 86_400; t++) {
      generator.step(SECOND);
      PhysicalRelations.Sample now = sample(generator);
      relations.check(before, now);
      speedSum += generator.value("engine_speed");
      assertThat(generator.value("coolant_temperature")).isBetween(75.0, 92.0);
      before = now;
    }
    assertThat(relations.violations()).isEmpty();
    assertThat(speedSum / 86_400).isCloseTo(1500, org.assertj.core.data.Offset.offset(1.0));
  }

  @Test
  void aColdStartRunsUpClosesTheBreakerAndWarmsTheCoolant() {
    DieselGeneratorModel generator = new DieselGeneratorModel(22, MIDSUMMER);
    generator.write("running", 0);
    assertThat(generator.value("load_kw")).isZero();
    assertThat(generator.value("fuel_rate")).isZero();
    step(generator, Duration.ofHours(12), SECOND);
    assertThat(generator.value("engine_speed")).isZero();
    assertThat(generator.value("coolant_temperature")).isLessThan(45.0);
    double hours = generator.value("run_hours");

    generator.write("running", 1);
    step(generator, Duration.ofSeconds(2), SECOND);
    assertThat(generator.value("engine_speed")).isBetween(100.0, 1449.0);
    assertThat(generator.value("load_kw")).as("breaker still open").isZero();
    step(generator, Duration.ofSeconds(30), SECOND);
    assertThat(generator.value("load_kw")).isPositive();
    assertThat(generator.value("engine_speed")).isBetween(1480.0, 1520.0);
    assertThat(generator.value("frequency")).isBetween(49.3, 50.7);
    step(generator, Duration.ofMinutes(30), SECOND);
    assertThat(generator.value("coolant_temperature")).isGreaterThan(75.0);
    assertThat(generator.value("run_hours")).isEqualTo(hours + 0.5,
        org.assertj.core.data.Offset.offset(0.11));
  }
}
