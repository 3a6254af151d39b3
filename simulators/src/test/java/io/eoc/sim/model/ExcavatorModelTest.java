package io.eoc.sim.model;

import static io.eoc.sim.model.MotorModelTest.sample;
import static io.eoc.sim.model.MotorModelTest.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExcavatorModelTest extends EquipmentModelContract {

  private static final Duration SECOND = Duration.ofSeconds(1);

  @Override
  EquipmentModel create(long seed, Instant start) {
    return new ExcavatorModel(seed, start);
  }

  @Test
  void burnsFuelAndCountsHoursOnlyWithTheEngineOnAndStaysOnSite() {
    ExcavatorModel excavator = new ExcavatorModel(61, MIDSUMMER);
    PhysicalRelations relations = new PhysicalRelations();
    PhysicalRelations.Sample before = sample(excavator);
    double hoursAtStart = excavator.value("engine_hours");
    double peakPressure = 0;
    double moved = 0;
    for (int t = 0; t < 2 * 86_400; t++) {
      excavator.step(SECOND);
      PhysicalRelations.Sample now = sample(excavator);
      relations.check(before, now);
      LocalTime local = LocalTime.ofInstant(excavator.now(), ZoneOffset.ofHours(8));
      boolean refuelling = local.isAfter(LocalTime.of(6, 29)) && local.isBefore(LocalTime.of(7, 1));
      if (!refuelling) {
        assertThat(now.v("fuel_level")).isLessThanOrEqualTo(before.v("fuel_level"));
      }
      if (before.v("running") == 0 && now.v("running") == 0) {
        assertThat(now.v("fuel_level")).isGreaterThanOrEqualTo(before.v("fuel_level"));
      }
      peakPressure = Math.max(peakPressure, now.v("hydraulic_pressure"));
      moved += Math.abs(now.v("latitude") - before.v("latitude"));
      before = now;
    }
    assertThat(relations.violations()).isEmpty();
    // Two shifts of 9.5 h a day.
    assertThat(excavator.value("engine_hours") - hoursAtStart).isBetween(17.0, 19.5);
    assertThat(peakPressure).isBetween(25.0, 34.3);
    assertThat(moved).as("it tracks to new spots").isPositive();
  }

  @Test
  void aRemoteLockStopsTheEngineAndKeepsItStopped() {
    ExcavatorModel excavator = new ExcavatorModel(62, MIDSUMMER.plus(Duration.ofHours(8)));
    step(excavator, Duration.ofMinutes(5), SECOND);
    assertThat(excavator.value("running")).isEqualTo(1);
    excavator.write("locked", 1);
    assertThat(excavator.value("running")).isZero();
    assertThat(excavator.value("engine_speed")).isZero();
    assertThat(excavator.value("hydraulic_pressure")).isZero();
    double hours = excavator.value("engine_hours");
    step(excavator, Duration.ofHours(1), SECOND);
    assertThat(excavator.value("running")).isZero();
    assertThat(excavator.value("engine_hours")).isEqualTo(hours);
    excavator.write("locked", 0);
    step(excavator, Duration.ofSeconds(10), SECOND);
    assertThat(excavator.value("running")).isEqualTo(1);
  }
}
