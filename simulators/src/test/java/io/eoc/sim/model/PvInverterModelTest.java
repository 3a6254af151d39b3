package io.eoc.sim.model;

import static io.eoc.sim.model.MotorModelTest.sample;
import static io.eoc.sim.model.MotorModelTest.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class PvInverterModelTest extends EquipmentModelContract {

  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
  private static final ZoneOffset CST = ZoneOffset.ofHours(8);

  @Override
  EquipmentModel create(long seed, Instant start) {
    return new PvInverterModel(seed, start);
  }

  @Test
  void nothingIsGeneratedAtNightExactly() {
    PvInverterModel pv = new PvInverterModel(41, Instant.parse("2024-03-01T16:00:00Z"));
    PhysicalRelations relations = new PhysicalRelations();
    int nightSamples = 0;
    for (int i = 0; i < 3 * 8_640; i++) {
      pv.step(TEN_SECONDS);
      relations.check(null, sample(pv));
      int hour = LocalTime.ofInstant(pv.now(), CST).getHour();
      if (hour >= 20 || hour < 4 || PvInverterModel.cosZenith(pv.now()) <= 0) {
        nightSamples++;
        assertThat(pv.value("irradiance")).isZero();
        assertThat(pv.value("dc_power")).isZero();
        assertThat(pv.value("ac_power")).isZero();
        assertThat(pv.value("state")).isEqualTo(PvInverterModel.STANDBY);
      }
    }
    assertThat(relations.violations()).isEmpty();
    assertThat(nightSamples).isGreaterThan(3 * 8_640 / 3);
  }

  @Test
  void aClearDayPeaksNearSolarNoon() {
    PvInverterModel pv = new PvInverterModel(42, MIDSUMMER, false);
    double peak = 0;
    Instant peakAt = null;
    double morning = 0;
    double afternoon = 0;
    for (int i = 0; i < 8_640; i++) {
      pv.step(TEN_SECONDS);
      double ac = pv.value("ac_power");
      LocalTime local = LocalTime.ofInstant(pv.now(), CST);
      if (ac > peak) {
        peak = ac;
        peakAt = pv.now();
      }
      morning += local.getHour() == 9 ? ac : 0;
      afternoon += local.getHour() == 14 ? ac : 0;
    }
    // 118.8° E: solar noon is about 12:05 Beijing time, minus ~2 min equation of time in June.
    assertThat(LocalTime.ofInstant(peakAt, CST))
        .isBetween(LocalTime.of(11, 30), LocalTime.of(12, 40));
    assertThat(peak).isBetween(80.0, 100.0);
    assertThat(morning / afternoon).as("symmetric about noon").isBetween(0.8, 1.25);
  }

  @Test
  void dailyEnergyIsTheIntegralOfAcPowerAndRestartsAtMidnight() {
    PvInverterModel pv = new PvInverterModel(43, MIDSUMMER);
    double integral = 0;
    for (int i = 0; i < 8_640 - 1; i++) {
      pv.step(TEN_SECONDS);
      integral += pv.value("ac_power") * 10 / 3600;
    }
    assertThat(pv.value("daily_energy")).isPositive()
        .isCloseTo(integral, Offset.offset(0.01 * integral + 0.2));
    double total = pv.value("total_energy");
    step(pv, Duration.ofSeconds(20), TEN_SECONDS);
    assertThat(LocalTime.ofInstant(pv.now(), CST)).isBefore(LocalTime.of(0, 1));
    assertThat(pv.value("daily_energy")).isZero();
    assertThat(pv.value("total_energy")).isEqualTo(total);
  }

  @Test
  void aPowerLimitClipsTheOutputAndMovesTheArrayOffItsMaximumPowerPoint() {
    PvInverterModel pv = new PvInverterModel(44, MIDSUMMER, false);
    step(pv, Duration.ofHours(12), TEN_SECONDS);
    double free = pv.value("ac_power");
    assertThat(free).isGreaterThan(60.0);
    pv.write("power_limit", 40);
    assertThat(pv.value("ac_power")).isEqualTo(40.0, Offset.offset(1e-9));
    assertThat(pv.value("state")).isEqualTo(PvInverterModel.LIMITED);
    assertThat(pv.value("dc_power")).isBetween(40.0, 41.0);
    pv.write("running", 0);
    assertThat(pv.value("ac_power")).isZero();
    assertThat(pv.value("state")).isEqualTo(PvInverterModel.STOPPED);
  }

  @Test
  void theModuleRunsHotterThanTheAirInTheSun() {
    PvInverterModel pv = new PvInverterModel(45, MIDSUMMER, false);
    step(pv, Duration.ofHours(13), TEN_SECONDS);
    assertThat(pv.value("module_temperature") - pv.value("ambient_temperature"))
        .isBetween(15.0, 40.0);
    assertThat(pv.value("inverter_temperature")).isGreaterThan(pv.value("ambient_temperature"));
  }
}
