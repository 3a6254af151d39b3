package io.eoc.sim.modbus;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.io.ModbusTransaction;
import com.ghgande.j2mod.modbus.msg.ReadMEIRequest;
import com.ghgande.j2mod.modbus.msg.ReadMEIResponse;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import java.util.LinkedHashMap;
import java.util.Map;

/** A real j2mod TCP master, with j2mod types converted to plain words at the boundary. */
final class TestMaster implements AutoCloseable {

  private final ModbusTCPMaster master;

  private TestMaster(ModbusTCPMaster master) {
    this.master = master;
  }

  static TestMaster connect(int port) throws Exception {
    ModbusTCPMaster master = new ModbusTCPMaster("127.0.0.1", port);
    master.setTimeout(2_000);
    master.setRetries(0);
    master.connect();
    return new TestMaster(master);
  }

  /** Function 3. */
  short[] readHolding(int unitId, int first, int count) throws ModbusException {
    return words(master.readMultipleRegisters(unitId, first, count));
  }

  /** Function 4. */
  short[] readInput(int unitId, int first, int count) throws ModbusException {
    return words(master.readInputRegisters(unitId, first, count));
  }

  /** Function 6. */
  void writeSingle(int unitId, int address, int value) throws ModbusException {
    master.writeSingleRegister(unitId, address, new SimpleRegister(value));
  }

  /** Function 16. */
  void writeMultiple(int unitId, int address, int... values) throws ModbusException {
    SimpleRegister[] registers = new SimpleRegister[values.length];
    for (int i = 0; i < values.length; i++) {
      registers[i] = new SimpleRegister(values[i]);
    }
    master.writeMultipleRegisters(unitId, address, registers);
  }

  /** Function 43 / MEI 14, Read Device Identification: object id → value. */
  Map<Integer, String> identify(int unitId, int readDeviceIdCode, int objectId)
      throws ModbusException {
    ReadMEIRequest request = new ReadMEIRequest(readDeviceIdCode, objectId);
    request.setUnitID(unitId);
    ModbusTransaction transaction = master.getTransport().createTransaction();
    transaction.setRequest(request);
    transaction.execute();
    ReadMEIResponse response = (ReadMEIResponse) transaction.getResponse();
    Map<Integer, String> objects = new LinkedHashMap<>();
    for (int i = 0; i < response.getFieldCount(); i++) {
      objects.put(response.getFieldId(i), response.getField(i));
    }
    return objects;
  }

  private static short[] words(InputRegister[] registers) {
    short[] words = new short[registers.length];
    for (int i = 0; i < registers.length; i++) {
      words[i] = registers[i].toShort();
    }
    return words;
  }

  @Override
  public void close() {
    master.disconnect();
  }
}
