package io.eoc.edge.modbus;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import io.eoc.edge.DeviceDriver;
import io.eoc.edge.config.DeviceConfig;
import io.eoc.edge.config.RegisterConfig;
import io.eoc.edge.config.RegisterConfig.RegisterTable;
import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Modbus TCP driver over j2mod. One connection per device, so a dead device never delays others
 * (each device is polled on its own thread by {@code DevicePoller}).
 */
public final class ModbusTcpDriver implements DeviceDriver {
  private static final int MAX_GAP = 8;

  private final DeviceConfig device;
  private final Clock clock;
  private final List<ReadBlock> plan;
  private ModbusTCPMaster master;

  public ModbusTcpDriver(DeviceConfig device, Clock clock) {
    this.device = device;
    this.clock = clock;
    this.plan = ReadBlock.plan(device.registers(), MAX_GAP);
  }

  @Override
  public String deviceId() {
    return device.id();
  }

  /** Number of Modbus requests one {@link #read()} makes. */
  public int requestsPerRead() {
    return plan.size();
  }

  @Override
  public synchronized List<Point> read() throws IOException {
    ModbusTCPMaster m = connected();
    List<Point> points = new ArrayList<>(device.registers().size());
    for (ReadBlock block : plan) {
      readBlock(m, block, points);
    }
    return points;
  }

  private void readBlock(ModbusTCPMaster m, ReadBlock block, List<Point> out) throws IOException {
    int unit = device.modbus().unitId();
    try {
      InputRegister[] regs = block.table() == RegisterTable.HOLDING
          ? m.readMultipleRegisters(unit, block.start(), block.count())
          : m.readInputRegisters(unit, block.start(), block.count());
      Instant at = clock.instant();
      if (regs == null || regs.length < block.count()) {
        throw new IOException("short answer from " + device.modbus() + ": expected " + block.count() + " registers");
      }
      int[] words = new int[regs.length];
      for (int i = 0; i < regs.length; i++) {
        words[i] = regs[i].toUnsignedShort();
      }
      for (RegisterConfig r : block.registers()) {
        double raw = r.type().decode(words, r.address() - block.start());
        out.add(Point.good(device.id(), r.tag(), at, r.engineering(raw)));
      }
    } catch (ModbusSlaveException e) {
      // The device answered with an exception: its tags are bad, the connection is fine.
      Quality q = e.getType() == Modbus.ILLEGAL_ADDRESS_EXCEPTION || e.getType() == Modbus.ILLEGAL_FUNCTION_EXCEPTION
          ? Quality.BAD_CONFIG : Quality.BAD_DEVICE_FAILURE;
      Instant at = clock.instant();
      block.registers().forEach(r -> out.add(Point.bad(device.id(), r.tag(), at, q)));
    } catch (ModbusException e) {
      throw new IOException("no answer from " + device.modbus() + ": " + e.getMessage(), e);
    }
  }

  private ModbusTCPMaster connected() throws IOException {
    if (master != null && master.isConnected()) {
      return master;
    }
    disconnect();
    int timeoutMs = (int) Math.max(1, device.modbus().timeout().toMillis());
    ModbusTCPMaster m = new ModbusTCPMaster(device.modbus().host(), device.modbus().port(), timeoutMs, false);
    m.setRetries(0); // j2mod retries 5 times by default: that would stall the poll loop on a dead device
    try {
      m.connect();
    } catch (Exception e) {
      m.disconnect();
      throw new IOException("cannot connect to " + device.modbus() + ": " + e.getMessage(), e);
    }
    master = m;
    return m;
  }

  @Override
  public synchronized void disconnect() {
    if (master != null) {
      master.disconnect();
      master = null;
    }
  }

  @Override
  public void close() {
    disconnect();
  }
}
