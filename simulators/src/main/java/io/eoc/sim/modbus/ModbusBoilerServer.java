package io.eoc.sim.modbus;

import io.eoc.sim.boiler.BoilerModel;
import io.eoc.sim.boiler.BoilerRegisterMap;
import io.eoc.sim.boiler.BoilerState;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated boiler served as a Modbus TCP slave ({@link BoilerRegisterMap}, holding and input
 * registers). A tick thread steps the {@link BoilerModel} by {@code tick} every {@code tick} and
 * publishes an immutable {@link RegisterSnapshot}; every read is answered from one snapshot and
 * recorded in the {@link #servedLog()}.
 *
 * <p>Several servers can run in one JVM, and a server can be closed and another started on the
 * same port (a device that goes away and comes back): {@link #close()} closes the port, every
 * connection and every thread before it returns.
 */
public final class ModbusBoilerServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ModbusBoilerServer.class);
  private static final long STOP_MILLIS = 5_000;

  private final Options options;
  private final BoilerModel model;
  private final BoilerRegisterMap registerMap = BoilerRegisterMap.standard();
  private final ServedLog servedLog;
  private final AtomicReference<RegisterSnapshot> current = new AtomicReference<>();
  private final NamedThreads tickThreads;
  private final ScheduledExecutorService ticker;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile ModbusTcpSlave slave;

  private ModbusBoilerServer(Options options) {
    this.options = options;
    this.model = new BoilerModel(options.seed());
    this.servedLog = new ServedLog(options.servedLogCapacity());
    this.tickThreads = new NamedThreads(options.deviceId(), "tick");
    this.ticker = Executors.newSingleThreadScheduledExecutor(tickThreads);
    publish();
  }

  /**
   * Binds the port and starts serving.
   *
   * @throws BindException with a message naming the device and address if the port is taken
   * @throws IOException if the host cannot be resolved or bound otherwise
   */
  public static ModbusBoilerServer start(Options options) throws IOException {
    Objects.requireNonNull(options, "options");
    ModbusBoilerServer server = new ModbusBoilerServer(options);
    try {
      server.slave = ModbusTcpSlave.open(server.bindAddress(), options.unitId(),
          new SnapshotProcessImage(server.current::get, server::recordRead), options.deviceId());
    } catch (BindException e) {
      server.ticker.shutdownNow();
      throw server.portInUse(e);
    } catch (IOException | RuntimeException e) {
      server.ticker.shutdownNow();
      throw e;
    }
    long tickNanos = options.tick().toNanos();
    server.ticker.scheduleAtFixedRate(server::tick, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
    log.info("serving {}", server.describe());
    return server;
  }

  private InetSocketAddress bindAddress() throws IOException {
    return new InetSocketAddress(InetAddress.getByName(options.host()), options.port());
  }

  private BindException portInUse(Exception cause) {
    BindException e = new BindException("cannot serve " + options.deviceId() + " on "
        + options.host() + ":" + options.port() + ": address already in use");
    e.initCause(cause);
    return e;
  }

  private void tick() {
    try {
      model.step(options.tick());
      publish();
    } catch (RuntimeException e) {
      // A failed tick must not end the schedule (scheduleAtFixedRate stops after a throw).
      log.error("tick failed for {}; serving the previous snapshot", options.deviceId(), e);
    }
  }

  private BoilerState publish() {
    BoilerState state = model.state();
    current.set(new RegisterSnapshot(registerMap.encode(state), options.clock().instant(), state));
    return state;
  }

  private void recordRead(int firstRegister, short[] words) {
    servedLog.record(new ServedRead(
        options.clock().instant().truncatedTo(ChronoUnit.MICROS),
        options.deviceId(), options.unitId(), firstRegister,
        registerMap.decode(firstRegister, words)));
  }

  /**
   * Runs {@code change} on the tick thread (the model is confined to it), publishes the result at
   * once and completes with the new state. For tests and demos:
   * {@code withModel(BoilerModel::stop)}.
   */
  public CompletableFuture<BoilerState> withModel(Consumer<BoilerModel> change) {
    Objects.requireNonNull(change, "change");
    try {
      return CompletableFuture.supplyAsync(() -> {
        change.accept(model);
        return publish();
      }, ticker);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(options.deviceId() + " is closed", e));
    }
  }

  /** The snapshot reads are currently served from. */
  public RegisterSnapshot snapshot() {
    return current.get();
  }

  /** The boiler state in the current snapshot. */
  public BoilerState state() {
    return current.get().state();
  }

  public ServedLog servedLog() {
    return servedLog;
  }

  public BoilerRegisterMap registerMap() {
    return registerMap;
  }

  public Options options() {
    return options;
  }

  public String deviceId() {
    return options.deviceId();
  }

  public String host() {
    return options.host();
  }

  /** The bound port (the ephemeral one if {@link Options#port()} was 0). */
  public int port() {
    return slave.port();
  }

  public int unitId() {
    return options.unitId();
  }

  /** One line: what is served where. */
  public String describe() {
    return options.deviceId() + " (gas-fired steam boiler, seed " + options.seed() + ", tick "
        + options.tick().toMillis() + "ms) over Modbus TCP at " + options.host() + ":" + port()
        + " unit " + unitId() + ", holding/input registers " + registerMap.summary();
  }

  /** Closes the port and every connection, stops the tick thread; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    slave.close();
    ticker.shutdownNow();
    boolean interrupted = Thread.interrupted(); // wait for the tick thread even when interrupted
    try {
      if (!tickThreads.joinAll(STOP_MILLIS)) {
        log.warn("tick thread of {} still running {} ms after close", deviceId(), STOP_MILLIS);
      }
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    log.info("stopped {} on {}:{}", deviceId(), host(), port());
  }

  /**
   * How to run one simulated boiler.
   *
   * @param deviceId name of the device, used in logs, thread names and {@link ServedRead}
   * @param host address to bind; 127.0.0.1 unless the simulator must be reachable from elsewhere
   * @param port TCP port; 0 picks a free one ({@link #port()} tells which)
   * @param unitId Modbus unit id answered (others get exception 0x0B)
   * @param seed seed of the boiler's randomness
   * @param tick how often, and by how much simulated time, the model advances
   * @param clock source of {@link RegisterSnapshot#tickAt()} and {@link ServedRead#servedAt()}
   * @param servedLogCapacity reads kept in the {@link ServedLog}
   */
  public record Options(String deviceId, String host, int port, int unitId, long seed,
      Duration tick, Clock clock, int servedLogCapacity) {

    public Options {
      List<String> problems = new ArrayList<>();
      if (deviceId == null || deviceId.isBlank()) {
        problems.add("deviceId must not be blank");
      }
      if (host == null || host.isBlank()) {
        problems.add("host must not be blank");
      }
      if (port < 0 || port > 0xFFFF) {
        problems.add("port must be 0-65535 (0 = any free port), was " + port);
      }
      if (unitId < 0 || unitId > 255) {
        problems.add("unitId must be 0-255, was " + unitId);
      }
      if (tick == null || tick.compareTo(Duration.ofMillis(1)) < 0) {
        problems.add("tick must be at least 1ms, was " + tick);
      }
      if (clock == null) {
        problems.add("clock must be given");
      }
      if (servedLogCapacity < 1) {
        problems.add("servedLogCapacity must be at least 1, was " + servedLogCapacity);
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(
            "invalid simulator options: " + String.join("; ", problems));
      }
    }

    /** boiler-1 on 127.0.0.1, any free port, unit 1, seed 42, 100 ms ticks, UTC system clock. */
    public static Options defaults() {
      return new Options("boiler-1", "127.0.0.1", 0, BoilerRegisterMap.DEFAULT_UNIT_ID, 42,
          Duration.ofMillis(100), Clock.systemUTC(), ServedLog.DEFAULT_CAPACITY);
    }

    public Options withDeviceId(String value) {
      return new Options(value, host, port, unitId, seed, tick, clock, servedLogCapacity);
    }

    public Options withHost(String value) {
      return new Options(deviceId, value, port, unitId, seed, tick, clock, servedLogCapacity);
    }

    public Options withPort(int value) {
      return new Options(deviceId, host, value, unitId, seed, tick, clock, servedLogCapacity);
    }

    public Options withUnitId(int value) {
      return new Options(deviceId, host, port, value, seed, tick, clock, servedLogCapacity);
    }

    public Options withSeed(long value) {
      return new Options(deviceId, host, port, unitId, value, tick, clock, servedLogCapacity);
    }

    public Options withTick(Duration value) {
      return new Options(deviceId, host, port, unitId, seed, value, clock, servedLogCapacity);
    }

    public Options withClock(Clock value) {
      return new Options(deviceId, host, port, unitId, seed, tick, value, servedLogCapacity);
    }

    public Options withServedLogCapacity(int value) {
      return new Options(deviceId, host, port, unitId, seed, tick, clock, value);
    }
  }
}
