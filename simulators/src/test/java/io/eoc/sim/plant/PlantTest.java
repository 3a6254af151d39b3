package io.eoc.sim.plant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.config.ConfigNode;
import io.eoc.config.ConfigReader;
import io.eoc.sim.fault.Fault;
import io.eoc.sim.model.Category;
import io.eoc.sim.model.PhysicalRelations;
import io.eoc.sim.modbus.ModbusRegister;
import io.eoc.sim.modbus.ServedRead;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PlantTest {

  /** Wall-clock time shifted so that the plant starts at 10:00 in Nanjing on midsummer day. */
  private static final Clock MORNING = Clock.offset(Clock.systemUTC(),
      Duration.between(Instant.now(), Instant.parse("2024-06-21T02:00:00Z")));

  private Plant plant;

  @AfterEach
  void close() {
    if (plant != null) {
      plant.close();
    }
  }

  @Test
  void everyModbusDemoDeviceAnswersAtItsAddressWithItsMapAndThePhysicsHold() throws Exception {
    plant = Plant.start(PlantScenario.demo(), MORNING);
    PhysicalRelations relations = new PhysicalRelations();
    for (PlantDevice device : plant.devices()) {
      assertThat(device.host()).isEqualTo("127.0.0.1");
      assertThat(device.port()).isPositive();
      assertThat(device.values()).as(device.id()).containsOnlyKeys(device.tagNames());
      if (device.protocol() != Protocol.MODBUS_TCP) {
        continue; // read over their own protocol in ThreeProtocolsTest
      }
      try (Master master = new Master(device.host(), device.port())) {
        Map<String, Double> received = master.readAll(device.unitId(), device.map());
        ServedRead served = device.servedLog().latest().orElseThrow();
        assertThat(received).as(device.id()).isEqualTo(served.values());
        relations.check(null, new PhysicalRelations.Sample(device.id(), device.kind(),
            device.modbus().simulatedTime(), received));
      }
    }
    assertThat(relations.violations()).isEmpty();
  }

  @Test
  void devicesTellTheirIdKindCategoryProtocolAddressAndRegisters() throws Exception {
    plant = Plant.start(PlantScenario.demo(), MORNING);
    assertThat(plant.id()).isEqualTo("demo-plant");
    assertThat(plant.devices()).extracting(PlantDevice::category).contains(Category.HIGH_ENERGY,
        Category.POWER, Category.NEW_ENERGY, Category.INTELLIGENT);
    PlantDevice boiler = plant.device("boiler-1");
    assertThat(boiler.kind()).isEqualTo("industrial-boiler");
    assertThat(boiler.name()).isEqualTo("1# 燃气蒸汽锅炉 / gas-fired steam boiler");
    assertThat(boiler.registers()).extracting(ModbusRegister::name, ModbusRegister::address)
        .startsWith(org.assertj.core.groups.Tuple.tuple("steam_pressure", 0),
            org.assertj.core.groups.Tuple.tuple("steam_temperature", 1));
    assertThat(boiler.describe()).matches(
        "boiler-1 industrial-boiler high-energy modbus-tcp 127\\.0\\.0\\.1:\\d+ unit 1");
    // Devices of one gateway share a port and answer their own unit ids.
    assertThat(List.of("motor-1", "compressor-1", "genset-1").stream().map(plant::device)
        .map(PlantDevice::port).collect(Collectors.toSet())).hasSize(1);
    assertThat(List.of("motor-1", "compressor-1", "genset-1").stream().map(plant::device)
        .map(PlantDevice::unitId)).containsExactly(1, 2, 3);
    // MQTT devices publish through the one broker; the wind farm is one OPC UA server.
    assertThat(plant.device("pv-1").port()).isEqualTo(plant.device("pv-2").port())
        .isEqualTo(plant.broker().orElseThrow().port());
    assertThat(plant.device("wind-1").port()).isEqualTo(plant.device("wind-2").port())
        .isEqualTo(plant.opcUaServers().get(0).port());
    assertThat(plant.opcUaServers()).hasSize(1);
    Set<Integer> ports = plant.devices().stream()
        .filter(d -> d.protocol() == Protocol.MODBUS_TCP).map(PlantDevice::port)
        .collect(Collectors.toSet());
    assertThat(ports).hasSize(plant.servers().size());
    assertThatThrownBy(() -> plant.device("nope")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll("no device 'nope'", "boiler-1", "excavator-1");
  }

  @Test
  void setPointsOfTheScenarioAreServed() throws Exception {
    plant = Plant.start(PlantScenario.demo(), MORNING);
    Map<String, Double> expected = Map.of("wind-2/power_limit", 1500.0,
        "compressor-1/unload_pressure", 0.78, "cnc-2/feed_override", 110.0,
        "boiler-2/pressure_set_point", 1.15);
    for (Map.Entry<String, Double> e : expected.entrySet()) {
      String[] deviceAndTag = e.getKey().split("/");
      PlantDevice device = plant.device(deviceAndTag[0]);
      if (device.protocol() != Protocol.MODBUS_TCP) {
        assertThat(device.values().get(deviceAndTag[1])).as(e.getKey())
            .isCloseTo(e.getValue(), org.assertj.core.data.Offset.offset(1e-9));
        continue;
      }
      try (Master master = new Master(device.host(), device.port())) {
        assertThat(master.readAll(device.unitId(), device.map()).get(deviceAndTag[1]))
            .as(e.getKey()).isCloseTo(e.getValue(), org.assertj.core.data.Offset.offset(1e-9));
      }
    }
  }

  @Test
  void theAgentConfigurationPollsEveryModbusDeviceInTheAgentsFormat() throws Exception {
    plant = Plant.start(PlantScenario.demo(), MORNING);
    String yaml = plant.agentYaml("plant-agent", "tcp://127.0.0.1:1883");
    ConfigReader reader = ConfigReader.parse("agent.yaml", yaml);
    // The keys and shapes io.eoc.edge.config.AgentConfigLoader accepts.
    ConfigNode root = reader.root().requireMapping();
    root.allowOnly("agent", "cloud", "batch", "devices");
    assertThat(root.get("agent").string("id")).isEqualTo("plant-agent");
    assertThat(root.get("cloud").string("url")).isEqualTo("tcp://127.0.0.1:1883");
    List<ConfigNode> devices = root.list("devices");
    assertThat(devices).hasSameSizeAs(plant.devices());
    for (int i = 0; i < devices.size(); i++) {
      ConfigNode d = devices.get(i);
      PlantDevice device = plant.devices().get(i);
      assertThat(d.string("id")).isEqualTo(device.id());
      if (device.protocol() != Protocol.MODBUS_TCP) {
        continue; // see ThreeProtocolsTest
      }
      d.allowOnly("id", "name", "category", "kind", "simulated", "protocol", "host", "port",
          "unit-id", "timeout", "poll", "registers");
      assertThat(d.string("id")).isEqualTo(device.id());
      assertThat(d.string("name")).isEqualTo(device.name());
      assertThat(d.string("category")).isEqualTo(device.category().id());
      assertThat(d.string("kind")).isEqualTo(device.kind());
      assertThat(d.bool("simulated", false)).isTrue();
      assertThat(d.string("protocol")).isEqualTo("modbus-tcp");
      assertThat(d.integer("port", 1, 65535)).isEqualTo(device.port());
      assertThat(d.integer("unit-id", 0, 255)).isEqualTo(device.unitId());
      assertThat(d.duration("poll", null, Duration.ofMillis(10))).isEqualTo(device.poll());
      List<ConfigNode> registers = d.list("registers");
      assertThat(registers).hasSameSizeAs(device.registers());
      for (int j = 0; j < registers.size(); j++) {
        ConfigNode r = registers.get(j);
        ModbusRegister expected = device.registers().get(j);
        r.allowOnly("tag", "table", "address", "type", "scale", "offset", "unit");
        assertThat(r.string("tag")).isEqualTo(expected.name());
        assertThat(r.integer("address", 0, 65535)).isEqualTo(expected.address());
        assertThat(r.string("type")).isEqualTo(expected.type().id());
        assertThat(r.number("scale", 1.0)).isEqualTo(expected.scale());
        assertThat(r.string("unit", "")).isEqualTo(expected.unit());
      }
    }
    reader.finish();
    assertThat(yaml).contains("unit: \"°C\"", "scale: 0.01");

    assertThatThrownBy(() -> plant.agentYaml("plant-agent", "http://cloud"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tcp://host:port");
    assertThatThrownBy(() -> plant.agentYaml("bad id", "tcp://h:1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid name");
  }

  @Test
  void aFaultIsInjectedIntoOneDeviceAndClearedAgain() throws Exception {
    plant = Plant.start(PlantScenario.demo(), MORNING);
    PlantDevice genset = plant.device("genset-1");
    PlantDevice motor = plant.device("motor-1");
    genset.inject(Fault.outOfRange("coolant_temperature"));
    try (Master master = new Master(genset.host(), genset.port())) {
      assertThat(master.readAll(genset.unitId(), genset.map()).get("coolant_temperature"))
          .isEqualTo(160.0);
      assertThat(master.readAll(motor.unitId(), motor.map()).get("current")).isLessThan(150.0);
      assertThat(genset.faults()).hasSize(1);
      genset.clear();
      assertThat(master.readAll(genset.unitId(), genset.map()).get("coolant_temperature"))
          .isLessThan(120.0);
    }
  }

  @Test
  void anOperatorWriteChangesThePhysics() throws Exception {
    plant = Plant.start(PlantScenario.demo(), MORNING);
    PlantDevice wind = plant.device("wind-1");
    Map<String, Double> stopped = wind.write("running", 0).get(5, TimeUnit.SECONDS);
    assertThat(stopped).containsEntry("active_power", 0.0).containsEntry("state", 0.0);
  }

  @Test
  void aTakenPortFailsTheStartNamingTheDeviceAndLeavesNothingRunning() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      PlantScenario scenario = new PlantScenario("clash", List.of(
          DeviceSpec.modbus("first-motor", "motor", 1),
          DeviceSpec.modbus("second-motor", "motor", 2).withPort(taken.getLocalPort())));
      assertThatThrownBy(() -> Plant.start(scenario, Clock.systemUTC()))
          .isInstanceOf(BindException.class)
          .hasMessage("cannot serve second-motor on 127.0.0.1:" + taken.getLocalPort()
              + ": address already in use");
    }
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive()
        && t.getName().startsWith("eoc-sim-first-motor-"));
  }

  @Test
  void faultsAreModbusOnlyAndSayWhy() throws Exception {
    plant = Plant.start(PlantScenario.demo(), MORNING);
    for (String id : List.of("wind-1", "pv-1")) {
      PlantDevice device = plant.device(id);
      assertThatThrownBy(() -> device.inject(Fault.outOfRange("active_power")))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContainingAll("device " + id + " is served over " + device.protocol().id(),
              "Modbus TCP access");
      assertThatThrownBy(device::registers).isInstanceOf(UnsupportedOperationException.class);
    }
    assertThatThrownBy(() -> plant.device("pv-1").write("power_limit", 50))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("plant/demo-plant/pv-1/set/power_limit");
    assertThatThrownBy(() -> plant.device("boiler-1").topic())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void loadModeServesDevicesTimesTagsFromPrecomputedValues() throws Exception {
    plant = Plant.load(LoadSpec.of(25, 300, Duration.ofMillis(20)), Clock.systemUTC());
    assertThat(plant.devices()).hasSize(25);
    assertThat(plant.servers()).hasSize(3);
    PlantDevice last = plant.device("load-25");
    assertThat(last.unitId()).isEqualTo(5);
    assertThat(last.category()).isEqualTo(Category.OTHER);
    assertThat(last.registers()).hasSize(300);
    try (Master master = new Master(last.host(), last.port())) {
      Map<String, Double> first = master.readAll(last.unitId(), last.map());
      List<ServedRead> reads = last.servedLog().reads();
      assertThat(reads).hasSize(3);
      assertThat(reads.get(0).values()).hasSize(125);
      assertThat(first).hasSize(300).allSatisfy((tag, v) -> assertThat(v).isBetween(0.0, 1000.0));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (master.readAll(last.unitId(), last.map()).equals(first)) {
        assertThat(System.nanoTime()).as("values change tick by tick").isLessThan(deadline);
        LockSupport.parkNanos(5_000_000);
      }
    }
    assertThat(plant.agentYaml("bench", "tcp://127.0.0.1:1883"))
        .contains("id: load-25", "category: other", "poll: 20ms", "tag: tag_00299");
  }
}
