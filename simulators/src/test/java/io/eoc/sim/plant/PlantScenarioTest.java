package io.eoc.sim.plant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.eoc.config.ConfigException;
import io.eoc.config.ConfigProblem;
import io.eoc.sim.model.Category;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlantScenarioTest {

  @Test
  void aScenarioNamesEachDeviceWithItsModelPortUnitSeedTickAndSetPoints() {
    PlantScenario scenario = PlantScenario.parse("plant.yaml", """
        plant:
          id: line-3
          host: 127.0.0.1
        devices:
          - id: wind-1
            name: "1# 风机"
            model: wind-turbine
            port: 0
            unit-id: 7
            seed: 99
            tick: 250ms
            poll: 2s
            setpoints: {power_limit: 1500}
          - id: pv-1
            model: pv-inverter
            category: new-energy
            gateway: logger
          - id: pv-2
            model: pv-inverter
            gateway: logger
            unit-id: 2
        """);
    assertThat(scenario.id()).isEqualTo("line-3");
    DeviceSpec wind = scenario.devices().get(0);
    assertThat(wind).isEqualTo(new DeviceSpec("wind-1", "1# 风机", "wind-turbine",
        Category.NEW_ENERGY, Protocol.MODBUS_TCP, "127.0.0.1", 0, "", 7, 99,
        Duration.ofMillis(250), Duration.ofSeconds(2), Map.of("power_limit", 1500.0)));
    DeviceSpec pv = scenario.devices().get(1);
    assertThat(pv.name()).isEqualTo("pv-1");
    assertThat(pv.unitId()).isEqualTo(1);
    assertThat(pv.tick()).isEqualTo(Duration.ofSeconds(1));
    assertThat(pv.category()).isEqualTo(Category.NEW_ENERGY);
    assertThat(pv.serverKey()).isEqualTo(scenario.devices().get(2).serverKey());
    assertThat(pv.seed()).as("derived from the plant seed and id, stably")
        .isEqualTo(31 + "pv-1".hashCode());
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsLineAndWhatIsAllowed() {
    ConfigException e = catchConfig("""
        plant:
          id: bad
        devices:
          - id: a
            model: blast-furnace
          - id: b
            model: wind-turbine
            protocol: profinet
          - id: c
            model: motor
            category: new-energy
            setpoints: {speed: 1, running: 2}
          - id: d
            model: pv-inverter
            colour: blue
            tick: soon
        """);
    assertThat(e.problems()).extracting(ConfigProblem::line).containsExactly(5, 8, 11, 12, 12,
        15, 16);
    assertThat(e.getMessage()).contains(
        "plant.yaml:5:12: devices[0].model: unknown value 'blast-furnace'; allowed:"
            + " industrial-boiler, motor, air-compressor",
        "plant.yaml:8:15: devices[1].protocol: unknown value 'profinet'; allowed: modbus-tcp,"
            + " opc-ua, mqtt",
        "devices[2].category: model motor is power, not new-energy",
        "devices[2].setpoints.speed: 'speed' is not a writable tag of motor; writable: running",
        "devices[2].setpoints.running: value 2.0 is out of range; allowed: 0 to 1"
            + " (0 stopped, 1 running)",
        "devices[3].colour: unknown field; allowed here: id, name, model",
        "devices[3].tick: expected a duration");
  }

  @Test
  void opcUaAndMqttDevicesNeedNoUnitIdsOfTheirOwn() {
    PlantScenario scenario = PlantScenario.parse("plant.yaml", """
        devices:
          - {id: a, model: motor, protocol: mqtt}
          - {id: b, model: motor, protocol: mqtt}
          - {id: c, model: wind-turbine, protocol: opc-ua, gateway: farm}
          - {id: d, model: wind-turbine, protocol: opc-ua, gateway: farm}
          - {id: e, model: motor, gateway: farm}
        """);
    assertThat(scenario.devices()).extracting(DeviceSpec::protocol).containsExactly(
        Protocol.MQTT, Protocol.MQTT, Protocol.OPC_UA, Protocol.OPC_UA, Protocol.MODBUS_TCP);
  }

  @Test
  void devicesSharingAPortNeedDifferentUnitIdsAndOnePort() {
    ConfigException e = catchConfig("""
        devices:
          - {id: a, model: motor, gateway: gw, port: 5020}
          - {id: b, model: motor, gateway: gw, port: 5021, unit-id: 2}
          - {id: c, model: motor, gateway: gw, port: 5020}
          - {id: d, model: motor, port: 5020}
          - {id: a, model: motor}
        """);
    assertThat(e.getMessage()).contains(
        "plant.yaml:3:", "device b is on gateway gw with device a, which is served on"
            + " 127.0.0.1:5020",
        "plant.yaml:4:", "unit id 1 is already used by device a on gateway gw",
        "plant.yaml:5:", "port 127.0.0.1:5020 is already used by gateway gw",
        "plant.yaml:6:", "duplicate device id 'a'");
  }

  @Test
  void aFileWithoutDevicesIsRefused() {
    assertThat(catchConfig("plant: {id: empty}\n").getMessage())
        .contains("no devices: list the simulated devices under 'devices'");
    assertThat(catchConfig("devices: []\n").getMessage()).contains("list at least one device");
  }

  @Test
  void aFileIsReadWithItsNameInMessages(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("my-plant.yaml");
    Files.writeString(file, "devices:\n  - {id: m, model: motorr}\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> PlantScenario.load(file)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("my-plant.yaml:2:").hasMessageContaining("'motorr'");
    Files.writeString(file, "devices:\n  - {id: m, model: motor}\n", StandardCharsets.UTF_8);
    assertThat(PlantScenario.load(file).devices()).hasSize(1);
  }

  @Test
  void theDemoPlantHasAtLeastNineDevicesCoveringEveryCategory() {
    PlantScenario demo = PlantScenario.demo();
    assertThat(demo.devices()).hasSizeGreaterThanOrEqualTo(9);
    assertThat(demo.devices()).extracting(DeviceSpec::category).contains(Category.HIGH_ENERGY,
        Category.POWER, Category.NEW_ENERGY, Category.INTELLIGENT);
    assertThat(demo.devices()).extracting(DeviceSpec::kind).contains("industrial-boiler",
        "motor", "air-compressor", "diesel-generator", "wind-turbine", "pv-inverter",
        "cnc-machine", "excavator");
    assertThat(demo.devices()).allMatch(d -> d.port() == 0);
    assertThat(demo.devices().stream().collect(Collectors.groupingBy(DeviceSpec::protocol,
        Collectors.mapping(DeviceSpec::id, Collectors.toList())))).containsOnly(
        entry(Protocol.MODBUS_TCP, List.of("boiler-1", "boiler-2", "motor-1", "compressor-1",
            "genset-1", "cnc-1", "cnc-2", "excavator-1")),
        entry(Protocol.OPC_UA, List.of("wind-1", "wind-2")),
        entry(Protocol.MQTT, List.of("pv-1", "pv-2")));
  }

  @Test
  void aDeviceSpecBuiltInCodeIsValidatedToo() {
    assertThatThrownBy(() -> DeviceSpec.modbus("bad id", "nope", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll("not a valid name", "unknown model kind 'nope'");
    assertThat(DeviceSpec.modbus("m", "motor", 1).category()).isEqualTo(Category.POWER);
  }

  private static ConfigException catchConfig(String yaml) {
    try {
      PlantScenario.parse("plant.yaml", yaml);
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("expected problems in\n" + yaml);
  }
}
