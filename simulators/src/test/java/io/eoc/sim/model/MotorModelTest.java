package io.eoc.sim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MotorModelTest extends EquipmentModelContract {

  private static final Duration SECOND = Duration.ofSeconds(1);

  @Override
  EquipmentModel create(long seed, Instant start) {
    return new MotorModel(seed, start);
  }

  @Test
  void windingTemperatureLagsTheLoadWithTheThermalTimeConstant() {
    MotorModel motor = new MotorModel(5, MIDSUMMER);
    motor.write("running", 0);
    step(motor, Duration.ofHours(12), SECOND);
    double cold = motor.value("winding_temperature");
    assertThat(cold).isBetween(10.0, 45.0);

    motor.write("running", 1);
    step(motor, Duration.ofMinutes(1), SECOND);
    double current = motor.value("current");
    double steadyRise = MotorModel.RATED_RISE_K * Math.pow(current / MotorModel.RATED_CURRENT_A, 2);
    assertThat(current).as("full current at once").isGreaterThan(35.0);
    assertThat(motor.value("winding_temperature") - cold)
        .as("after a minute the winding has barely warmed").isLessThan(0.1 * steadyRise);

    step(motor, Duration.ofMinutes(39), SECOND);
    double afterTau = motor.value("winding_temperature") - cold;
    assertThat(afterTau / steadyRise).as("about 1 - 1/e after one time constant")
        .isBetween(0.45, 0.8);

    step(motor, Duration.ofHours(4), SECOND);
    double after5Tau = motor.value("winding_temperature") - cold;
    assertThat(after5Tau / steadyRise).as("settled after five time constants")
        .isBetween(0.8, 1.25);
  }

  @Test
  void electricalQuantitiesAreThoseOfOneMachine() {
    MotorModel motor = new MotorModel(9, MIDSUMMER);
    PhysicalRelations relations = new PhysicalRelations();
    for (int i = 0; i < 86_400 / 5; i++) {
      motor.step(Duration.ofSeconds(5));
      relations.check(null, sample(motor));
      assertThat(motor.value("speed")).isBetween(1485.0, 1500.0);
      assertThat(motor.value("power_factor")).isBetween(0.6, 0.88);
      assertThat(motor.value("current")).isLessThan(1.05 * MotorModel.RATED_CURRENT_A);
    }
    assertThat(relations.violations()).isEmpty();
  }

  @Test
  void aStopCutsCurrentAndPowerAtOnceAndTheShaftCoastsDown() {
    MotorModel motor = new MotorModel(3, MIDSUMMER);
    double energy = motor.value("energy");
    motor.write("running", 0);
    assertThat(motor.value("current")).isZero();
    assertThat(motor.value("active_power")).isZero();
    assertThat(motor.value("power_factor")).isZero();
    motor.step(SECOND);
    assertThat(motor.value("speed")).as("coasting").isGreaterThan(1400.0);
    step(motor, Duration.ofMinutes(10), SECOND);
    assertThat(motor.value("speed")).isZero();
    assertThat(motor.value("energy")).isEqualTo(energy);
  }

  static void step(EquipmentModel model, Duration total, Duration step) {
    run(model, total, step, () -> { });
  }

  static PhysicalRelations.Sample sample(EquipmentModel model) {
    return new PhysicalRelations.Sample("test", model.kind(), model.now(), model.values());
  }
}
