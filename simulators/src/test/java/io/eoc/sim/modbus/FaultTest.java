package io.eoc.sim.modbus;

import static io.eoc.sim.modbus.ModbusEquipmentServerTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ghgande.j2mod.modbus.ModbusException;
import io.eoc.sim.fault.Fault;
import io.eoc.sim.model.BoilerEquipment;
import io.eoc.sim.model.MotorModel;
import io.eoc.sim.model.PvInverterModel;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault, as a j2mod master sees it. */
class FaultTest {

  private static final Instant NOON = Instant.parse("2024-06-21T04:00:00Z");
  private static final Duration BOUND = Duration.ofSeconds(5);

  private ModbusEquipmentServer server;
  private ServedDevice motor;
  private ServedDevice pv;
  private ServedDevice boiler;

  @BeforeEach
  void start() throws Exception {
    Duration tick = Duration.ofMillis(10);
    server = ModbusEquipmentServer.start(ModbusEquipmentServer.Options.of("faulty"), List.of(
        new ModbusEquipmentServer.Unit("motor-1", 1, new MotorModel(1, NOON), tick),
        new ModbusEquipmentServer.Unit("pv-1", 2, new PvInverterModel(2, NOON), tick),
        new ModbusEquipmentServer.Unit("boiler-1", 3, new BoilerEquipment(3, NOON), tick)));
    motor = server.device(1);
    pv = server.device(2);
    boiler = server.device(3);
  }

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void aFrozenDeviceServesTheSameValuesWhileItsPhysicsMovesOn() throws Exception {
    try (TestMaster master = TestMaster.connect(server.port())) {
      motor.inject(Fault.frozen());
      Map<String, Double> first = read(master, motor);
      Instant at = motor.simulatedTime();
      Await.until(BOUND, "the model moves on", () -> motor.simulatedTime().isAfter(
          at.plusMillis(50)) && !motor.values().get("current").equals(first.get("current")));
      assertThat(read(master, motor)).isEqualTo(first);
      assertThat(motor.servedLog().latest().orElseThrow().values()).isEqualTo(first);
      assertThat(motor.faults()).containsExactly(Fault.frozen());

      motor.clear();
      assertThat(read(master, motor)).isNotEqualTo(first);
    }
  }

  @Test
  void oneFrozenTagStaysWhileTheOthersMove() throws Exception {
    try (TestMaster master = TestMaster.connect(server.port())) {
      motor.inject(Fault.frozen("voltage"));
      Map<String, Double> first = read(master, motor);
      Await.until(BOUND, "current changes", () -> {
        try {
          Map<String, Double> now = read(master, motor);
          assertThat(now.get("voltage")).isEqualTo(first.get("voltage"));
          return !now.get("current").equals(first.get("current"));
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
    }
  }

  @Test
  void aSpikeShowsOnTheNextReadOnly() throws Exception {
    try (TestMaster master = TestMaster.connect(server.port())) {
      motor.inject(Fault.spike("active_power", 1_000));
      Map<String, Double> spiked = read(master, motor);
      Map<String, Double> logged = motor.servedLog().latest().orElseThrow().values();
      assertThat(spiked.get("active_power")).isGreaterThan(1_000.0);
      assertThat(read(master, motor).get("active_power")).isLessThan(900.0);
      assertThat(logged).as("the log has what was served").isEqualTo(spiked);
    }
  }

  @Test
  void notANumberIsServedInFloatRegistersOnly() throws Exception {
    try (TestMaster master = TestMaster.connect(server.port())) {
      boiler.inject(Fault.notANumber("fuel_flow"));
      assertThat(read(master, boiler).get("fuel_flow")).isNaN();
      assertThat(boiler.servedLog().latest().orElseThrow().values().get("fuel_flow")).isNaN();
      assertThat(read(master, boiler).get("steam_flow")).isNotNaN();
    }
    assertThatThrownBy(() -> motor.inject(Fault.notANumber("current")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tag 'current' of motor-1 is served as uint16: NaN can only be served in a"
            + " float32 register");
    assertThatThrownBy(() -> motor.inject(Fault.notANumber("no_such_tag")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no tag 'no_such_tag'");
  }

  @Test
  void anOutOfRangeValueLiesAboveThePhysicalRange() throws Exception {
    try (TestMaster master = TestMaster.connect(server.port())) {
      motor.inject(Fault.outOfRange("current"));
      pv.inject(Fault.outOfRange("state"));
      assertThat(read(master, motor).get("current")).isEqualTo(187.5);
      assertThat(read(master, pv).get("state")).isEqualTo(4.0);
    }
  }

  @Test
  void slowAnswersDelayOnlyTheFaultyUnit() throws Exception {
    try (TestMaster master = TestMaster.connect(server.port())) {
      motor.inject(Fault.slowAnswers(Duration.ofMillis(300)));
      long start = System.nanoTime();
      read(master, motor);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(
          Duration.ofMillis(300));
      start = System.nanoTime();
      read(master, pv);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300));
      motor.clear();
      start = System.nanoTime();
      read(master, motor);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300));
    }
  }

  @Test
  void aDroppedConnectionIsClosedUnderTheMasterWhichMustConnectAgain() throws Exception {
    try (TestMaster master = TestMaster.connect(server.port());
        Socket raw = new Socket("127.0.0.1", server.port())) {
      read(master, motor);
      Await.until(BOUND, "both connections accepted", () -> server.connectionsAccepted() == 2);
      motor.inject(Fault.dropConnections());
      raw.setSoTimeout(2_000);
      assertThat(raw.getInputStream().read()).as("end of stream").isEqualTo(-1);
      // j2mod's TCP transaction reconnects silently: the read succeeds on a new connection.
      assertThat(read(master, motor)).isNotEmpty();
      assertThat(server.connectionsAccepted()).isEqualTo(3);
    }
  }

  @Test
  void aRestartClosesThePortForThePauseThenServesOnTheSamePort() throws Exception {
    int port = server.port();
    try (TestMaster master = TestMaster.connect(port)) {
      read(master, pv);
      Instant before = pv.simulatedTime();
      pv.inject(Fault.restart(Duration.ofSeconds(1)));
      assertThat(server.serving()).isFalse();
      assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class);
      assertThatThrownBy(() -> read(master, pv)).isInstanceOf(ModbusException.class);
      Await.until(BOUND, "serving again", server::serving);
      assertThat(server.port()).isEqualTo(port);
      assertThat(pv.simulatedTime()).as("the model ran on").isAfter(before);
    }
    try (TestMaster again = TestMaster.connect(port)) {
      assertThat(read(again, motor)).isNotEmpty();
    }
  }

  private static void connect(int port) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
    }
  }
}
