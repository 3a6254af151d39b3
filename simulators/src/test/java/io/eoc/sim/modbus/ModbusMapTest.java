package io.eoc.sim.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.sim.boiler.BoilerRegisterMap;
import io.eoc.sim.boiler.RegisterType;
import io.eoc.sim.fault.InjectedFaults;
import io.eoc.sim.model.ModelType;
import io.eoc.sim.model.Models;
import io.eoc.sim.model.TagSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ModbusMapTest {

  @Test
  void statesAreUint16AndScaledIntegersAreUsedWhereTheyHoldTheRange() {
    assertThat(ModbusMap.typeFor(TagSpec.state("running", 1, ""))).isEqualTo(RegisterType.UINT16);
    assertThat(ModbusMap.typeFor(TagSpec.analog("p", "MPa", 0, 1.6, 0.01)))
        .isEqualTo(RegisterType.UINT16);
    assertThat(ModbusMap.typeFor(TagSpec.analog("t", "°C", -40, 180, 0.1)))
        .isEqualTo(RegisterType.INT16);
    assertThat(ModbusMap.typeFor(TagSpec.analog("flow", "t/h", 0, 12, 0.0001)))
        .as("too fine for 16 bits").isEqualTo(RegisterType.FLOAT32);
    assertThat(ModbusMap.typeFor(TagSpec.analog("lat", "°", -90, 90, 1e-6)))
        .isEqualTo(RegisterType.FLOAT32);
    assertThat(ModbusMap.typeFor(TagSpec.counter("energy", "kWh", 1e9, 1)))
        .isEqualTo(RegisterType.UINT32);
  }

  @Test
  void theBoilerIsLaidOutAsItsOwnMapWithTheSetPointAfterIt() {
    ModbusMap map = ModbusMap.of(Models.type("industrial-boiler").orElseThrow().tags());
    List<ModbusRegister> registers = map.registers();
    assertThat(registers.subList(0, 5)).extracting(ModbusRegister::toRegisterTag)
        .containsExactlyElementsOf(BoilerRegisterMap.standard().tags());
    assertThat(registers.get(5).name()).isEqualTo("pressure_set_point");
    assertThat(registers.get(5).address()).isEqualTo(7);
    assertThat(registers.get(5).writable()).isTrue();
  }

  @Test
  void everyKindEncodesItsWholeRangeAndTheOutOfRangeFaultValue() {
    for (ModelType type : Models.types()) {
      ModbusMap map = ModbusMap.of(type.tags());
      for (double position : new double[] {0, 0.37, 1}) {
        Map<String, Double> values = new LinkedHashMap<>();
        type.tags().forEach(t -> values.put(t.name(), t.min() + position * t.span()));
        Map<String, Double> decoded = map.decode(0, map.encode(values));
        for (ModbusRegister r : map.registers()) {
          double tolerance = r.type() == RegisterType.FLOAT32
              ? Math.abs(values.get(r.name())) * 1e-7 + 1e-9 : r.scale() / 2 + 1e-9;
          assertThat(decoded.get(r.name())).as(type.kind() + " " + r.name())
              .isCloseTo(values.get(r.name()), Offset.offset(tolerance));
        }
      }
      for (ModbusRegister r : map.registers()) {
        double outside = InjectedFaults.outOfRange(r.tag());
        Map<String, Double> values = new LinkedHashMap<>();
        type.tags().forEach(t -> values.put(t.name(), t.min()));
        values.put(r.name(), outside);
        assertThat(map.decode(0, map.encode(values)).get(r.name()))
            .as(type.kind() + " " + r.name() + " out of range").isGreaterThan(r.tag().max());
      }
    }
  }

  @Test
  void aReadCuttingAMultiWordTagDecodesOnlyTheWholeTags() {
    ModbusMap map = ModbusMap.of(Models.type("industrial-boiler").orElseThrow().tags());
    Map<String, Double> values = new LinkedHashMap<>();
    map.registers().forEach(r -> values.put(r.name(), r.tag().min() + 1));
    short[] image = map.encode(values);
    short[] part = java.util.Arrays.copyOfRange(image, 3, 8);
    assertThat(map.decode(3, part)).containsOnlyKeys("running", "steam_flow",
        "pressure_set_point");
  }

  @Test
  void encodingWithoutAValueForATagIsAMistake() {
    ModbusMap map = ModbusMap.of(List.of(TagSpec.state("running", 1, "")));
    assertThatThrownBy(() -> map.encode(Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("no value for tag running");
  }

  @Test
  void theSummaryNamesAddressesTypesScalesAndUnits() {
    ModbusMap map = ModbusMap.of(Models.type("motor").orElseThrow().tags());
    assertThat(map.summary()).startsWith("0 running uint16 0-1 (writable), 1 current uint16 x0.1 A")
        .contains("uint32 kWh");
  }
}
