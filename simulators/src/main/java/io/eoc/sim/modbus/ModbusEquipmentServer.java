package io.eoc.sim.modbus;

import io.eoc.sim.model.EquipmentModel;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated devices served over Modbus TCP on one port, each answering its own unit id, like
 * devices behind a gateway (one device is simply a gateway of one). One tick thread steps every
 * model by its tick and publishes a snapshot; reads are served from snapshots
 * ({@link ServedDevice}), writes of writable tags go to the models.
 *
 * <p>Several servers run side by side in one JVM. {@link #restart} closes the port and binds the
 * same port again after a pause, with the models running on; {@link #close()} closes the port,
 * every connection and every thread before it returns.
 */
public final class ModbusEquipmentServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ModbusEquipmentServer.class);
  private static final long STOP_MILLIS = 5_000;
  private static final Duration REBIND_RETRY = Duration.ofSeconds(1);

  private final Options options;
  private final Map<Integer, ServedDevice> devices = new LinkedHashMap<>();
  private final NamedThreads tickThreads;
  private final ScheduledExecutorService ticker;
  private final Object lifecycle = new Object();
  private volatile ModbusTcpSlave slave;
  private volatile int port;
  private volatile long acceptedBefore;
  private boolean closed;

  private ModbusEquipmentServer(Options options, List<Unit> units) {
    this.options = options;
    this.tickThreads = new NamedThreads(options.name(), "tick");
    this.ticker = Executors.newSingleThreadScheduledExecutor(tickThreads);
    for (Unit unit : units) {
      devices.put(unit.unitId(), new ServedDevice(this, unit, options.clock(),
          options.servedLogCapacity()));
    }
  }

  /**
   * Binds the port and starts serving {@code units}.
   *
   * @throws IllegalArgumentException if there are no units or two share a unit id or device id
   * @throws BindException with a message naming the server and address if the port is taken
   * @throws IOException if the host cannot be resolved or bound otherwise
   */
  public static ModbusEquipmentServer start(Options options, List<Unit> units)
      throws IOException {
    Objects.requireNonNull(options, "options");
    checkUnits(units);
    ModbusEquipmentServer server = new ModbusEquipmentServer(options, units);
    try {
      server.slave = server.bind(options.port());
    } catch (BindException e) {
      server.ticker.shutdownNow();
      BindException taken = new BindException("cannot serve " + options.name() + " on "
          + options.host() + ":" + options.port() + ": address already in use");
      taken.initCause(e);
      throw taken;
    } catch (IOException | RuntimeException e) {
      server.ticker.shutdownNow();
      throw e;
    }
    server.port = server.slave.port();
    for (ServedDevice device : server.devices.values()) {
      long tick = device.tick().toNanos();
      server.ticker.scheduleAtFixedRate(() -> server.tick(device), tick, tick,
          TimeUnit.NANOSECONDS);
    }
    log.info("serving {}", server.describe());
    return server;
  }

  private static void checkUnits(List<Unit> units) {
    if (units == null || units.isEmpty()) {
      throw new IllegalArgumentException("a server needs at least one unit");
    }
    Set<Integer> unitIds = new HashSet<>();
    Set<String> deviceIds = new HashSet<>();
    for (Unit unit : units) {
      if (!unitIds.add(unit.unitId())) {
        throw new IllegalArgumentException("unit id " + unit.unitId() + " is used twice");
      }
      if (!deviceIds.add(unit.deviceId())) {
        throw new IllegalArgumentException("device id " + unit.deviceId() + " is used twice");
      }
    }
  }

  private ModbusTcpSlave bind(int tcpPort) throws IOException {
    InetSocketAddress address =
        new InetSocketAddress(InetAddress.getByName(options.host()), tcpPort);
    return ModbusTcpSlave.open(address, new GatewayResponder(devices), options.name());
  }

  private void tick(ServedDevice device) {
    try {
      device.advance();
    } catch (RuntimeException e) {
      // A failed tick must not end the schedule (scheduleAtFixedRate stops after a throw).
      log.error("tick failed for {}; serving the previous snapshot", device.deviceId(), e);
    }
  }

  /** Runs {@code task} on the tick thread, where the models live. */
  <T> CompletableFuture<T> onTickThread(Callable<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      ticker.execute(() -> {
        try {
          result.complete(task.call());
        } catch (Exception e) {
          result.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new IllegalStateException(options.name() + " is closed", e));
    }
    return result;
  }

  public String name() {
    return options.name();
  }

  public String host() {
    return options.host();
  }

  /** The bound port (the ephemeral one if {@link Options#port()} was 0); kept across restarts. */
  public int port() {
    return port;
  }

  /** Whether the port is open (false during a restart's pause). */
  public boolean serving() {
    return slave != null;
  }

  /** The devices, in the order given. */
  public List<ServedDevice> devices() {
    return List.copyOf(devices.values());
  }

  /** @throws IllegalArgumentException if no device answers {@code unitId} */
  public ServedDevice device(int unitId) {
    ServedDevice device = devices.get(unitId);
    if (device == null) {
      throw new IllegalArgumentException(name() + " has no unit " + unitId + "; units: "
          + devices.keySet());
    }
    return device;
  }

  /**
   * Connections accepted since the start, across restarts. A j2mod master reconnects silently
   * after its connection is dropped: this count is how a test sees that it did.
   */
  public long connectionsAccepted() {
    ModbusTcpSlave current = slave;
    return acceptedBefore + (current == null ? 0 : current.accepted());
  }

  /** Closes every client connection now; the port stays open. */
  public void dropConnections() {
    ModbusTcpSlave current = slave;
    if (current != null) {
      current.dropConnections();
      log.info("dropped the connections of {}", name());
    }
  }

  /**
   * Closes the port and every connection now and binds the same port again after {@code pause}
   * (retrying every second while it is taken); the models keep running meanwhile.
   *
   * @throws IllegalStateException if the server is closed
   */
  public void restart(Duration pause) {
    Objects.requireNonNull(pause, "pause");
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException(name() + " is closed");
      }
      ModbusTcpSlave current = slave;
      slave = null;
      if (current != null) {
        current.close();
        acceptedBefore += current.accepted();
      }
      log.info("restarting {}: port {} closed for {} ms", name(), port, pause.toMillis());
      ticker.schedule(this::rebind, pause.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private void rebind() {
    synchronized (lifecycle) {
      if (closed || slave != null) {
        return;
      }
      try {
        slave = bind(port);
        log.info("{} serving again on port {}", name(), port);
      } catch (IOException e) {
        log.warn("{} cannot bind port {} again; retrying", name(), port, e);
        ticker.schedule(this::rebind, REBIND_RETRY.toNanos(), TimeUnit.NANOSECONDS);
      }
    }
  }

  /** One line: what is served where. */
  public String describe() {
    List<String> units = new ArrayList<>();
    for (ServedDevice d : devices.values()) {
      units.add("unit " + d.unitId() + " " + d.deviceId() + " (" + d.kind() + ")");
    }
    return name() + " over Modbus TCP at " + host() + ":" + port + ": " + String.join(", ", units);
  }

  /** Closes the port and every connection, stops the tick thread; idempotent. */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      ModbusTcpSlave current = slave;
      slave = null;
      if (current != null) {
        current.close();
      }
    }
    ticker.shutdownNow();
    boolean interrupted = Thread.interrupted(); // wait for the tick thread even when interrupted
    try {
      if (!tickThreads.joinAll(STOP_MILLIS)) {
        log.warn("tick thread of {} still running {} ms after close", name(), STOP_MILLIS);
      }
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    log.info("stopped {} on {}:{}", name(), host(), port);
  }

  /**
   * Where and how to serve.
   *
   * @param name name of the server (the device id when it serves one device, else the gateway),
   *     used in logs and thread names
   * @param host address to bind
   * @param port TCP port; 0 picks a free one
   * @param clock source of snapshot and {@link ServedRead#servedAt()} times
   * @param servedLogCapacity reads kept in each device's {@link ServedLog}
   */
  public record Options(String name, String host, int port, Clock clock, int servedLogCapacity) {

    public Options {
      List<String> problems = new ArrayList<>();
      if (name == null || name.isBlank()) {
        problems.add("name must not be blank");
      }
      if (host == null || host.isBlank()) {
        problems.add("host must not be blank");
      }
      if (port < 0 || port > 0xFFFF) {
        problems.add("port must be 0-65535 (0 = any free port), was " + port);
      }
      if (clock == null) {
        problems.add("clock must be given");
      }
      if (servedLogCapacity < 1) {
        problems.add("servedLogCapacity must be at least 1, was " + servedLogCapacity);
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("invalid server options: "
            + String.join("; ", problems));
      }
    }

    /** {@code name} on 127.0.0.1, any free port, UTC system clock, default log capacity. */
    public static Options of(String name) {
      return new Options(name, "127.0.0.1", 0, Clock.systemUTC(), ServedLog.DEFAULT_CAPACITY);
    }

    public Options withHost(String value) {
      return new Options(name, value, port, clock, servedLogCapacity);
    }

    public Options withPort(int value) {
      return new Options(name, host, value, clock, servedLogCapacity);
    }

    public Options withClock(Clock value) {
      return new Options(name, host, port, value, servedLogCapacity);
    }

    public Options withServedLogCapacity(int value) {
      return new Options(name, host, port, clock, value);
    }
  }

  /**
   * One device to serve.
   *
   * @param deviceId name of the device, in logs and {@link ServedRead}
   * @param unitId the Modbus unit id it answers (others on the port answer theirs)
   * @param model the model; from now on confined to the server's tick thread
   * @param tick how often, and by how much simulated time, the model advances
   */
  public record Unit(String deviceId, int unitId, EquipmentModel model, Duration tick) {

    public Unit {
      Objects.requireNonNull(deviceId, "deviceId");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(tick, "tick");
      if (unitId < 0 || unitId > 255) {
        throw new IllegalArgumentException("unitId must be 0-255, was " + unitId);
      }
      if (tick.compareTo(Duration.ofMillis(1)) < 0) {
        throw new IllegalArgumentException("tick must be at least 1ms, was " + tick);
      }
    }
  }
}
