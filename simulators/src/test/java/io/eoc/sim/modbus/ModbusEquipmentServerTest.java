package io.eoc.sim.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import io.eoc.sim.model.ModelType;
import io.eoc.sim.model.Models;
import io.eoc.sim.model.MotorModel;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModbusEquipmentServerTest {

  private static final Instant NOON = Instant.parse("2024-06-21T04:00:00Z");
  private static final Duration TICK = Duration.ofMillis(20);

  private final List<ModbusEquipmentServer> servers = new ArrayList<>();

  @AfterEach
  void closeServers() {
    servers.forEach(ModbusEquipmentServer::close);
  }

  private ModbusEquipmentServer start(String name, List<ModbusEquipmentServer.Unit> units)
      throws Exception {
    ModbusEquipmentServer server =
        ModbusEquipmentServer.start(ModbusEquipmentServer.Options.of(name), units);
    servers.add(server);
    return server;
  }

  /** One unit per model kind behind one port, units 1, 2, …. */
  private ModbusEquipmentServer gatewayOfEveryKind(Duration tick) throws Exception {
    List<ModbusEquipmentServer.Unit> units = new ArrayList<>();
    int unit = 1;
    for (ModelType type : Models.types()) {
      units.add(new ModbusEquipmentServer.Unit(type.kind() + "-1", unit++,
          type.create(unit, NOON), tick));
    }
    return start("gateway", units);
  }

  @Test
  void aMasterReadOfEveryKindDecodesToExactlyWhatTheServedLogRecorded() throws Exception {
    ModbusEquipmentServer server = gatewayOfEveryKind(TICK);
    try (TestMaster master = TestMaster.connect(server.port())) {
      for (int round = 0; round < 5; round++) {
        for (ServedDevice device : server.devices()) {
          ModbusMap map = device.map();
          Map<String, Double> received =
              map.decode(0, master.readHolding(device.unitId(), 0, map.registerCount()));
          ServedRead served = device.servedLog().latest().orElseThrow();
          assertThat(received).as(device.deviceId()).isEqualTo(served.values());
          assertThat(served.values().keySet()).containsExactlyElementsOf(
              map.registers().stream().map(ModbusRegister::name).toList());
          assertThat(served.deviceId()).isEqualTo(device.deviceId());
          assertThat(served.unitId()).isEqualTo(device.unitId());
        }
      }
    }
    assertThat(server.devices()).allSatisfy(d -> assertThat(d.servedLog().totalRecorded())
        .isEqualTo(5));
  }

  @Test
  void severalUnitsOnOnePortEachAnswerTheirOwnUnitIdAndAnAbsentUnitIsAGatewayError()
      throws Exception {
    ModbusEquipmentServer server = gatewayOfEveryKind(Duration.ofHours(1));
    try (TestMaster master = TestMaster.connect(server.port())) {
      for (ServedDevice device : server.devices()) {
        short[] words = master.readInput(device.unitId(), 0, device.map().registerCount());
        assertThat(words).isEqualTo(master.readHolding(device.unitId(), 0,
            device.map().registerCount()));
        assertThat(device.map().decode(0, words)).containsOnlyKeys(
            device.map().registers().stream().map(ModbusRegister::name).toList());
      }
      assertThatThrownBy(() -> master.readHolding(99, 0, 1))
          .isInstanceOfSatisfying(ModbusSlaveException.class, e -> assertThat(e.getType())
              .isEqualTo(ModbusTcpSlave.GATEWAY_TARGET_FAILED_TO_RESPOND));
    }
  }

  @Test
  void aStopWrittenOverModbusTakesThePowerToZero() throws Exception {
    ModbusEquipmentServer server = start("motor-1", List.of(
        new ModbusEquipmentServer.Unit("motor-1", 1, new MotorModel(1, NOON), TICK)));
    ServedDevice motor = server.device(1);
    int running = motor.map().register("running").orElseThrow().address();
    try (TestMaster master = TestMaster.connect(server.port())) {
      Map<String, Double> before = read(master, motor);
      assertThat(before.get("active_power")).isGreaterThan(200.0);
      master.writeSingle(1, running, 0);
      Map<String, Double> after = read(master, motor);
      assertThat(after).contains(entry("running", 0.0), entry("active_power", 0.0),
          entry("current", 0.0));
      assertThat(motor.values()).containsEntry("running", 0.0);
      master.writeMultiple(1, running, 1);
      assertThat(read(master, motor).get("active_power")).isPositive();
    }
  }

  @Test
  void aSetPointWrittenWithFunctionSixteenChangesThePhysics() throws Exception {
    ModbusEquipmentServer server = gatewayOfEveryKind(TICK);
    ServedDevice pv = server.devices().stream().filter(d -> d.kind().equals("pv-inverter"))
        .findFirst().orElseThrow();
    ModbusRegister limit = pv.map().register("power_limit").orElseThrow();
    try (TestMaster master = TestMaster.connect(server.port())) {
      assertThat(read(master, pv).get("ac_power")).as("noon in June").isGreaterThan(20.0);
      master.writeMultiple(pv.unitId(), limit.address(), (int) Math.round(10 / limit.scale()));
      Map<String, Double> after = read(master, pv);
      assertThat(after.get("power_limit")).isEqualTo(10.0);
      assertThat(after.get("ac_power")).isLessThanOrEqualTo(10.0);
    }
  }

  @Test
  void writesOfReadOnlyOrPartialOrOutOfRangeRegistersAreRefusedAndChangeNothing()
      throws Exception {
    ModbusEquipmentServer server = start("motor-1", List.of(
        new ModbusEquipmentServer.Unit("motor-1", 1, new MotorModel(1, NOON),
            Duration.ofHours(1))));
    ServedDevice motor = server.device(1);
    int current = motor.map().register("current").orElseThrow().address();
    int running = motor.map().register("running").orElseThrow().address();
    int energy = motor.map().register("energy").orElseThrow().address();
    try (TestMaster master = TestMaster.connect(server.port())) {
      assertThatThrownBy(() -> master.writeSingle(1, current, 0))
          .satisfies(e -> exception(e, Modbus.ILLEGAL_ADDRESS_EXCEPTION));
      assertThatThrownBy(() -> master.writeMultiple(1, running, 0, 0))
          .as("running and the read-only current").satisfies(e -> exception(e,
              Modbus.ILLEGAL_ADDRESS_EXCEPTION));
      assertThatThrownBy(() -> master.writeSingle(1, energy, 0))
          .as("half a uint32").satisfies(e -> exception(e, Modbus.ILLEGAL_ADDRESS_EXCEPTION));
      assertThatThrownBy(() -> master.writeSingle(1, running, 2))
          .satisfies(e -> exception(e, Modbus.ILLEGAL_VALUE_EXCEPTION));
      assertThatThrownBy(() -> master.writeSingle(1, 500, 1))
          .satisfies(e -> exception(e, Modbus.ILLEGAL_ADDRESS_EXCEPTION));
      assertThat(read(master, motor)).containsEntry("running", 1.0);
    }
  }

  @Test
  void readsOutsideTheImageOrLongerThanTheProtocolAllowsAreRefused() throws Exception {
    ModbusEquipmentServer server = gatewayOfEveryKind(Duration.ofHours(1));
    ServedDevice first = server.devices().get(0);
    try (TestMaster master = TestMaster.connect(server.port())) {
      assertThatThrownBy(() -> master.readHolding(1, first.map().registerCount() - 1, 2))
          .satisfies(e -> exception(e, Modbus.ILLEGAL_ADDRESS_EXCEPTION));
      assertThat(first.servedLog().totalRecorded()).isZero();
    }
  }

  @Test
  void readDeviceIdentificationSaysTheDeviceIsSimulated() throws Exception {
    ModbusEquipmentServer server = gatewayOfEveryKind(Duration.ofHours(1));
    ServedDevice wind = server.devices().stream().filter(d -> d.kind().equals("wind-turbine"))
        .findFirst().orElseThrow();
    try (TestMaster master = TestMaster.connect(server.port())) {
      assertThat(master.identify(wind.unitId(), 1, 0)).containsExactly(
          entry(0, "eoc simulator"), entry(1, "wind-turbine"), entry(2, "0.1.0"));
      assertThat(master.identify(wind.unitId(), 2, 0)).hasSize(7)
          .containsEntry(4, "simulated 2 MW wind turbine")
          .containsEntry(6, wind.deviceId());
      assertThat(master.identify(wind.unitId(), 4, 1)).containsExactly(entry(1, "wind-turbine"));
      assertThatThrownBy(() -> master.identify(wind.unitId(), 4, 0x42))
          .satisfies(e -> exception(e, Modbus.ILLEGAL_ADDRESS_EXCEPTION));
      assertThatThrownBy(() -> master.identify(wind.unitId(), 3, 0))
          .satisfies(e -> exception(e, Modbus.ILLEGAL_VALUE_EXCEPTION));
    }
    assertThat(wind.identity().simulated()).isTrue();
  }

  @Test
  void twoServersServeSideBySideAndCloseLeavesNoThreadBehind() throws Exception {
    ModbusEquipmentServer a = start("side-a", List.of(
        new ModbusEquipmentServer.Unit("m-a", 1, new MotorModel(1, NOON), TICK)));
    ModbusEquipmentServer b = start("side-b", List.of(
        new ModbusEquipmentServer.Unit("m-b", 1, new MotorModel(2, NOON), TICK)));
    assertThat(a.port()).isNotEqualTo(b.port());
    try (TestMaster ma = TestMaster.connect(a.port());
        TestMaster mb = TestMaster.connect(b.port())) {
      assertThat(read(ma, a.device(1))).isNotEqualTo(read(mb, b.device(1)));
      a.close();
      b.close();
    }
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive()
        && (t.getName().startsWith(NamedThreads.prefix("side-a"))
        || t.getName().startsWith(NamedThreads.prefix("side-b"))));
  }

  @Test
  void aTakenPortIsReportedNamingTheServer() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> ModbusEquipmentServer.start(
          ModbusEquipmentServer.Options.of("taken").withPort(taken.getLocalPort()),
          List.of(new ModbusEquipmentServer.Unit("m", 1, new MotorModel(1, NOON), TICK))))
          .isInstanceOf(BindException.class)
          .hasMessage("cannot serve taken on 127.0.0.1:" + taken.getLocalPort()
              + ": address already in use");
    }
  }

  @Test
  void unitsMustBeDistinct() {
    ModbusEquipmentServer.Unit one =
        new ModbusEquipmentServer.Unit("m", 1, new MotorModel(1, NOON), TICK);
    assertThatThrownBy(() -> ModbusEquipmentServer.start(
        ModbusEquipmentServer.Options.of("dup"), List.of(one, one)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("unit id 1 is used twice");
  }

  @Test
  void anOperatorWriteRunsOnTheTickThreadAndShowsAtOnce() throws Exception {
    ModbusEquipmentServer server = start("motor-1", List.of(
        new ModbusEquipmentServer.Unit("motor-1", 1, new MotorModel(1, NOON),
            Duration.ofHours(1))));
    Map<String, Double> after = server.device(1).write("running", 0).get(5, TimeUnit.SECONDS);
    assertThat(after).containsEntry("running", 0.0).containsEntry("active_power", 0.0);
    assertThatThrownBy(() -> server.device(1).write("speed", 0).get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-only");
  }

  static Map<String, Double> read(TestMaster master, ServedDevice device) throws Exception {
    return device.map().decode(0,
        master.readHolding(device.unitId(), 0, device.map().registerCount()));
  }

  private static void exception(Throwable e, int code) {
    assertThat(e).isInstanceOf(ModbusSlaveException.class);
    assertThat(((ModbusSlaveException) e).getType()).isEqualTo(code);
  }
}
