package io.eoc.edge.modbus;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.io.ModbusTransaction;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import com.ghgande.j2mod.modbus.facade.ModbusSerialMaster;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.net.AbstractSerialConnection;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import io.eoc.edge.config.ModbusEndpoint;
import io.eoc.edge.config.ModbusEndpoint.SerialLine;
import io.eoc.edge.config.ModbusEndpoint.Transport;
import java.util.Map;
import java.util.function.Function;

/** Creates the j2mod master of each transport, unconnected. j2mod types stay in this package. */
final class Masters {
  private static final Map<Transport, Function<ModbusEndpoint, AbstractModbusMaster>> FACTORIES = Map.of(
      Transport.TCP, e -> tcp(e, false),
      Transport.RTU_OVER_TCP, e -> tcp(e, true),
      Transport.RTU, e -> new SerialMaster(serialParameters(e.serial().orElseThrow()), timeoutMs(e)));

  private static final Map<ModbusEndpoint.Parity, Integer> PARITY = Map.of(
      ModbusEndpoint.Parity.NONE, AbstractSerialConnection.NO_PARITY,
      ModbusEndpoint.Parity.EVEN, AbstractSerialConnection.EVEN_PARITY,
      ModbusEndpoint.Parity.ODD, AbstractSerialConnection.ODD_PARITY);

  private Masters() {}

  /** A connected master of the endpoint's transport. */
  static AbstractModbusMaster connect(ModbusEndpoint endpoint) throws Exception {
    AbstractModbusMaster m = FACTORIES.get(endpoint.transport()).apply(endpoint);
    try {
      m.connect();
    } catch (Exception e) {
      m.disconnect();
      throw e;
    }
    // Only now: j2mod's setRetries and setCheckingValidity act on the transaction that connect()
    // creates, and are silently lost when called before.
    // One attempt: j2mod tries 5 times by default, with random pauses, which would stall the poll
    // loop on a dead device (the poller's backoff is the retry). Not 0: j2mod reads 0 as "default".
    m.setRetries(1);
    // Compare the answer's transaction id with the request's (TCP). Not relied on: with j2mod
    // 3.3.0's facade the ids seen on the wire stayed 0 and a late answer on a kept connection was
    // taken for the next request's answer (tried, see the notes); the driver therefore drops the
    // connection after every timeout.
    m.setCheckingValidity(true);
    return m;
  }

  private static ModbusTCPMaster tcp(ModbusEndpoint e, boolean rtuOverTcp) {
    // reconnect=false: one connection per driver, reopened by the driver after a failure.
    return new TcpMaster(e.host(), e.port(), timeoutMs(e), false, rtuOverTcp);
  }

  /**
   * Sends a request the facade has no method for (function 43) through the facade's own
   * transaction, so it shares the connection, the transaction id sequence and the validity check.
   */
  static ModbusResponse execute(AbstractModbusMaster master, ModbusRequest request) throws ModbusException {
    return ((RawRequests) master).execute(request);
  }

  private interface RawRequests {
    ModbusResponse execute(ModbusRequest request) throws ModbusException;
  }

  private static final class TcpMaster extends ModbusTCPMaster implements RawRequests {
    TcpMaster(String host, int port, int timeout, boolean reconnect, boolean rtuOverTcp) {
      super(host, port, timeout, reconnect, rtuOverTcp);
    }

    @Override
    public synchronized ModbusResponse execute(ModbusRequest request) throws ModbusException {
      return run(transaction, request);
    }
  }

  private static final class SerialMaster extends ModbusSerialMaster implements RawRequests {
    SerialMaster(SerialParameters parameters, int timeout) {
      super(parameters, timeout);
    }

    @Override
    public synchronized ModbusResponse execute(ModbusRequest request) throws ModbusException {
      return run(transaction, request);
    }
  }

  private static ModbusResponse run(ModbusTransaction transaction, ModbusRequest request) throws ModbusException {
    if (transaction == null) {
      throw new ModbusException("not connected");
    }
    transaction.setRequest(request);
    transaction.execute();
    return transaction.getResponse();
  }

  private static int timeoutMs(ModbusEndpoint e) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, e.timeout().toMillis()));
  }

  /**
   * j2mod's serial settings for {@code line}: RTU encoding (j2mod's default is ASCII), no flow
   * control; j2mod takes jSerialComm's constants, in which two stop bits is 3, not 2.
   */
  static SerialParameters serialParameters(SerialLine line) {
    SerialParameters p = new SerialParameters();
    p.setPortName(line.device());
    p.setBaudRate(line.baud());
    p.setDatabits(line.dataBits());
    p.setStopbits(line.stopBits() == 2 ? AbstractSerialConnection.TWO_STOP_BITS : AbstractSerialConnection.ONE_STOP_BIT);
    p.setParity(PARITY.get(line.parity()));
    p.setFlowControlIn(AbstractSerialConnection.FLOW_CONTROL_DISABLED);
    p.setFlowControlOut(AbstractSerialConnection.FLOW_CONTROL_DISABLED);
    p.setEncoding(Modbus.SERIAL_ENCODING_RTU);
    p.setEcho(false);
    return p;
  }
}
