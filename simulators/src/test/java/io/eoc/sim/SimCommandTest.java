package io.eoc.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import io.eoc.sim.modbus.ModbusBoilerServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimCommandTest {

  private final SimCommand command = new SimCommand();
  private final StringWriter err = new StringWriter();
  private final FirstLineWriter out = new FirstLineWriter();
  private final CommandLine cli = new CommandLine(command)
      .setOut(new PrintWriter(out, true))
      .setErr(new PrintWriter(err, true));

  @Test
  void defaultsAreTheDocumentedOnes() {
    cli.parseArgs();
    ModbusBoilerServer.Options options = command.options();
    assertThat(options.port()).isEqualTo(5020);
    assertThat(options.host()).isEqualTo("127.0.0.1");
    assertThat(options.seed()).isEqualTo(42);
    assertThat(options.tick()).isEqualTo(Duration.ofMillis(100));
    assertThat(options.deviceId()).isEqualTo("boiler-1");
    assertThat(options.unitId()).isEqualTo(1);
  }

  @Test
  void tickIsWrittenLikeHundredMillisecondsOrOneSecondOrIso() {
    cli.parseArgs("--tick", "250ms");
    assertThat(command.options().tick()).isEqualTo(Duration.ofMillis(250));
    cli.parseArgs("--tick", "1s");
    assertThat(command.options().tick()).isEqualTo(Duration.ofSeconds(1));
    cli.parseArgs("--tick", "PT0.5S");
    assertThat(command.options().tick()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void aTickThatIsNotADurationIsAUsageErrorSayingWhatToWrite() {
    assertThat(cli.execute("--tick", "fast")).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("'fast' is not a duration; write e.g. 500ms, 5s");
  }

  @Test
  void startServesInProcessUntilClosed() throws Exception {
    cli.parseArgs("--modbus-port", "0", "--device-id", "demo-boiler", "--unit-id", "3");
    int port;
    try (ModbusBoilerServer server = command.start()) {
      port = server.port();
      ModbusTCPMaster master = connect(port);
      try {
        assertThat(master.readMultipleRegisters(3, 0, 7)).hasSize(7);
      } finally {
        master.disconnect();
      }
      assertThat(server.servedLog().latest()).get()
          .satisfies(r -> assertThat(r.deviceId()).isEqualTo("demo-boiler"));
    }
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aPortInUseIsOneClearLineNotAStackTrace() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int exit = cli.execute("--modbus-port", Integer.toString(taken.getLocalPort()));
      assertThat(exit).isEqualTo(CommandLine.ExitCode.SOFTWARE);
      assertThat(err.toString()).isEqualTo("sim: cannot serve boiler-1 on 127.0.0.1:"
          + taken.getLocalPort() + ": address already in use" + System.lineSeparator());
    }
  }

  @Test
  void callPrintsWhatIsServedWhereThenServesUntilInterrupted() throws Exception {
    AtomicInteger exit = new AtomicInteger(-1);
    Thread runner = new Thread(() -> exit.set(
        cli.execute("--modbus-port", "0", "--device-id", "cli-boiler", "--tick", "20ms")));
    runner.start();
    assertThat(out.firstLine.await(5, TimeUnit.SECONDS)).as("banner printed").isTrue();
    String banner = out.toString();
    assertThat(banner)
        .startsWith("sim: serving cli-boiler (gas-fired steam boiler, seed 42, tick 20ms)"
            + " over Modbus TCP at 127.0.0.1:")
        .contains("unit 1", "0 steam_pressure uint16 x0.01 MPa", "5-6 steam_flow float32 t/h");
    Matcher port = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(banner);
    assertThat(port.find()).isTrue();
    ModbusTCPMaster master = connect(Integer.parseInt(port.group(1)));
    try {
      assertThat(master.readMultipleRegisters(1, 0, 7)).hasSize(7);
    } finally {
      master.disconnect();
    }

    runner.interrupt();
    runner.join(5_000);
    assertThat(runner.isAlive()).isFalse();
    assertThat(exit.get()).isEqualTo(CommandLine.ExitCode.OK);
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.isAlive() && t.getName().startsWith("eoc-sim-cli-boiler-"));
  }

  @Test
  void helpDescribesTheRegisterMap() {
    assertThat(cli.execute("--help")).isEqualTo(CommandLine.ExitCode.OK);
    assertThat(out.toString()).contains("--modbus-port", "--tick", "--unit-id",
        "2-3 fuel_flow float32 m³/h", "--plant=FILE|demo", "--agent-config");
  }

  @Test
  void aPlantIsServedWithOneLinePerDeviceAndItsAgentConfiguration(@TempDir Path dir)
      throws Exception {
    Path agentFile = dir.resolve("agent.yaml");
    AtomicInteger exit = new AtomicInteger(-1);
    Thread runner = new Thread(() -> exit.set(cli.execute("--plant", "demo", "--agent-config",
        agentFile.toString(), "--cloud-url", "tcp://127.0.0.1:2883")));
    runner.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!out.toString().contains("agent configuration written")) {
      assertThat(System.nanoTime()).as("plant banner printed").isLessThan(deadline);
      LockSupport.parkNanos(10_000_000);
    }
    String banner = out.toString();
    assertThat(banner).startsWith("sim: serving plant demo-plant, 12 devices: 8 Modbus TCP,"
        + " 2 OPC UA, 2 MQTT");
    assertThat(banner.lines().filter(l -> l.matches(
        "sim: [a-z0-9-]+ [a-z-]+ (high-energy|power|new-energy|intelligent) modbus-tcp"
            + " 127\\.0\\.0\\.1:\\d+ unit \\d+"))).hasSize(8);
    assertThat(banner).containsPattern("sim: wind-1 wind-turbine new-energy opc-ua"
        + " opc\\.tcp://127\\.0\\.0\\.1:\\d+/eoc")
        .containsPattern("sim: pv-1 pv-inverter new-energy mqtt tcp://127\\.0\\.0\\.1:\\d+"
            + " topic plant/demo-plant/pv-1/telemetry");
    Matcher boiler = Pattern.compile("sim: boiler-1 industrial-boiler high-energy modbus-tcp"
        + " 127\\.0\\.0\\.1:(\\d+) unit 1").matcher(banner);
    assertThat(boiler.find()).isTrue();
    ModbusTCPMaster master = connect(Integer.parseInt(boiler.group(1)));
    try {
      assertThat(master.readMultipleRegisters(1, 0, 8)).hasSize(8);
    } finally {
      master.disconnect();
    }
    assertThat(Files.readString(agentFile)).contains("url: tcp://127.0.0.1:2883",
        "id: excavator-1", "port: " + boiler.group(1));

    runner.interrupt();
    runner.join(5_000);
    assertThat(runner.isAlive()).isFalse();
    assertThat(exit.get()).isEqualTo(CommandLine.ExitCode.OK);
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.isAlive() && t.getName().startsWith("eoc-sim-power-room-"));
  }

  @Test
  void aBadPlantFileIsAUsageErrorWithEveryProblemLocated(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("plant.yaml");
    Files.writeString(file, "devices:\n  - {id: a, model: motor, protocol: profinet}\n"
        + "  - {id: b, model: windmill}\n");
    assertThat(cli.execute("--plant", file.toString())).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("sim: invalid configuration (2 problems):",
        "plant.yaml:2:", "unknown value 'profinet'", "plant.yaml:3:", "'windmill'");
    assertThat(cli.execute("--plant", dir.resolve("missing.yaml").toString()))
        .isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("missing.yaml: file not found");
    assertThat(cli.execute("--plant", "demo", "--agent-config", dir.resolve("a.yaml").toString(),
        "--cloud-url", "http://cloud")).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("sim: cloud url must be tcp://host:port");
  }

  private static ModbusTCPMaster connect(int port) throws Exception {
    ModbusTCPMaster master = new ModbusTCPMaster("127.0.0.1", port);
    master.setTimeout(2_000);
    master.setRetries(0);
    master.connect();
    return master;
  }

  /** Collects output and signals when the first full line has been written. */
  private static final class FirstLineWriter extends Writer {
    private final StringBuffer text = new StringBuffer();
    final CountDownLatch firstLine = new CountDownLatch(1);

    @Override
    public void write(char[] chars, int offset, int length) {
      text.append(chars, offset, length);
      if (text.indexOf("\n") >= 0) {
        firstLine.countDown();
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
