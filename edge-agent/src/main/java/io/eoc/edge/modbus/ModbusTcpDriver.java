package io.eoc.edge.modbus;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import com.ghgande.j2mod.modbus.msg.ReadMEIRequest;
import com.ghgande.j2mod.modbus.msg.ReadMEIResponse;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.BitVector;
import io.eoc.edge.DeviceDriver;
import io.eoc.edge.config.DeviceConfig;
import io.eoc.edge.config.ModbusEndpoint;
import io.eoc.edge.config.RegisterConfig;
import io.eoc.edge.config.RegisterConfig.RegisterTable;
import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modbus driver over j2mod for the three transports: TCP, RTU over TCP (serial gateways) and RTU
 * on a serial line. Reads functions 1-4 with the requests planned by {@link ReadBlock}; writes
 * with 5/6, or 15/16 (multi-register values, or {@code write-functions: multiple}).
 *
 * <p>Isolation: each driver has its own connection, also when several units sit behind one
 * gateway host:port, and each device is polled on its own thread, so a unit that times out only
 * ever delays its own requests. After a timeout or any transport error the connection is dropped
 * and reopened on the next call: a late answer can then never be read as the answer to a later
 * request. (j2mod's transaction-id check is enabled too, but does not prevent it: see
 * {@link Masters}.)
 */
public final class ModbusTcpDriver implements DeviceDriver {
  private static final Logger log = LoggerFactory.getLogger(ModbusTcpDriver.class);

  /** Reads one block of a table as unsigned 16-bit words, or 0/1 per bit. */
  private interface Fetch {
    int[] fetch(AbstractModbusMaster m, int unit, int start, int count) throws ModbusException;
  }

  private static final Map<RegisterTable, Fetch> FETCH = Map.of(
      RegisterTable.HOLDING, (m, u, s, c) -> words(m.readMultipleRegisters(u, s, c)),
      RegisterTable.INPUT, (m, u, s, c) -> words(m.readInputRegisters(u, s, c)),
      RegisterTable.COIL, (m, u, s, c) -> bits(m.readCoils(u, s, c), c),
      RegisterTable.DISCRETE_INPUT, (m, u, s, c) -> bits(m.readInputDiscretes(u, s, c), c));

  private interface Exchange<T> {
    T run() throws ModbusException;
  }

  private final DeviceConfig device;
  private final ModbusEndpoint endpoint;
  private final Clock clock;
  private final List<ReadBlock> plan;
  private final RegisterCodec codec;
  private final Map<String, RegisterConfig> byTag = new LinkedHashMap<>();
  private final ModbusStats.Counter counter = new ModbusStats.Counter();
  private AbstractModbusMaster master;
  private boolean identityTried;
  private boolean closed;
  private volatile Optional<ModbusIdentity> identity = Optional.empty();

  public ModbusTcpDriver(DeviceConfig device, Clock clock) {
    this.device = device;
    this.endpoint = device.modbus();
    this.clock = clock;
    this.plan = ReadBlock.plan(device.registers(), endpoint.maxGap());
    this.codec = new RegisterCodec(endpoint.wordOrder(), endpoint.byteOrder());
    device.registers().forEach(r -> byTag.put(r.tag(), r));
  }

  @Override
  public String deviceId() {
    return device.id();
  }

  /** Number of Modbus requests one {@link #read()} makes. */
  public int requestsPerRead() {
    return plan.size();
  }

  /** Traffic counts and round-trip times since creation; never waits for a request in flight. */
  public ModbusStats stats() {
    return counter.snapshot();
  }

  /** Vendor, product code and revision, once read after the first connection, if the device has them. */
  public Optional<ModbusIdentity> identity() {
    return identity;
  }

  @Override
  public synchronized List<Point> read() throws IOException {
    AbstractModbusMaster m = connected();
    List<Point> points = new ArrayList<>(device.registers().size());
    for (ReadBlock block : plan) {
      readBlock(m, block, points);
    }
    return points;
  }

  private void readBlock(AbstractModbusMaster m, ReadBlock block, List<Point> out) throws IOException {
    int unit = endpoint.unitId();
    try {
      int[] values = exchange(() -> FETCH.get(block.table()).fetch(m, unit, block.start(), block.count()));
      Instant at = clock.instant();
      if (values == null || values.length < block.count()) {
        disconnect();
        throw new IOException("short answer from " + endpoint + ": expected " + block.count() + " values");
      }
      for (RegisterConfig r : block.registers()) {
        int offset = r.address() - block.start();
        double raw = block.table().bits() ? values[offset] : codec.decode(r, values, offset);
        out.add(Point.good(device.id(), r.tag(), at, r.engineering(raw)));
      }
    } catch (ModbusSlaveException e) {
      // The device answered with an exception: its tags are bad, the connection is fine.
      Quality q = e.getType() == Modbus.ILLEGAL_ADDRESS_EXCEPTION || e.getType() == Modbus.ILLEGAL_FUNCTION_EXCEPTION
          ? Quality.BAD_CONFIG : Quality.BAD_DEVICE_FAILURE;
      Instant at = clock.instant();
      block.registers().forEach(r -> out.add(Point.bad(device.id(), r.tag(), at, q)));
    }
  }

  /**
   * Reads a text field (nameplate data) with one function 3 or 4 request. Text is device metadata,
   * not a point, so it is read when asked for, not on every poll.
   *
   * @throws ReadRefusedException if the device answers with an exception response
   * @throws IOException if the device cannot be reached
   */
  public synchronized String readText(ModbusText field) throws IOException {
    AbstractModbusMaster m = connected();
    int unit = endpoint.unitId();
    try {
      int[] words = exchange(() -> FETCH.get(field.table()).fetch(m, unit, field.address(), field.registers()));
      if (words == null || words.length < field.registers()) {
        disconnect();
        throw new IOException("short answer from " + endpoint + ": expected " + field.registers() + " registers");
      }
      return RegisterCodec.text(words, field.byteOrder());
    } catch (ModbusSlaveException e) {
      throw new ReadRefusedException(endpoint + " refused reading text at " + field.table().id() + " " + field.address()
          + "+" + field.registers() + ": " + e.getMessage(), e.getType(), e);
    }
  }

  /**
   * Writes the engineering value {@code value} to {@code tag}: function 5 for a coil, 6 for a
   * one-register value, 16 for a longer one; 15/16 always with {@code write-functions: multiple}.
   *
   * @throws IllegalArgumentException for an unknown or read-only tag, one bit of a register, or a
   *     value the tag's type cannot hold
   * @throws WriteRefusedException if the device answers with an exception response
   * @throws IOException if the device cannot be reached
   */
  @Override
  public synchronized void write(String tag, double value) throws IOException {
    RegisterConfig r = byTag.get(tag);
    if (r == null) {
      throw new IllegalArgumentException("device " + device.id() + " has no tag '" + tag + "'; tags: " + byTag.keySet());
    }
    if (!r.table().writable()) {
      throw new IllegalArgumentException("tag '" + tag + "' is a " + r.table().id() + ", which is read-only");
    }
    if (r.bit() != RegisterConfig.NO_BIT) {
      throw new IllegalArgumentException("tag '" + tag + "' is bit " + r.bit() + " of a register: writing it would"
          + " overwrite the other bits, so it is not supported");
    }
    int[] words = codec.encode(r, r.raw(value));
    AbstractModbusMaster m = connected();
    int unit = endpoint.unitId();
    boolean multiple = endpoint.multipleWrites();
    try {
      exchange(() -> {
        if (r.table() == RegisterTable.COIL) {
          writeCoil(m, unit, r.address(), words[0] != 0, multiple);
        } else if (words.length == 1 && !multiple) {
          m.writeSingleRegister(unit, r.address(), new SimpleRegister(words[0]));
        } else {
          Register[] regs = new Register[words.length];
          for (int i = 0; i < words.length; i++) {
            regs[i] = new SimpleRegister(words[i]);
          }
          m.writeMultipleRegisters(unit, r.address(), regs);
        }
        return null;
      });
    } catch (ModbusSlaveException e) {
      throw new WriteRefusedException(endpoint + " refused writing " + value + " to '" + tag + "': " + e.getMessage(),
          e.getType(), e);
    }
  }

  private static void writeCoil(AbstractModbusMaster m, int unit, int address, boolean on, boolean multiple)
      throws ModbusException {
    if (multiple) {
      BitVector bits = new BitVector(1);
      bits.setBit(0, on);
      m.writeMultipleCoils(unit, address, bits);
    } else {
      m.writeCoil(unit, address, on);
    }
  }

  /** Runs one request, counting it; a transport failure drops the connection. */
  private <T> T exchange(Exchange<T> request) throws ModbusSlaveException, IOException {
    counter.request();
    long started = System.nanoTime();
    try {
      T result = request.run();
      counter.answered(System.nanoTime() - started);
      return result;
    } catch (ModbusSlaveException e) {
      counter.exception(System.nanoTime() - started);
      throw e;
    } catch (ModbusException | RuntimeException e) {
      boolean timeout = isTimeout(e);
      counter.failed(timeout);
      // A late answer may still arrive on this connection: never send another request on it.
      disconnect();
      throw new IOException((timeout ? "no answer within " + endpoint.timeout().toMillis() + " ms from " : "failed talking to ")
          + endpoint + ": " + e.getMessage(), e);
    }
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.SocketTimeoutException
          || String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("timeout")) {
        return true;
      }
    }
    return false;
  }

  private AbstractModbusMaster connected() throws IOException {
    if (closed) {
      throw new IOException("driver of " + device.id() + " is closed");
    }
    if (master != null && master.isConnected()) {
      return master;
    }
    disconnect();
    AbstractModbusMaster m;
    try {
      m = Masters.connect(endpoint);
    } catch (Exception e) {
      counter.failed(isTimeout(e));
      throw new IOException("cannot connect to " + endpoint + ": " + e.getMessage(), e);
    }
    counter.connected();
    master = m;
    if (!identityTried) {
      identityTried = true;
      try {
        readIdentity(m);
      } catch (IOException e) {
        log.info("device {} at {} did not answer Read Device Identification: {}", device.id(), endpoint, e.getMessage());
        return connected(); // the failed request dropped the connection
      }
    }
    return m;
  }

  /** Function 43 / MEI 14, basic stream from object 0 (§6.21): objects 0x00-0x02. */
  private void readIdentity(AbstractModbusMaster m) throws IOException {
    ReadMEIRequest request = new ReadMEIRequest(1, 0);
    request.setUnitID(endpoint.unitId());
    try {
      ReadMEIResponse response = (ReadMEIResponse) exchange(() -> Masters.execute(m, request));
      Map<Integer, String> objects = new HashMap<>();
      for (int i = 0; i < response.getFieldCount(); i++) {
        objects.put(response.getFieldId(i), response.getField(i).trim());
      }
      ModbusIdentity id = new ModbusIdentity(objects.getOrDefault(0, ""), objects.getOrDefault(1, ""),
          objects.getOrDefault(2, ""));
      identity = Optional.of(id);
      log.info("device {} at {} identifies as vendor '{}', product '{}', revision '{}'", device.id(), endpoint,
          id.vendorName(), id.productCode(), id.revision());
    } catch (ModbusSlaveException e) {
      log.info("device {} at {} does not support Read Device Identification: {}", device.id(), endpoint, e.getMessage());
    }
  }

  private static int[] words(InputRegister[] regs) {
    if (regs == null) {
      return null;
    }
    int[] words = new int[regs.length];
    for (int i = 0; i < regs.length; i++) {
      words[i] = regs[i].toUnsignedShort();
    }
    return words;
  }

  private static int[] bits(BitVector v, int count) {
    if (v == null || v.size() < count) {
      return null;
    }
    int[] bits = new int[count];
    for (int i = 0; i < count; i++) {
      bits[i] = v.getBit(i) ? 1 : 0;
    }
    return bits;
  }

  @Override
  public synchronized void disconnect() {
    if (master != null) {
      master.disconnect();
      master = null;
    }
  }

  /** Drops the connection for good; idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    disconnect();
  }
}
