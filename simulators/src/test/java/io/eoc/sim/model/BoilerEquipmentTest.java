package io.eoc.sim.model;

import static io.eoc.sim.model.MotorModelTest.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.sim.boiler.BoilerModel;
import io.eoc.sim.boiler.BoilerState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BoilerEquipmentTest extends EquipmentModelContract {

  private static final Duration SECOND = Duration.ofSeconds(1);

  @Override
  EquipmentModel create(long seed, Instant start) {
    return new BoilerEquipment(seed, start);
  }

  @Test
  void servesExactlyWhatTheBoilerModelComputes() {
    BoilerEquipment equipment = new BoilerEquipment(42, MIDSUMMER);
    BoilerModel reference = new BoilerModel(42);
    for (int i = 0; i < 3_600; i++) {
      equipment.step(SECOND);
      BoilerState s = reference.step(SECOND);
      assertThat(equipment.value("steam_pressure")).isEqualTo(s.steamPressure());
      assertThat(equipment.value("steam_temperature")).isEqualTo(s.steamTemperature());
      assertThat(equipment.value("fuel_flow")).isEqualTo(s.fuelFlow());
      assertThat(equipment.value("steam_flow")).isEqualTo(s.steamFlow());
      assertThat(equipment.value("running")).isEqualTo(s.running() ? 1 : 0);
    }
    assertThat(equipment.now()).isEqualTo(MIDSUMMER.plus(Duration.ofHours(1)));
  }

  @Test
  void writingRunningStopsAndStartsTheBurner() {
    BoilerEquipment boiler = new BoilerEquipment(3, MIDSUMMER);
    boiler.write("running", 0);
    assertThat(boiler.value("fuel_flow")).isZero();
    step(boiler, Duration.ofHours(1), SECOND);
    assertThat(boiler.value("running")).isZero();
    boiler.write("running", 1);
    step(boiler, Duration.ofMinutes(30), SECOND);
    assertThat(boiler.value("fuel_flow")).isPositive();
  }

  @Test
  void aHigherPressureSetPointRaisesTheDrumPressure() {
    BoilerEquipment boiler = new BoilerEquipment(4, MIDSUMMER);
    boiler.write("pressure_set_point", 1.45);
    assertThat(boiler.boiler().pressureSetPoint()).isEqualTo(1.45);
    step(boiler, Duration.ofMinutes(30), SECOND);
    double sum = 0;
    int n = 0;
    for (int i = 0; i < 3_600; i++) {
      boiler.step(SECOND);
      if (boiler.value("running") == 1) {
        sum += boiler.value("steam_pressure");
        n++;
      }
    }
    assertThat(sum / n).isGreaterThan(1.35);
  }
}
