package io.eoc.sim.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import io.eoc.sim.boiler.BoilerModel;
import io.eoc.sim.boiler.BoilerRegisterMap;
import io.eoc.sim.boiler.BoilerState;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModbusBoilerServerTest {

  private static final Duration BOUND = Duration.ofSeconds(5);
  private static final BoilerRegisterMap MAP = BoilerRegisterMap.standard();
  private static final ModbusBoilerServer.Options OPTIONS = ModbusBoilerServer.Options.defaults()
      .withDeviceId("boiler-test").withTick(Duration.ofMillis(10));

  private ModbusBoilerServer server;

  @AfterEach
  void closeServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aMasterReadOfAllRegistersDecodesToExactlyWhatTheServedLogRecorded() throws Exception {
    server = ModbusBoilerServer.start(OPTIONS);
    Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
    try (TestMaster master = TestMaster.connect(server.port())) {
      for (int i = 0; i < 20; i++) {
        Map<String, Double> received = MAP.decode(master.readHolding(1, 0, 7));
        ServedRead served = server.servedLog().latest().orElseThrow();
        assertThat(received).isEqualTo(served.values());
        assertThat(served.values()).containsOnlyKeys(
            "steam_pressure", "steam_temperature", "fuel_flow", "running", "steam_flow");
        assertThat(served.deviceId()).isEqualTo("boiler-test");
        assertThat(served.unitId()).isEqualTo(1);
        assertThat(served.firstRegister()).isZero();
        assertThat(served.servedAt()).isBetween(before, Instant.now());
        assertThat(served.servedAt().getNano() % 1_000).isZero();
      }
    }
    assertThat(server.servedLog().totalRecorded()).isEqualTo(20);
  }

  @Test
  void inputRegistersServeTheSameImageAsHoldingRegisters() throws Exception {
    server = ModbusBoilerServer.start(OPTIONS.withTick(Duration.ofHours(1)));
    try (TestMaster master = TestMaster.connect(server.port())) {
      assertThat(master.readInput(1, 0, 7)).isEqualTo(master.readHolding(1, 0, 7));
      assertThat(master.readInput(1, 0, 7)).isEqualTo(server.snapshot().registers());
    }
  }

  @Test
  void aPartialReadLogsOnlyTheTagsItCoversCompletely() throws Exception {
    server = ModbusBoilerServer.start(OPTIONS);
    try (TestMaster master = TestMaster.connect(server.port())) {
      master.readHolding(1, 3, 2); // second half of fuel_flow, then running
    }
    ServedRead served = server.servedLog().latest().orElseThrow();
    assertThat(served.firstRegister()).isEqualTo(3);
    assertThat(served.values()).containsOnlyKeys("running");
  }

  @Test
  void servedAtComesFromTheInjectedClockTruncatedToMicroseconds() throws Exception {
    Instant now = Instant.parse("2024-03-01T08:00:00.123456789Z");
    server = ModbusBoilerServer.start(OPTIONS.withClock(Clock.fixed(now, ZoneOffset.UTC)));
    try (TestMaster master = TestMaster.connect(server.port())) {
      master.readHolding(1, 0, 7);
    }
    assertThat(server.servedLog().latest().orElseThrow().servedAt())
        .isEqualTo(Instant.parse("2024-03-01T08:00:00.123456Z"));
    assertThat(server.snapshot().tickAt()).isEqualTo(now);
  }

  @Test
  void theModelAdvancesByOneTickPerTick() throws Exception {
    server = ModbusBoilerServer.start(OPTIONS);
    Await.until(BOUND, "ten ticks",
        () -> server.state().elapsed().compareTo(Duration.ofMillis(100)) >= 0);
    assertThat(server.state().elapsed().toMillis() % 10).isZero();
  }

  @Test
  void anOperatorStopIsServedAsRunningZeroWithNoFuel() throws Exception {
    server = ModbusBoilerServer.start(OPTIONS);
    BoilerState stopped = server.withModel(BoilerModel::stop).get(5, TimeUnit.SECONDS);
    assertThat(stopped.running()).isFalse();
    try (TestMaster master = TestMaster.connect(server.port())) {
      assertThat(MAP.decode(master.readHolding(1, 0, 7)))
          .contains(entry("running", 0.0), entry("fuel_flow", 0.0));
    }
  }

  @Test
  void writesAreRefusedAsIllegalFunctionAndTheServerKeepsServing() throws Exception {
    server = ModbusBoilerServer.start(OPTIONS);
    try (TestMaster master = TestMaster.connect(server.port())) {
      assertThatThrownBy(() -> master.writeSingle(1, 4, 0))
          .satisfies(ModbusBoilerServerTest::illegalFunction);
      assertThatThrownBy(() -> master.writeMultiple(1, 0, 1, 2))
          .satisfies(ModbusBoilerServerTest::illegalFunction);
      assertThat(MAP.decode(master.readHolding(1, 0, 7))).containsOnlyKeys(
          "steam_pressure", "steam_temperature", "fuel_flow", "running", "steam_flow");
    }
    assertThat(server.servedLog().totalRecorded())
        .as("writes are not logged as reads").isEqualTo(1);
  }

  private static void illegalFunction(Throwable e) {
    assertThat(e).isInstanceOf(ModbusSlaveException.class);
    assertThat(((ModbusSlaveException) e).getType()).isEqualTo(Modbus.ILLEGAL_FUNCTION_EXCEPTION);
  }

  @Test
  void closeReleasesThePortAndConnectionsSoTheDeviceCanComeBackOnTheSamePort() throws Exception {
    server = ModbusBoilerServer.start(OPTIONS);
    int port = server.port();
    try (TestMaster before = TestMaster.connect(port)) {
      before.readHolding(1, 0, 7);
      server.close();
      assertThatThrownBy(() -> before.readHolding(1, 0, 7)).isInstanceOf(ModbusException.class);
    }
    server = ModbusBoilerServer.start(OPTIONS.withPort(port));
    assertThat(server.port()).isEqualTo(port);
    try (TestMaster after = TestMaster.connect(port)) {
      assertThat(after.readHolding(1, 0, 7)).hasSize(7);
    }
  }

  @Test
  void closeLeavesNoSimulatorThreadBehind() throws Exception {
    server = ModbusBoilerServer.start(OPTIONS.withDeviceId("boiler-threads"));
    try (TestMaster master = TestMaster.connect(server.port())) {
      master.readHolding(1, 0, 7);
      assertThat(simulatorThreads("boiler-threads")).isGreaterThanOrEqualTo(3);
      server.close();
    }
    assertThat(simulatorThreads("boiler-threads")).isZero();
  }

  private static long simulatorThreads(String deviceId) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(NamedThreads.prefix(deviceId)))
        .count();
  }

  @Test
  void twoBoilersServeSideBySideEachWithItsOwnLog() throws Exception {
    server = ModbusBoilerServer.start(OPTIONS.withDeviceId("boiler-a").withSeed(1));
    ModbusBoilerServer.Options optionsB = OPTIONS.withDeviceId("boiler-b").withSeed(2);
    try (ModbusBoilerServer other = ModbusBoilerServer.start(optionsB);
        TestMaster a = TestMaster.connect(server.port());
        TestMaster b = TestMaster.connect(other.port())) {
      assertThat(other.port()).isNotEqualTo(server.port());
      Map<String, Double> fromA = MAP.decode(a.readHolding(1, 0, 7));
      Map<String, Double> fromB = MAP.decode(b.readHolding(1, 0, 7));
      b.readHolding(1, 0, 7);
      assertThat(server.servedLog().reads()).singleElement()
          .satisfies(r -> assertThat(r.deviceId()).isEqualTo("boiler-a"))
          .satisfies(r -> assertThat(r.values()).isEqualTo(fromA));
      assertThat(other.servedLog().reads()).hasSize(2).first()
          .satisfies(r -> assertThat(r.deviceId()).isEqualTo("boiler-b"))
          .satisfies(r -> assertThat(r.values()).isEqualTo(fromB));
      assertThat(fromA.get("fuel_flow")).isNotEqualTo(fromB.get("fuel_flow"));
    }
  }

  @Test
  void aTakenPortIsReportedAsABindExceptionNamingTheDevice() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> ModbusBoilerServer.start(OPTIONS.withPort(taken.getLocalPort())))
          .isInstanceOf(BindException.class)
          .hasMessage("cannot serve boiler-test on 127.0.0.1:" + taken.getLocalPort()
              + ": address already in use");
    }
    assertThat(simulatorThreads("boiler-test")).isZero();
  }

  @Test
  void invalidOptionsAreReportedTogether() {
    assertThatThrownBy(() -> OPTIONS.withPort(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid simulator options: port must be 0-65535 (0 = any free port), was -1");
    assertThatThrownBy(() -> new ModbusBoilerServer.Options(" ", "127.0.0.1", 70_000, 256, 1,
        Duration.ZERO, null, 0))
        .hasMessageContainingAll(
            "deviceId", "port", "unitId", "tick", "clock", "servedLogCapacity");
  }
}
