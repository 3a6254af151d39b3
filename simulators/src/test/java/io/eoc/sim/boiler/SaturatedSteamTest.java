package io.eoc.sim.boiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SaturatedSteamTest {

  @Test
  void tablePointsAreReproduced() {
    assertThat(SaturatedSteam.temperatureAt(0.101325)).isCloseTo(99.97, within(0.01));
    assertThat(SaturatedSteam.temperatureAt(1.0)).isCloseTo(179.88, within(0.01));
    assertThat(SaturatedSteam.temperatureAt(1.6)).isCloseTo(201.37, within(0.01));
  }

  @Test
  void betweenTablePointsItIsWithinAFewTenthsOfIapws() {
    // IAPWS-IF97: 1.3 MPa → 191.60 °C, 0.25 MPa → 127.41 °C.
    assertThat(SaturatedSteam.temperatureAt(1.3)).isCloseTo(191.60, within(0.3));
    assertThat(SaturatedSteam.temperatureAt(0.25)).isCloseTo(127.41, within(0.3));
  }

  @Test
  void temperatureRisesWithPressureAndIsClampedOutsideTheTable() {
    double previous = SaturatedSteam.temperatureAt(0.05);
    for (double p = 0.1; p <= 2.0; p += 0.01) {
      double t = SaturatedSteam.temperatureAt(p);
      assertThat(t).isGreaterThanOrEqualTo(previous);
      previous = t;
    }
    assertThat(SaturatedSteam.temperatureAt(0.0)).isCloseTo(99.97, within(0.01));
    assertThat(SaturatedSteam.temperatureAt(5.0)).isCloseTo(212.38, within(0.01));
  }
}
