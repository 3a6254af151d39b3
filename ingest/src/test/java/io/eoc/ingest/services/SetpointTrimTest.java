package io.eoc.ingest.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decision of a set-point trim strategy: band, step, clamping and missing data. */
class SetpointTrimTest {
  private static final OptimisationSpec SPEC = new OptimisationSpec("trim", "plant-a", "compressor-1", "discharge_pressure", "max",
      Duration.ofMinutes(10), 0.60, 0.70, "unload_pressure", 0.01, 0.55, 0.85, Duration.ofMinutes(1), "auto", Optional.empty(), true);

  private static SetpointTrim.Decision decide(double statistic, double current) {
    return SetpointTrim.decide(SPEC, new SetpointTrim.Measured(12, Optional.of(statistic)), Optional.of(current));
  }

  @Test
  void aboveTheBandLowersByOneStepInDecimal() {
    SetpointTrim.Decision d = decide(0.74, 0.75);
    assertThat(d.action()).isEqualTo("lower");
    assertThat(d.proposed()).contains(0.74);
    assertThat(d.moves()).isTrue();
    assertThat(d.reason()).isEqualTo("max of 'discharge_pressure' over PT10M is 0.74 (12 point(s)), above the band [0.6, 0.7]: "
        + "lower 'unload_pressure' from 0.75 to 0.74");
  }

  @Test
  void belowTheBandRaisesByOneStep() {
    SetpointTrim.Decision d = decide(0.52, 0.75);
    assertThat(d.action()).isEqualTo("raise");
    assertThat(d.proposed()).contains(0.76);
    assertThat(d.reason()).contains("below the band [0.6, 0.7]: raise 'unload_pressure' from 0.75 to 0.76");
  }

  @Test
  void insideTheBandIncludingItsEdgesHolds() {
    for (double v : new double[] {0.60, 0.65, 0.70}) {
      SetpointTrim.Decision d = decide(v, 0.75);
      assertThat(d.action()).as("%s", v).isEqualTo("hold");
      assertThat(d.proposed()).contains(0.75);
      assertThat(d.reason()).contains("within the band [0.6, 0.7]: hold 'unload_pressure' at 0.75");
    }
  }

  @Test
  void theProposalIsClampedToTheLimitsAndNoMoveAtALimitIsAHold() {
    SetpointTrim.Decision clamped = decide(0.8, 0.555);
    assertThat(clamped.action()).isEqualTo("lower");
    assertThat(clamped.proposed()).contains(0.55);
    assertThat(clamped.reason()).endsWith("from 0.555 to 0.55 (clamped to its minimum)");
    SetpointTrim.Decision atMin = decide(0.8, 0.55);
    assertThat(atMin.action()).isEqualTo("hold");
    assertThat(atMin.reason()).contains("already at its minimum 0.55");
    SetpointTrim.Decision readBack = decide(0.8, 0.5500000001);
    assertThat(readBack.action()).as("a read-back a hair off the limit is at the limit").isEqualTo("hold");
    SetpointTrim.Decision atMax = decide(0.5, 0.85);
    assertThat(atMax.action()).isEqualTo("hold");
    assertThat(atMax.reason()).contains("already at its maximum 0.85");
    SetpointTrim.Decision toMax = decide(0.5, 0.845);
    assertThat(toMax.action()).isEqualTo("raise");
    assertThat(toMax.proposed()).contains(0.85);
  }

  @Test
  void noPointOrNoStoredSetPointIsNoData() {
    SetpointTrim.Decision none = SetpointTrim.decide(SPEC, new SetpointTrim.Measured(0, Optional.empty()), Optional.of(0.75));
    assertThat(none.action()).isEqualTo("no-data");
    assertThat(none.reason()).contains("no good point of 'discharge_pressure' is stored for the last PT10M");
    SetpointTrim.Decision noSetpoint = SetpointTrim.decide(SPEC, new SetpointTrim.Measured(3, Optional.of(0.8)), Optional.empty());
    assertThat(noSetpoint.action()).isEqualTo("no-data");
    assertThat(noSetpoint.value()).contains(0.8);
    assertThat(noSetpoint.reason()).contains("no good value of the set point 'unload_pressure' is stored");
  }

  @Test
  void aStatisticIsShownWithSixSignificantDigitsAtMost() {
    assertThat(SetpointTrim.shown(0.7352000000000001)).isEqualTo("0.7352");
    assertThat(SetpointTrim.shown(145.35999999999999)).isEqualTo("145.36");
    assertThat(SetpointTrim.shown(1500)).isEqualTo("1500");
    assertThat(SetpointTrim.shown(-0.5)).isEqualTo("-0.5");
    assertThat(SetpointTrim.shown(123456789.0)).isEqualTo("123457000");
  }
}
