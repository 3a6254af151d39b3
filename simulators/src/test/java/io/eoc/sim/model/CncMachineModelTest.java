package io.eoc.sim.model;

import static io.eoc.sim.model.MotorModelTest.sample;
import static io.eoc.sim.model.MotorModelTest.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CncMachineModelTest extends EquipmentModelContract {

  private static final Duration SECOND = Duration.ofSeconds(1);

  @Override
  EquipmentModel create(long seed, Instant start) {
    return new CncMachineModel(seed, start);
  }

  @Test
  void partsAreCountedOnlyWhenACycleCompletesAndOnlyOnShift() {
    CncMachineModel cnc = new CncMachineModel(51, MIDSUMMER);
    PhysicalRelations relations = new PhysicalRelations();
    PhysicalRelations.Sample before = sample(cnc);
    Set<Integer> alarms = new HashSet<>();
    int spindleInAlarm = 0;
    int alarmFor = 0;
    for (int t = 0; t < 3 * 86_400; t++) {
      cnc.step(SECOND);
      PhysicalRelations.Sample now = sample(cnc);
      relations.check(before, now);
      int hour = LocalTime.ofInstant(cnc.now(), ZoneOffset.ofHours(8)).getHour();
      if (hour >= 21 || hour < 8) {
        assertThat(now.v("part_count")).as("off shift").isEqualTo(before.v("part_count"));
        assertThat(now.v("state")).isNotEqualTo(CncMachineModel.RUNNING);
      }
      alarmFor = now.v("state") == CncMachineModel.ALARM ? alarmFor + 1 : 0;
      if (alarmFor > 0) {
        alarms.add((int) now.v("alarm_code"));
      }
      spindleInAlarm += alarmFor > 5 && now.v("spindle_speed") > 0 ? 1 : 0;
      before = now;
    }
    assertThat(relations.violations()).isEmpty();
    assertThat(spindleInAlarm).as("the spindle stops within seconds of an alarm").isZero();
    assertThat(alarms).as("tool life ends after 150 parts").contains(
        CncMachineModel.TOOL_LIFE_ALARM);
  }

  @Test
  void aShiftMakesPartsAtTheCycleTime() {
    CncMachineModel cnc = new CncMachineModel(52, MIDSUMMER.plus(Duration.ofHours(8)));
    double parts = cnc.value("part_count");
    step(cnc, Duration.ofHours(4), SECOND);
    assertThat(cnc.value("cycle_time")).isEqualTo(217, org.assertj.core.data.Offset.offset(1.0));
    // 4 h / (217 s cycle + 45 s part change) = 55, fewer if an alarm came.
    assertThat(cnc.value("part_count") - parts).isBetween(35.0, 55.0);
  }

  @Test
  void moreFeedShortensTheCycle() {
    CncMachineModel slow = new CncMachineModel(53, MIDSUMMER.plus(Duration.ofHours(8)));
    CncMachineModel fast = new CncMachineModel(53, MIDSUMMER.plus(Duration.ofHours(8)));
    fast.write("feed_override", 120);
    step(slow, Duration.ofMinutes(20), SECOND);
    step(fast, Duration.ofMinutes(20), SECOND);
    assertThat(fast.value("cycle_time")).isEqualTo(217 / 1.2,
        org.assertj.core.data.Offset.offset(1.0));
    assertThat(slow.value("cycle_time")).isEqualTo(217, org.assertj.core.data.Offset.offset(1.0));
  }

  @Test
  void aFeedHoldStopsTheProgramAndCycleStartResetsAnAlarm() {
    CncMachineModel cnc = new CncMachineModel(54, MIDSUMMER.plus(Duration.ofHours(8)));
    step(cnc, Duration.ofMinutes(2), SECOND);
    assertThat(cnc.value("state")).isEqualTo(CncMachineModel.RUNNING);
    cnc.write("running", 0);
    assertThat(cnc.value("state")).isEqualTo(CncMachineModel.IDLE);
    double parts = cnc.value("part_count");
    step(cnc, Duration.ofHours(1), SECOND);
    assertThat(cnc.value("part_count")).isEqualTo(parts);
    assertThat(cnc.value("spindle_speed")).isZero();
    cnc.write("running", 1);
    step(cnc, Duration.ofMinutes(10), SECOND);
    assertThat(cnc.value("part_count")).isGreaterThan(parts);
  }
}
