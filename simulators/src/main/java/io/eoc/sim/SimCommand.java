package io.eoc.sim;

import io.eoc.config.ConfigException;
import io.eoc.sim.modbus.ModbusBoilerServer;
import io.eoc.sim.plant.Plant;
import io.eoc.sim.plant.PlantDevice;
import io.eoc.sim.plant.PlantScenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sim}: serves one simulated gas-fired steam boiler over Modbus TCP until interrupted, or
 * with {@code --plant} a whole simulated plant. Composed into the {@code eoc} command line by
 * another module; demos can call {@link #start()} or {@link #startPlant(Clock)} instead and close
 * what they get themselves.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
    header = "Serve simulated equipment: one boiler, or a plant (--plant demo) over Modbus TCP, OPC UA and MQTT.",
    description = {
      "Serves a simulated 10 t/h gas-fired steam boiler (工业锅炉) over Modbus TCP until"
          + " interrupted.",
      "Holding and input registers: 0 steam_pressure uint16 x0.01 MPa, 1 steam_temperature"
          + " int16 x0.1 °C, 2-3 fuel_flow float32 m³/h, 4 running uint16 0/1,"
          + " 5-6 steam_flow float32 t/h (big-endian, high word first).",
      "With --plant FILE|demo: serves every device of a plant scenario (YAML) instead, one line"
          + " per device: id, kind, category, protocol, address, unit."
    })
public final class SimCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--modbus-port", defaultValue = "5020",
      description = "TCP port for Modbus; 0 picks a free port (default: ${DEFAULT-VALUE}).")
  int modbusPort;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--seed", defaultValue = "42",
      description = "Seed of the simulation's randomness (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--tick", defaultValue = "100ms", converter = DurationConverter.class,
      description = "How often, and by how much simulated time, the boiler model advances,"
          + " e.g. 100ms, 1s (default: ${DEFAULT-VALUE}).")
  Duration tick;

  @Option(names = "--device-id", defaultValue = "boiler-1",
      description = "Device name used in logs and the served-read log (default: ${DEFAULT-VALUE}).")
  String deviceId;

  @Option(names = "--unit-id", defaultValue = "1",
      description = "Modbus unit id answered (default: ${DEFAULT-VALUE}).")
  int unitId;

  @Option(names = "--plant", paramLabel = "FILE|demo",
      description = "Serve a plant scenario file, or 'demo' for the built-in demo plant with"
          + " equipment of every category; the single-boiler options then do not apply.")
  String plant;

  @Option(names = "--agent-config", paramLabel = "FILE",
      description = "With --plant: also write the edge agent's configuration polling every"
          + " device of the plant to FILE.")
  Path agentConfig;

  @Option(names = "--agent-id", defaultValue = "sim-agent",
      description = "Agent id in the --agent-config file (default: ${DEFAULT-VALUE}).")
  String agentId;

  @Option(names = "--cloud-url", defaultValue = "tcp://127.0.0.1:1883",
      description = "Cloud URL in the --agent-config file (default: ${DEFAULT-VALUE}).")
  String cloudUrl;

  /** The server options these command-line options describe. */
  public ModbusBoilerServer.Options options() {
    return new ModbusBoilerServer.Options(deviceId, host, modbusPort, unitId, seed, tick,
        Clock.systemUTC(), ModbusBoilerServer.Options.defaults().servedLogCapacity());
  }

  /** Starts the simulator in-process; the caller closes it. */
  public ModbusBoilerServer start() throws IOException {
    return ModbusBoilerServer.start(options());
  }

  /**
   * The scenario {@code --plant} names.
   *
   * @throws ConfigException listing every problem of the file, with lines
   */
  public PlantScenario scenario() {
    return "demo".equals(plant) ? PlantScenario.demo() : PlantScenario.load(Path.of(plant));
  }

  /** Starts the {@code --plant} scenario in-process; the caller closes it. */
  public Plant startPlant(Clock clock) throws IOException {
    return Plant.start(scenario(), clock);
  }

  @Override
  public Integer call() {
    if (plant != null) {
      return servePlant();
    }
    ModbusBoilerServer server;
    try {
      server = start();
    } catch (BindException e) {
      err().println("sim: " + e.getMessage());
      return CommandLine.ExitCode.SOFTWARE;
    } catch (IOException e) {
      err().println("sim: cannot serve " + deviceId + " on " + host + ":" + modbusPort + ": " + e);
      return CommandLine.ExitCode.SOFTWARE;
    } catch (IllegalArgumentException e) {
      err().println("sim: " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    try (server) {
      out().println("sim: serving " + server.describe());
      out().flush();
      awaitShutdown(server::close);
    }
    return CommandLine.ExitCode.OK;
  }

  private int servePlant() {
    Plant running;
    try {
      running = startPlant(Clock.systemUTC());
    } catch (ConfigException | IllegalArgumentException e) {
      err().println("sim: " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    } catch (IOException e) {
      err().println("sim: cannot serve plant " + plant + ": " + e.getMessage());
      return CommandLine.ExitCode.SOFTWARE;
    }
    try (running) {
      int written = writeAgentConfig(running);
      if (written != CommandLine.ExitCode.OK) {
        return written;
      }
      out().println("sim: serving plant " + running.id() + ", " + running.devices().size()
          + " devices: " + running.protocolSummary());
      for (PlantDevice device : running.devices()) {
        out().println("sim: " + device.describe());
      }
      if (agentConfig != null) {
        out().println("sim: agent configuration written to " + agentConfig);
      }
      out().flush();
      awaitShutdown(running::close);
    }
    return CommandLine.ExitCode.OK;
  }

  private int writeAgentConfig(Plant running) {
    if (agentConfig == null) {
      return CommandLine.ExitCode.OK;
    }
    String yaml;
    try {
      yaml = running.agentYaml(agentId, cloudUrl);
    } catch (IllegalArgumentException e) {
      err().println("sim: " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    try {
      Files.writeString(agentConfig, yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      err().println("sim: cannot write the agent configuration " + agentConfig + ": " + e);
      return CommandLine.ExitCode.SOFTWARE;
    }
    return CommandLine.ExitCode.OK;
  }

  /** Blocks until the JVM shuts down (Ctrl-C) or this thread is interrupted. */
  private static void awaitShutdown(Runnable close) {
    CountDownLatch stopped = new CountDownLatch(1);
    // The JVM does not wait for the main thread during shutdown, so the hook closes the server.
    Thread hook = new Thread(() -> {
      close.run();
      stopped.countDown();
    }, "eoc-sim-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or has run; it closes the server.
      }
    }
  }

  private PrintWriter out() {
    return spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out, true);
  }

  private PrintWriter err() {
    return spec != null ? spec.commandLine().getErr() : new PrintWriter(System.err, true);
  }
}
