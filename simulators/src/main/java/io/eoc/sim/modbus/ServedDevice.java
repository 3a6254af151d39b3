package io.eoc.sim.modbus;

import com.ghgande.j2mod.modbus.Modbus;
import io.eoc.sim.boiler.RegisterType;
import io.eoc.sim.fault.Fault;
import io.eoc.sim.fault.InjectedFaults;
import io.eoc.sim.model.Category;
import io.eoc.sim.model.DeviceIdentity;
import io.eoc.sim.model.EquipmentModel;
import io.eoc.sim.model.TagKind;
import io.eoc.sim.model.TagSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One simulated device behind a {@link ModbusEquipmentServer}: a model answering one unit id.
 * Its model is confined to the server's tick thread; reads are served from the snapshot published
 * after the last tick or write, with the injected faults applied, and recorded in the
 * {@link #servedLog()}.
 */
public final class ServedDevice {

  /** Maximum registers per read, MODBUS Application Protocol V1.1b3 §6.3 and §6.4. */
  static final int MAX_READ = 125;
  /** Maximum registers per write, §6.12. */
  static final int MAX_WRITE = 123;
  private static final long WRITE_TIMEOUT_MS = 5_000;

  private final ModbusEquipmentServer server;
  private final String deviceId;
  private final int unitId;
  private final EquipmentModel model;
  private final Duration tick;
  private final ModbusMap map;
  private final DeviceIdentity identity;
  private final ServedLog servedLog;
  private final InjectedFaults faults;
  private final Clock clock;
  private volatile UnitSnapshot current;

  ServedDevice(ModbusEquipmentServer server, ModbusEquipmentServer.Unit unit, Clock clock,
      int servedLogCapacity) {
    this.server = server;
    this.deviceId = unit.deviceId();
    this.unitId = unit.unitId();
    this.model = unit.model();
    this.tick = unit.tick();
    this.map = ModbusMap.of(model.tags());
    this.identity = DeviceIdentity.of(model, deviceId);
    this.servedLog = new ServedLog(servedLogCapacity);
    this.faults = new InjectedFaults(model.tags());
    this.clock = clock;
    publish();
  }

  public String deviceId() {
    return deviceId;
  }

  public int unitId() {
    return unitId;
  }

  public String kind() {
    return model.kind();
  }

  public Category category() {
    return model.category();
  }

  /** How often, and by how much simulated time, the model advances. */
  public Duration tick() {
    return tick;
  }

  public ModbusMap map() {
    return map;
  }

  public DeviceIdentity identity() {
    return identity;
  }

  public ServedLog servedLog() {
    return servedLog;
  }

  public String host() {
    return server.host();
  }

  public int port() {
    return server.port();
  }

  /** The values of the last published snapshot, before faults, in tag order. */
  public Map<String, Double> values() {
    return current.values();
  }

  /** The model's simulated time at the last published snapshot. */
  public Instant simulatedTime() {
    return current.simulatedAt();
  }

  /**
   * Starts a fault. Value faults and slow answers last until {@link #clear()}; a connection drop
   * or a restart acts on the whole port (every unit behind it) at once.
   *
   * @throws IllegalArgumentException for a tag the device does not have, or NaN for a tag not
   *     served as float32
   */
  public void inject(Fault fault) {
    Objects.requireNonNull(fault, "fault");
    if (fault instanceof Fault.DropConnections) {
      server.dropConnections();
    } else if (fault instanceof Fault.Restart r) {
      server.restart(r.pause());
    } else {
      if (fault instanceof Fault.NotANumber n) {
        requireFloat(n.tag());
      }
      faults.inject(fault, current.values());
    }
  }

  private void requireFloat(String tag) {
    map.register(tag).filter(r -> r.type() != RegisterType.FLOAT32).ifPresent(r -> {
      throw new IllegalArgumentException("tag '" + tag + "' of " + deviceId + " is served as "
          + r.type().id() + ": NaN can only be served in a float32 register");
    });
  }

  /** Ends every value fault and slow answers. */
  public void clear() {
    faults.clear();
  }

  /** The value faults and slow answers in force, oldest first. */
  public List<Fault> faults() {
    return faults.active();
  }

  /**
   * Writes a set point or command to the model on its tick thread, as an operator at the panel
   * would, and publishes the result at once.
   *
   * @return the values published after the write; fails with the model's
   *     {@link IllegalArgumentException} for an unknown, read-only or out-of-range write
   */
  public CompletableFuture<Map<String, Double>> write(String tag, double value) {
    return withModel(m -> {
      m.write(tag, value);
      return null;
    }).thenApply(published -> current.values());
  }

  /**
   * Runs {@code action} on the tick thread, where the model lives, then publishes. For tests and
   * demos.
   */
  public <T> CompletableFuture<T> withModel(Function<EquipmentModel, T> action) {
    Objects.requireNonNull(action, "action");
    return server.onTickThread(() -> {
      T result = action.apply(model);
      publish();
      return result;
    });
  }

  /** Advances the model by one tick; on the tick thread. */
  void advance() {
    model.step(tick);
    publish();
  }

  private void publish() {
    Map<String, Double> values = model.values();
    current = new UnitSnapshot(values, map.encode(values), clock.instant(), model.now());
  }

  /** How long to wait before answering (a slow-answer fault). */
  Duration delay() {
    return faults.delay();
  }

  /** Serves a read of function 3 or 4 and records it. */
  short[] read(int first, int count) throws RequestRefused {
    if (count < 1 || count > MAX_READ) {
      throw new RequestRefused(Modbus.ILLEGAL_VALUE_EXCEPTION,
          "quantity " + count + " outside 1-" + MAX_READ);
    }
    UnitSnapshot snapshot = current;
    if (first < 0 || first + count > snapshot.image().length) {
      throw new RequestRefused(Modbus.ILLEGAL_ADDRESS_EXCEPTION, "registers " + first + "+"
          + count + " outside 0-" + (snapshot.image().length - 1));
    }
    Map<String, Double> served = faults.apply(snapshot.values(),
        tag -> map.register(tag).map(r -> r.coveredBy(first, count)).orElse(false));
    short[] image = served == snapshot.values() ? snapshot.image() : map.encode(served);
    short[] words = Arrays.copyOfRange(image, first, first + count);
    servedLog.record(new ServedRead(clock.instant().truncatedTo(ChronoUnit.MICROS), deviceId,
        unitId, first, map.decode(first, words)));
    return words;
  }

  /**
   * Serves a write of function 6 or 16: every register written must belong to a writable tag
   * written whole, and every value must be in its tag's range; then the model takes them all on
   * its tick thread before the response goes out.
   */
  void write(int first, short[] words) throws RequestRefused, InterruptedException {
    if (words.length < 1 || words.length > MAX_WRITE) {
      throw new RequestRefused(Modbus.ILLEGAL_VALUE_EXCEPTION,
          "quantity " + words.length + " outside 1-" + MAX_WRITE);
    }
    if (first < 0 || first + words.length > map.registerCount()) {
      throw new RequestRefused(Modbus.ILLEGAL_ADDRESS_EXCEPTION, "registers " + first + "+"
          + words.length + " outside 0-" + (map.registerCount() - 1));
    }
    Map<String, Double> values = new LinkedHashMap<>();
    Map<String, Double> decoded = map.decode(first, words);
    for (ModbusRegister r : map.registers()) {
      if (r.overlaps(first, words.length)) {
        checkWritable(r, first, words.length);
        values.put(r.name(), checkValue(r.tag(), decoded.get(r.name())));
      }
    }
    try {
      withModel(m -> {
        values.forEach(m::write);
        return null;
      }).get(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      int code = cause instanceof IllegalArgumentException
          ? Modbus.ILLEGAL_VALUE_EXCEPTION : ModbusTcpSlave.SLAVE_DEVICE_FAILURE;
      throw new RequestRefused(code, String.valueOf(cause.getMessage()));
    } catch (TimeoutException e) {
      throw new RequestRefused(ModbusTcpSlave.SLAVE_DEVICE_FAILURE, "model busy");
    }
  }

  private void checkWritable(ModbusRegister r, int first, int count) throws RequestRefused {
    if (!r.writable()) {
      // The protocol has no "read-only" code; like most devices, say the address is not there.
      throw new RequestRefused(Modbus.ILLEGAL_ADDRESS_EXCEPTION,
          "tag '" + r.name() + "' at " + r.address() + " is read-only");
    }
    if (!r.coveredBy(first, count)) {
      throw new RequestRefused(Modbus.ILLEGAL_ADDRESS_EXCEPTION, "write covers only part of "
          + r.type().id() + " tag '" + r.name() + "' at " + r.address() + "-" + r.lastAddress());
    }
  }

  private static double checkValue(TagSpec tag, double value) throws RequestRefused {
    boolean whole = tag.kind() != TagKind.STATE || value == Math.rint(value);
    if (!Double.isFinite(value) || !tag.contains(value) || !whole) {
      throw new RequestRefused(Modbus.ILLEGAL_VALUE_EXCEPTION, "value " + value + " for '"
          + tag.name() + "' outside " + tag.range());
    }
    return value;
  }

  /** Read Device Identification objects 0x00-0x06 (§6.21, basic and regular). */
  Map<Integer, String> identificationObjects() {
    Map<Integer, String> objects = new LinkedHashMap<>();
    objects.put(0, identity.vendorName());
    objects.put(1, identity.productCode());
    objects.put(2, identity.revision());
    objects.put(3, identity.vendorUrl());
    objects.put(4, identity.productName());
    objects.put(5, identity.modelName());
    objects.put(6, identity.userApplicationName());
    return objects;
  }
}
