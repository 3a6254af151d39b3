package io.eoc.sim;

import io.eoc.sim.modbus.ModbusBoilerServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
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
 * {@code sim}: serves one simulated gas-fired steam boiler over Modbus TCP until interrupted.
 * Composed into the {@code eoc} command line by another module; demos can call {@link #start()}
 * instead and close the returned server themselves.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
    header = "Serve simulated equipment (an industrial boiler) over Modbus TCP.",
    description = {
      "Serves a simulated 10 t/h gas-fired steam boiler (工业锅炉) over Modbus TCP until"
          + " interrupted.",
      "Holding and input registers: 0 steam_pressure uint16 x0.01 MPa, 1 steam_temperature"
          + " int16 x0.1 °C, 2-3 fuel_flow float32 m³/h, 4 running uint16 0/1,"
          + " 5-6 steam_flow float32 t/h (big-endian, high word first)."
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

  /** The server options these command-line options describe. */
  public ModbusBoilerServer.Options options() {
    return new ModbusBoilerServer.Options(deviceId, host, modbusPort, unitId, seed, tick,
        Clock.systemUTC(), ModbusBoilerServer.Options.defaults().servedLogCapacity());
  }

  /** Starts the simulator in-process; the caller closes it. */
  public ModbusBoilerServer start() throws IOException {
    return ModbusBoilerServer.start(options());
  }

  @Override
  public Integer call() {
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
      awaitShutdown(server);
    }
    return CommandLine.ExitCode.OK;
  }

  /** Blocks until the JVM shuts down (Ctrl-C) or this thread is interrupted. */
  private static void awaitShutdown(ModbusBoilerServer server) {
    CountDownLatch stopped = new CountDownLatch(1);
    // The JVM does not wait for the main thread during shutdown, so the hook closes the server.
    Thread hook = new Thread(() -> {
      server.close();
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
