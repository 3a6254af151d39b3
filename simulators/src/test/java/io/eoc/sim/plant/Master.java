package io.eoc.sim.plant;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import io.eoc.sim.modbus.ModbusMap;
import java.util.Map;

/** A real j2mod TCP master reading a device's whole image, 125 registers at a time. */
final class Master implements AutoCloseable {

  private final ModbusTCPMaster master;

  Master(String host, int port) throws Exception {
    master = new ModbusTCPMaster(host, port);
    master.setTimeout(2_000);
    master.setRetries(0);
    master.connect();
  }

  /** Every register of {@code map} at {@code unitId}, decoded. */
  Map<String, Double> readAll(int unitId, ModbusMap map) throws Exception {
    short[] words = new short[map.registerCount()];
    for (int first = 0; first < words.length; first += 125) {
      int count = Math.min(125, words.length - first);
      InputRegister[] registers = master.readMultipleRegisters(unitId, first, count);
      for (int i = 0; i < count; i++) {
        words[first + i] = registers[i].toShort();
      }
    }
    return map.decode(0, words);
  }

  @Override
  public void close() {
    master.disconnect();
  }
}
