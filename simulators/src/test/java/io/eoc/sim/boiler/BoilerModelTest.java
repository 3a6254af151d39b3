package io.eoc.sim.boiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoilerModelTest {

  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final int TEN_DAYS_S = 10 * 24 * 3600;
  private static final int HALF_HOUR_S = 1800;

  @Test
  void sameSeedAndSameStepsGiveIdenticalStates() {
    BoilerModel a = new BoilerModel(42);
    BoilerModel b = new BoilerModel(42);
    for (int i = 0; i < 20_000; i++) {
      Duration dt = Duration.ofMillis(100 + (i % 7) * 150);
      assertThat(a.step(dt)).isEqualTo(b.step(dt));
    }
  }

  @Test
  void differentSeedsGiveDifferentHistories() {
    BoilerModel a = new BoilerModel(1);
    BoilerModel b = new BoilerModel(2);
    for (int i = 0; i < 600; i++) {
      a.step(SECOND);
      b.step(SECOND);
    }
    assertThat(a.state().fuelFlow()).isNotEqualTo(b.state().fuelFlow());
    assertThat(a.state().loadDemand()).isNotEqualTo(b.state().loadDemand());
  }

  @Test
  void tenSimulatedDaysAtOneSecondStayPhysicallyPlausible() {
    BoilerModel model = new BoilerModel(42);
    List<String> violations = new ArrayList<>();
    int stops = 0;
    int runningFor = HALF_HOUR_S;
    boolean wasRunning = true;
    for (int t = 1; t <= TEN_DAYS_S && violations.size() < 10; t++) {
      BoilerState s = model.step(SECOND);
      stops += wasRunning && !s.running() ? 1 : 0;
      wasRunning = s.running();
      runningFor = s.running() ? runningFor + 1 : 0;
      check(s, runningFor >= HALF_HOUR_S, violations);
    }
    assertThat(violations).isEmpty();
    // Mean 6 h running and 15 min stopped: about 40 cycles in 10 days.
    assertThat(stops).isBetween(15, 80);
  }

  private static void check(BoilerState s, boolean warm, List<String> violations) {
    double tSat = SaturatedSteam.temperatureAt(s.steamPressure());
    require(s.steamPressure() >= 0.09 && s.steamPressure() <= 1.62, "pressure", s, violations);
    require(!warm || s.steamPressure() >= 1.0, "working pressure when warm", s, violations);
    require(Math.abs(s.steamTemperature() - tSat) <= 3.0, "temperature = Tsat(p)", s, violations);
    require(s.running() || s.fuelFlow() == 0, "no gas when stopped", s, violations);
    require(s.fuelFlow() <= 820, "burner maximum", s, violations);
    require(s.steamFlow() <= 12, "steam flow ≤ ~110 % rating", s, violations);
    require(s.loadDemand() >= 0.4 && s.loadDemand() <= 1.0, "demand 40-100 %", s, violations);
    require(!warm || Math.abs(s.steamFlow() - s.fuelFlow() / 75) < 2.0, "steam ≈ fuel/75", s,
        violations);
  }

  private static void require(boolean ok, String what, BoilerState s, List<String> violations) {
    if (!ok) {
      violations.add(what + " violated at " + s);
    }
  }

  @Test
  void steamFlowTracksFuelAtAboutSeventyFiveCubicMetresPerTonne() {
    BoilerModel model = new BoilerModel(7);
    double fuel = 0;
    double steam = 0;
    for (int t = 0; t < 2 * 24 * 3600; t++) {
      BoilerState s = model.step(SECOND);
      if (s.running()) {
        fuel += s.fuelFlow();
        steam += s.steamFlow();
      }
    }
    assertThat(fuel / steam).isBetween(70.0, 80.0);
  }

  @Test
  void stoppedBoilerBurnsNoGasAndLosesPressureSlowlyTowardAtmospheric() {
    BoilerModel model = new BoilerModel(3);
    model.stop();
    assertThat(model.state().running()).isFalse();
    assertThat(model.state().fuelFlow()).isZero();
    BoilerState afterAMinute = stepFor(model, Duration.ofMinutes(1));
    assertThat(afterAMinute.running()).isFalse();
    assertThat(afterAMinute.fuelFlow()).isZero();
    assertThat(afterAMinute.steamPressure()).isGreaterThan(1.1);

    BoilerState afterSixHours = stepFor(model, Duration.ofHours(6));
    assertThat(afterSixHours.steamFlow()).isZero();
    assertThat(afterSixHours.steamPressure()).isBetween(0.09, 0.25);
    assertThat(afterSixHours.steamTemperature()).isBetween(98.0, 130.0);
  }

  @Test
  void restartedBoilerRegainsWorkingPressureWithinHalfAnHour() {
    BoilerModel model = new BoilerModel(5);
    model.stop();
    assertThat(stepFor(model, Duration.ofHours(2)).steamPressure()).isLessThan(0.6);
    model.start();
    BoilerState warm = stepFor(model, Duration.ofMinutes(30));
    assertThat(warm.running()).isTrue();
    assertThat(warm.steamPressure()).isBetween(1.1, 1.6);
    assertThat(warm.fuelFlow()).isPositive();
  }

  @Test
  void operatorStopHoldsUntilStarted() {
    BoilerModel model = new BoilerModel(11);
    model.stop();
    for (int hour = 0; hour < 48; hour++) {
      assertThat(stepFor(model, Duration.ofHours(1)).running()).isFalse();
    }
  }

  @Test
  void largeStepsAreIntegratedAsSubSteps() {
    BoilerModel model = new BoilerModel(13);
    BoilerState s = model.step(Duration.ofHours(1));
    assertThat(s.elapsed()).isEqualTo(Duration.ofHours(1));
    assertThat(s.steamPressure()).isBetween(0.09, 1.61);
  }

  @Test
  void stepRejectsZeroAndNegativeDurations() {
    BoilerModel model = new BoilerModel(1);
    assertThatThrownBy(() -> model.step(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> model.step(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static BoilerState stepFor(BoilerModel model, Duration total) {
    for (long s = 0; s < total.toSeconds(); s++) {
      model.step(SECOND);
    }
    return model.state();
  }
}
