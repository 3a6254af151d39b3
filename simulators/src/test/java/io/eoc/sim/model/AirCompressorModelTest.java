package io.eoc.sim.model;

import static io.eoc.sim.model.MotorModelTest.sample;
import static io.eoc.sim.model.MotorModelTest.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AirCompressorModelTest extends EquipmentModelContract {

  private static final Duration SECOND = Duration.ofSeconds(1);

  @Override
  EquipmentModel create(long seed, Instant start) {
    return new AirCompressorModel(seed, start);
  }

  @Test
  void pressureStaysBetweenLoadAndUnloadPressureAndPowerFollowsLoading() {
    AirCompressorModel compressor = new AirCompressorModel(11, MIDSUMMER);
    PhysicalRelations relations = new PhysicalRelations();
    PhysicalRelations.Sample before = sample(compressor);
    int loadedFor = 0;
    int unloadedFor = 0;
    int cycles = 0;
    for (int t = 0; t < 86_400; t++) {
      compressor.step(SECOND);
      PhysicalRelations.Sample now = sample(compressor);
      relations.check(before, now);
      double p = compressor.value("discharge_pressure");
      assertThat(p).isBetween(0.65 - 0.006, 0.75 + 0.006);
      boolean loaded = compressor.value("loaded") == 1;
      cycles += loaded && before.v("loaded") == 0 ? 1 : 0;
      loadedFor = loaded ? loadedFor + 1 : 0;
      unloadedFor = loaded ? 0 : unloadedFor + 1;
      if (loadedFor >= 5) {
        assertThat(compressor.value("motor_power")).as("loaded").isGreaterThan(130.0);
        assertThat(compressor.value("air_flow")).isGreaterThan(21.0);
      }
      if (unloadedFor >= 90) {
        assertThat(compressor.value("motor_power")).as("unloaded").isLessThan(45.0);
        assertThat(compressor.value("air_flow")).isZero();
      }
      before = now;
    }
    assertThat(relations.violations()).isEmpty();
    // 22 m³/min into 5 m³ over a 0.1 MPa band: cycles of a minute or two, hundreds a day.
    assertThat(cycles).isBetween(200, 3_000);
  }

  @Test
  void aHigherUnloadPressureRaisesTheBand() {
    AirCompressorModel compressor = new AirCompressorModel(12, MIDSUMMER);
    compressor.write("unload_pressure", 0.85);
    assertThat(compressor.value("load_pressure")).isCloseTo(0.75, org.assertj.core.data.Offset
        .offset(1e-9));
    step(compressor, Duration.ofMinutes(10), SECOND);
    run(compressor, Duration.ofHours(1), SECOND, () -> assertThat(
        compressor.value("discharge_pressure")).isBetween(0.744, 0.856));
  }

  @Test
  void aStopUnloadsAtOnceAndThePlantDrainsTheReceiver() {
    AirCompressorModel compressor = new AirCompressorModel(13, MIDSUMMER);
    compressor.write("running", 0);
    assertThat(compressor.value("loaded")).isZero();
    assertThat(compressor.value("motor_power")).isZero();
    step(compressor, Duration.ofMinutes(10), SECOND);
    assertThat(compressor.value("discharge_pressure")).isLessThan(0.3);
    assertThat(compressor.value("air_flow")).isZero();
  }
}
