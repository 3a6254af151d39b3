package io.eoc.sim.model;

import static io.eoc.sim.model.MotorModelTest.sample;
import static io.eoc.sim.model.MotorModelTest.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindTurbineModelTest extends EquipmentModelContract {

  private static final Duration SECOND = Duration.ofSeconds(1);

  @Override
  EquipmentModel create(long seed, Instant start) {
    return new WindTurbineModel(seed, start);
  }

  @Test
  void thePowerCurveIsZeroOutsideCutInToCutOutCubicBelowRatedAndFlatAbove() {
    assertThat(WindTurbineModel.powerCurve(0)).isZero();
    assertThat(WindTurbineModel.powerCurve(2.99)).isZero();
    assertThat(WindTurbineModel.powerCurve(3)).isZero();
    assertThat(WindTurbineModel.powerCurve(7.5)).isBetween(400.0, 550.0);
    assertThat(WindTurbineModel.powerCurve(12)).isEqualTo(2000);
    assertThat(WindTurbineModel.powerCurve(25)).isEqualTo(2000);
    assertThat(WindTurbineModel.powerCurve(25.01)).isZero();
    for (double v = 3; v < 12; v += 0.1) {
      assertThat(WindTurbineModel.powerCurve(v + 0.1)).isGreaterThan(
          WindTurbineModel.powerCurve(v));
    }
    assertThat(WindTurbineModel.windFor(WindTurbineModel.powerCurve(8.0))).isCloseTo(8.0,
        org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void outputFollowsThePowerCurveOfTheRotorWindForADay() {
    WindTurbineModel turbine = new WindTurbineModel(31, MIDSUMMER);
    PhysicalRelations relations = new PhysicalRelations();
    int[] time = new int[4];
    double misalignment = 0;
    int generatingFor = 0;
    for (int t = 0; t < 86_400; t++) {
      turbine.step(SECOND);
      relations.check(null, sample(turbine));
      int state = (int) turbine.value("state");
      time[state]++;
      generatingFor = state == WindTurbineModel.GENERATING ? generatingFor + 1 : 0;
      if (generatingFor > 60) {
        assertThat(turbine.value("rotor_speed")).isBetween(8.9, 16.1);
      }
      misalignment += Math.abs(Physics.wrap180(turbine.value("wind_direction")
          - turbine.value("nacelle_direction")));
    }
    assertThat(relations.violations()).isEmpty();
    assertThat(time[WindTurbineModel.GENERATING]).as("mostly generating at 8.5 m/s")
        .isGreaterThan(86_400 / 2);
    assertThat(misalignment / 86_400).as("yaw follows the wind").isLessThan(10.0);
  }

  @Test
  void aStormStopsTheTurbineAboveCutOutUntilTheWindFallsBelowTwentyMetresASecond() {
    WindTurbineModel turbine = new WindTurbineModel(32, MIDSUMMER, 22);
    PhysicalRelations relations = new PhysicalRelations();
    int storm = 0;
    for (int t = 0; t < 86_400; t += 2) {
      turbine.step(Duration.ofSeconds(2));
      relations.check(null, sample(turbine));
      double v = turbine.value("wind_speed");
      if (turbine.value("state") == WindTurbineModel.STORM) {
        storm++;
        assertThat(v).isGreaterThanOrEqualTo(WindTurbineModel.RESTART_WIND);
        assertThat(turbine.value("active_power")).isZero();
      }
      if (v > WindTurbineModel.CUT_OUT) {
        assertThat(turbine.value("state")).isEqualTo(WindTurbineModel.STORM);
      }
    }
    assertThat(relations.violations()).isEmpty();
    assertThat(storm).as("a stormy site has storms").isGreaterThan(100);
  }

  @Test
  void aPowerLimitCapsOutputAndPitchesTheBlades() {
    WindTurbineModel turbine = new WindTurbineModel(33, MIDSUMMER, 13);
    turbine.write("power_limit", 1000);
    int shedding = 0;
    for (int t = 0; t < 6 * 3600; t++) {
      turbine.step(SECOND);
      assertThat(turbine.value("active_power")).isLessThanOrEqualTo(1010.0);
      if (turbine.value("state") == WindTurbineModel.GENERATING
          && turbine.value("wind_speed") > WindTurbineModel.windFor(1000) + 2) {
        shedding++;
        assertThat(turbine.value("pitch_angle")).isPositive();
      }
    }
    assertThat(shedding).isPositive();
  }

  @Test
  void anOperatorStopFeathersTheBladesAndStopsTheRotor() {
    WindTurbineModel turbine = new WindTurbineModel(34, MIDSUMMER);
    turbine.write("running", 0);
    assertThat(turbine.value("active_power")).isZero();
    assertThat(turbine.value("state")).isEqualTo(WindTurbineModel.STOPPED);
    step(turbine, Duration.ofMinutes(2), SECOND);
    assertThat(turbine.value("pitch_angle")).isEqualTo(88);
    assertThat(turbine.value("rotor_speed")).isLessThan(0.1);
    double energy = turbine.value("energy");
    step(turbine, Duration.ofHours(1), SECOND);
    assertThat(turbine.value("energy")).isEqualTo(energy);
  }
}
