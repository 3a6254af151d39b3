package io.eoc.edge.modbus;

import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalIn;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import java.net.InetAddress;

/**
 * A j2mod slave serving a crafted image on unit 1: 64 coils, 64 discrete inputs, 64 holding and
 * 64 input registers, all zero until set. Over TCP, or RTU framing over TCP.
 */
final class TestSlave implements AutoCloseable {
  static final int UNIT = 1;
  static final int SIZE = 64;

  final SimpleProcessImage image = new SimpleProcessImage(UNIT);
  final int port;
  private final ModbusSlave slave;

  private TestSlave(boolean rtuOverTcp) throws Exception {
    for (int i = 0; i < SIZE; i++) {
      image.addDigitalOut(new SimpleDigitalOut(false));
      image.addDigitalIn(new SimpleDigitalIn(false));
      image.addRegister(new SimpleRegister(0));
      image.addInputRegister(new SimpleInputRegister(0));
    }
    // j2mod keeps one static slave per port: a fresh free port each time avoids sharing one.
    port = Devices.freePort();
    slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 4, rtuOverTcp);
    slave.addProcessImage(UNIT, image);
    slave.open();
  }

  static TestSlave tcp() throws Exception {
    return new TestSlave(false);
  }

  static TestSlave rtuOverTcp() throws Exception {
    return new TestSlave(true);
  }

  void holding(int address, int... words) {
    for (int i = 0; i < words.length; i++) {
      image.getRegister(address + i).setValue(words[i]);
    }
  }

  void input(int address, int... words) {
    for (int i = 0; i < words.length; i++) {
      image.setInputRegister(address + i, new SimpleInputRegister(words[i]));
    }
  }

  int holding(int address) {
    return image.getRegister(address).toUnsignedShort();
  }

  boolean coil(int address) {
    return image.getDigitalOut(address).isSet();
  }

  @Override
  public void close() {
    ModbusSlaveFactory.close(slave);
  }
}
