package io.eoc.edge.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.eoc.edge.config.DeviceConfig;
import io.eoc.sim.fault.Fault;
import io.eoc.sim.model.DeviceIdentity;
import io.eoc.sim.model.MotorModel;
import io.eoc.sim.modbus.ModbusEquipmentServer;
import io.eoc.sim.modbus.ServedDevice;
import io.eoc.sim.modbus.ServedRead;
import io.eoc.sim.plant.LoadSpec;
import io.eoc.sim.plant.Plant;
import io.eoc.sim.plant.PlantDevice;
import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The driver against the simulators' real j2mod-based slaves, over sockets. */
class ModbusDriverSimulatorTest {
  private static final Instant NOON = Instant.parse("2024-06-21T04:00:00Z");

  static String registersOf(ServedDevice device) {
    return device.map().registers().stream().map(r -> "  - {tag: %s, address: %d, type: %s, scale: %s}"
        .formatted(r.name(), r.address(), r.type().id(), r.scale())).collect(Collectors.joining("\n"));
  }

  static DeviceConfig configOf(ServedDevice device, String timeout, String extra) {
    return Devices.device("""
        id: %s
        host: 127.0.0.1
        port: %d
        unit-id: %d
        timeout: %s
        %s
        registers:
        %s
        """.formatted(device.deviceId(), device.port(), device.unitId(), timeout, extra, registersOf(device)));
  }

  private static Map<String, Double> values(List<Point> points) {
    assertThat(points).allSatisfy(p -> assertThat(p.quality()).isEqualTo(Quality.GOOD));
    return points.stream().collect(Collectors.toMap(Point::tag, Point::value));
  }

  private static ModbusEquipmentServer motors(int units) throws IOException {
    List<ModbusEquipmentServer.Unit> list = new ArrayList<>();
    for (int u = 1; u <= units; u++) {
      list.add(new ModbusEquipmentServer.Unit("motor-" + u, u, new MotorModel(u, NOON), Duration.ofMillis(50)));
    }
    return ModbusEquipmentServer.start(ModbusEquipmentServer.Options.of("motors"), list);
  }

  @Test
  void hundredTagsInAdjacentRegistersAreReadWithOneRequestPerPoll() throws Exception {
    try (Plant plant = Plant.load(LoadSpec.of(1, 100, Duration.ofMillis(20)), Clock.systemUTC())) {
      PlantDevice load = plant.devices().get(0);
      try (ModbusTcpDriver driver = new ModbusTcpDriver(configOf(load.modbus(), "2s", ""), Clock.systemUTC())) {
        driver.read(); // connects and reads the identification once
        long requests = driver.stats().requests();
        long served = load.servedLog().totalRecorded();
        for (int poll = 0; poll < 5; poll++) {
          List<Point> points = driver.read();
          assertThat(points).hasSize(100);
          ServedRead last = load.servedLog().latest().orElseThrow();
          assertThat(values(points)).containsExactlyInAnyOrderEntriesOf(last.values());
        }
        assertThat(driver.requestsPerRead()).isEqualTo(1);
        assertThat(driver.stats().requests() - requests).isEqualTo(5);
        assertThat(load.servedLog().totalRecorded() - served).isEqualTo(5);
        assertThat(load.servedLog().latest().orElseThrow().firstRegister()).isZero();
      }
    }
  }

  @Test
  void aLateAnswerAfterATimeoutIsNeverTakenForTheNextRequestsAnswer() throws Exception {
    try (ModbusEquipmentServer server = motors(1)) {
      ServedDevice motor = server.device(1);
      try (ModbusTcpDriver driver = new ModbusTcpDriver(configOf(motor, "150ms", ""), Clock.systemUTC())) {
        double before = values(driver.read()).get("running");
        long served = motor.servedLog().totalRecorded();
        motor.inject(new Fault.SlowAnswers(Duration.ofMillis(600)));
        long sent = System.nanoTime();
        assertThatThrownBy(driver::read).isInstanceOf(IOException.class).hasMessageContaining("no answer within 150 ms");
        // One attempt, not j2mod's default of 5 with pauses in between.
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofMillis(590));
        motor.clear();
        // The late answer is built (and logged) after the delay, carrying the value of then...
        Devices.await(Duration.ofSeconds(5), () -> motor.servedLog().totalRecorded() > served);
        // ...which the device changes afterwards: a misattributed late answer would show the old value.
        motor.write("running", 1 - before).get(5, TimeUnit.SECONDS);
        assertThat(values(driver.read()).get("running")).isEqualTo(1 - before);
        ModbusStats stats = driver.stats();
        assertThat(stats.timeouts()).isEqualTo(1);
        assertThat(stats.connects()).isEqualTo(2);
      }
    }
  }

  @Test
  void aDeadUnitBehindTheSameGatewayDoesNotChangeThePollPeriodOfALiveOne() throws Exception {
    try (ModbusEquipmentServer gateway = motors(2)) {
      ServedDevice live = gateway.device(1);
      ServedDevice dead = gateway.device(2);
      Duration baseline = medianPollInterval(live, dead, false);
      dead.inject(new Fault.SlowAnswers(Duration.ofSeconds(2)));
      Duration withDead = medianPollInterval(live, dead, true);
      assertThat((double) withDead.toNanos()).isCloseTo(baseline.toNanos(), within(baseline.toNanos() * 0.10));
    }
  }

  /** Polls both units each on its own thread, every 40 ms after the last read; the live one's median interval. */
  private static Duration medianPollInterval(ServedDevice live, ServedDevice other, boolean otherDead) throws Exception {
    List<Long> stamps = java.util.Collections.synchronizedList(new ArrayList<>());
    int[] otherFailures = {0};
    ScheduledExecutorService threads = Executors.newScheduledThreadPool(2);
    try (ModbusTcpDriver a = new ModbusTcpDriver(configOf(live, "200ms", ""), Clock.systemUTC());
         ModbusTcpDriver b = new ModbusTcpDriver(configOf(other, "200ms", ""), Clock.systemUTC())) {
      threads.scheduleWithFixedDelay(() -> {
        try {
          a.read();
          stamps.add(System.nanoTime());
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }, 0, 40, TimeUnit.MILLISECONDS);
      threads.scheduleWithFixedDelay(() -> {
        try {
          b.read();
        } catch (IOException e) {
          otherFailures[0]++;
        }
      }, 0, 40, TimeUnit.MILLISECONDS);
      Devices.await(Duration.ofSeconds(20), () -> stamps.size() >= 25 && (!otherDead || otherFailures[0] >= 3));
    } finally {
      threads.shutdownNow();
      threads.awaitTermination(5, TimeUnit.SECONDS);
    }
    List<Long> copy = List.copyOf(stamps);
    List<Long> intervals = new ArrayList<>();
    for (int i = 1; i < copy.size(); i++) {
      intervals.add(copy.get(i) - copy.get(i - 1));
    }
    intervals.sort(null);
    return Duration.ofNanos(intervals.get(intervals.size() / 2));
  }

  @Test
  void writesWithFunctionsSixAndSixteenChangeTheSimulatorsState() throws Exception {
    try (ModbusEquipmentServer server = motors(1)) {
      ServedDevice motor = server.device(1);
      try (ModbusTcpDriver single = new ModbusTcpDriver(configOf(motor, "2s", ""), Clock.systemUTC());
           ModbusTcpDriver multiple = new ModbusTcpDriver(configOf(motor, "2s", "write-functions: multiple"),
               Clock.systemUTC())) {
        single.write("running", 0);
        assertThat(motor.values().get("running")).isEqualTo(0.0);
        multiple.write("running", 1);
        assertThat(motor.values().get("running")).isEqualTo(1.0);
        assertThatThrownBy(() -> single.write("current", 10)).isInstanceOf(WriteRefusedException.class)
            .satisfies(e -> assertThat(((WriteRefusedException) e).exceptionCode()).isEqualTo(2))
            .hasMessageContaining("current");
        assertThat(single.stats().exceptionResponses()).isEqualTo(1);
        assertThat(values(single.read()).get("running")).isEqualTo(1.0); // the connection survived the refusal
      }
    }
  }

  @Test
  void theDeviceIdentificationIsReadOnceAfterConnecting() throws Exception {
    try (ModbusEquipmentServer server = motors(1)) {
      ServedDevice motor = server.device(1);
      try (ModbusTcpDriver driver = new ModbusTcpDriver(configOf(motor, "2s", ""), Clock.systemUTC())) {
        assertThat(driver.identity()).isEmpty();
        driver.read();
        assertThat(driver.identity()).contains(new ModbusIdentity(DeviceIdentity.VENDOR, "motor", DeviceIdentity.REVISION));
        long requests = driver.stats().requests();
        driver.disconnect();
        driver.read();
        assertThat(driver.stats().requests() - requests).isEqualTo(driver.requestsPerRead());
        assertThat(driver.stats().meanRoundTrip()).isPositive();
      }
    }
  }
}
