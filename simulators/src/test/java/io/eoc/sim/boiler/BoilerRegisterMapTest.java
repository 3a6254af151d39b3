package io.eoc.sim.boiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoilerRegisterMapTest {

  private final BoilerRegisterMap map = BoilerRegisterMap.standard();

  private static BoilerState state(boolean running, double fuel, double steam, double pressure,
      double temperature) {
    return new BoilerState(Duration.ZERO, running, 0.7, fuel, steam, pressure, temperature);
  }

  @Test
  void everyTagSitsAtItsContractAddress() {
    short[] image = map.encode(state(true, 1.0, 2.5, 1.2345, 191.26));
    assertThat(image).hasSize(7);
    assertThat(image[0]).isEqualTo((short) 123);
    assertThat(image[1]).isEqualTo((short) 1913);
    assertThat(image[2]).isEqualTo((short) 0x3F80); // 1.0f = 0x3F800000, high word first
    assertThat(image[3]).isEqualTo((short) 0x0000);
    assertThat(image[4]).isEqualTo((short) 1);
    assertThat(image[5]).isEqualTo((short) 0x4020); // 2.5f = 0x40200000
    assertThat(image[6]).isEqualTo((short) 0x0000);
  }

  @Test
  void decodingGivesWhatTheAgentComputesRawTimesScale() {
    Map<String, Double> values =
        map.decode(map.encode(state(true, 523.4567, 6.98, 1.2345, 191.26)));
    assertThat(values).containsExactly(
        entry("steam_pressure", 123 * 0.01),
        entry("steam_temperature", 1913 * 0.1),
        entry("fuel_flow", (double) 523.4567f),
        entry("running", 1.0),
        entry("steam_flow", (double) 6.98f));
    assertThat(values.get("steam_pressure")).isCloseTo(1.23, within(1e-12));
  }

  @Test
  void roundTripLosesAtMostHalfAResolutionStep() {
    BoilerModel model = new BoilerModel(42);
    for (int i = 0; i < 5_000; i++) {
      BoilerState s = model.step(Duration.ofSeconds(7));
      Map<String, Double> v = map.decode(map.encode(s));
      assertThat(v.get("steam_pressure")).isCloseTo(s.steamPressure(), within(0.005 + 1e-9));
      assertThat(v.get("steam_temperature")).isCloseTo(s.steamTemperature(), within(0.05 + 1e-9));
      assertThat(v.get("fuel_flow")).isEqualTo((double) (float) s.fuelFlow());
      assertThat(v.get("steam_flow")).isEqualTo((double) (float) s.steamFlow());
      assertThat(v.get("running")).isEqualTo(s.running() ? 1.0 : 0.0);
    }
  }

  @Test
  void stoppedBoilerIsServedAsRunningZeroAndNoFuel() {
    Map<String, Double> v = map.decode(map.encode(state(false, 0, 0, 0.4, 143.6)));
    assertThat(v).contains(entry("running", 0.0), entry("fuel_flow", 0.0));
  }

  @Test
  void temperaturesBelowZeroUseTwosComplement() {
    short[] image = map.encode(state(false, 0, 0, 0.1, -12.3));
    assertThat(image[1]).isEqualTo((short) -123);
    assertThat(map.decode(image).get("steam_temperature")).isCloseTo(-12.3, within(1e-9));
  }

  @Test
  void valuesBeyondAWordSaturateInsteadOfWrapping() {
    short[] image = map.encode(state(true, 1, 1, 700.0, 4000.0));
    assertThat(image[0] & 0xFFFF).isEqualTo(0xFFFF);
    assertThat(image[1]).isEqualTo(Short.MAX_VALUE);
  }

  @Test
  void aPartialReadDecodesOnlyTagsItCoversCompletely() {
    short[] image = map.encode(state(true, 400, 5.3, 1.25, 191.0));
    assertThat(map.decode(3, Arrays.copyOfRange(image, 3, 5))).containsOnlyKeys("running");
    assertThat(map.decode(2, Arrays.copyOfRange(image, 2, 4))).containsOnlyKeys("fuel_flow");
    assertThat(map.decode(0, Arrays.copyOfRange(image, 0, 3)))
        .containsOnlyKeys("steam_pressure", "steam_temperature");
    assertThat(map.decode(6, Arrays.copyOfRange(image, 6, 7))).isEmpty();
  }

  @Test
  void summaryNamesEveryRegisterWithTypeScaleAndUnit() {
    assertThat(map.summary()).isEqualTo("0 steam_pressure uint16 x0.01 MPa, "
        + "1 steam_temperature int16 x0.1 °C, 2-3 fuel_flow float32 m³/h, "
        + "4 running uint16 0/1, 5-6 steam_flow float32 t/h");
    assertThat(map.registerCount()).isEqualTo(7);
    assertThat(map.tag("fuel_flow")).get().extracting(RegisterTag::address).isEqualTo(2);
  }
}
