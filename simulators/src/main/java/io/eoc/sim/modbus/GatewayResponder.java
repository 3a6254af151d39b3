package io.eoc.sim.modbus;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersResponse;
import com.ghgande.j2mod.modbus.msg.ReadMEIRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.msg.WriteMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.WriteMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.msg.WriteSingleRegisterRequest;
import com.ghgande.j2mod.modbus.msg.WriteSingleRegisterResponse;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers requests for the devices behind one port, like a serial-to-TCP gateway: the unit id of
 * the MBAP header picks the device (MODBUS Messaging on TCP/IP Implementation Guide V1.0b), an
 * absent unit is exception 0x0B. Functions: 3 and 4 (the same image), 6 and 16 (writable tags), 43/14
 * (Read Device Identification). j2mod parses requests and frames responses; the responses are
 * built here from fresh register objects, so nothing shared is serialised later.
 */
final class GatewayResponder implements ModbusTcpSlave.Responder {

  private static final Logger log = LoggerFactory.getLogger(GatewayResponder.class);
  /** §6.21: the MEI type of Read Device Identification. */
  private static final int READ_DEVICE_ID = 14;
  /** Conformity level 0x82: regular identification, stream and individual access. */
  private static final int CONFORMITY = 0x82;
  private static final int BASIC_STREAM = 1;
  private static final int REGULAR_STREAM = 2;
  private static final int ONE_OBJECT = 4;
  private static final int LAST_BASIC_OBJECT = 2;

  private interface Handler {
    ModbusResponse answer(ServedDevice device, ModbusRequest request)
        throws RequestRefused, InterruptedException;
  }

  private static final Map<Integer, Handler> HANDLERS = Map.of(
      Modbus.READ_MULTIPLE_REGISTERS, GatewayResponder::readHolding,
      Modbus.READ_INPUT_REGISTERS, GatewayResponder::readInput,
      Modbus.WRITE_SINGLE_REGISTER, GatewayResponder::writeSingle,
      Modbus.WRITE_MULTIPLE_REGISTERS, GatewayResponder::writeMultiple,
      Modbus.READ_MEI, GatewayResponder::identify);

  private final Map<Integer, ServedDevice> devices;

  GatewayResponder(Map<Integer, ServedDevice> devices) {
    this.devices = Map.copyOf(devices);
  }

  @Override
  public ModbusResponse respond(ModbusRequest request) throws InterruptedException {
    ServedDevice device = devices.get(request.getUnitID());
    if (device == null) {
      return request.createExceptionResponse(ModbusTcpSlave.GATEWAY_TARGET_FAILED_TO_RESPOND);
    }
    Duration delay = device.delay();
    if (!delay.isZero()) {
      TimeUnit.NANOSECONDS.sleep(delay.toNanos());
    }
    Handler handler = HANDLERS.get(request.getFunctionCode());
    if (handler == null) {
      return request.createExceptionResponse(Modbus.ILLEGAL_FUNCTION_EXCEPTION);
    }
    try {
      return withHeader(request, handler.answer(device, request));
    } catch (RequestRefused e) {
      log.debug("{} refused function {}: {}", device.deviceId(), request.getFunctionCode(),
          e.getMessage());
      return request.createExceptionResponse(e.code());
    } catch (RuntimeException e) {
      log.warn("{} could not answer function {}", device.deviceId(), request.getFunctionCode(),
          e);
      return request.createExceptionResponse(ModbusTcpSlave.SLAVE_DEVICE_FAILURE);
    }
  }

  /** What j2mod's own createResponse does: echo transaction, protocol and unit. */
  private static ModbusResponse withHeader(ModbusRequest request, ModbusResponse response) {
    response.setHeadless(request.isHeadless());
    response.setTransactionID(request.getTransactionID());
    response.setProtocolID(request.getProtocolID());
    response.setUnitID(request.getUnitID());
    return response;
  }

  private static ModbusResponse readHolding(ServedDevice device, ModbusRequest request)
      throws RequestRefused {
    ReadMultipleRegistersRequest read = (ReadMultipleRegistersRequest) request;
    short[] words = device.read(read.getReference(), read.getWordCount());
    Register[] registers = new Register[words.length];
    for (int i = 0; i < words.length; i++) {
      registers[i] = new SimpleRegister(words[i] & 0xFFFF);
    }
    return new ReadMultipleRegistersResponse(registers);
  }

  private static ModbusResponse readInput(ServedDevice device, ModbusRequest request)
      throws RequestRefused {
    ReadInputRegistersRequest read = (ReadInputRegistersRequest) request;
    short[] words = device.read(read.getReference(), read.getWordCount());
    InputRegister[] registers = new InputRegister[words.length];
    for (int i = 0; i < words.length; i++) {
      registers[i] = new SimpleInputRegister(words[i] & 0xFFFF);
    }
    return new ReadInputRegistersResponse(registers);
  }

  private static ModbusResponse writeSingle(ServedDevice device, ModbusRequest request)
      throws RequestRefused, InterruptedException {
    WriteSingleRegisterRequest write = (WriteSingleRegisterRequest) request;
    int value = write.getRegister().getValue();
    device.write(write.getReference(), new short[] {(short) value});
    // §6.6: the normal response is an echo of the request.
    return new WriteSingleRegisterResponse(write.getReference(), value);
  }

  private static ModbusResponse writeMultiple(ServedDevice device, ModbusRequest request)
      throws RequestRefused, InterruptedException {
    WriteMultipleRegistersRequest write = (WriteMultipleRegistersRequest) request;
    short[] words = new short[write.getWordCount()];
    for (int i = 0; i < words.length; i++) {
      words[i] = (short) write.getRegisterValue(i);
    }
    device.write(write.getReference(), words);
    return new WriteMultipleRegistersResponse(write.getReference(), words.length);
  }

  /** §6.21 Read Device Identification: basic and regular streams, or one object. */
  private static ModbusResponse identify(ServedDevice device, ModbusRequest request)
      throws RequestRefused {
    ReadMEIRequest mei = (ReadMEIRequest) request;
    if (mei.getSubCode() != READ_DEVICE_ID) {
      throw new RequestRefused(Modbus.ILLEGAL_FUNCTION_EXCEPTION, "MEI type " + mei.getSubCode());
    }
    Map<Integer, String> all = device.identificationObjects();
    int code = mei.getLevel();
    int objectId = mei.getFieldId();
    Map<Integer, String> answer = new LinkedHashMap<>();
    if (code == ONE_OBJECT) {
      if (!all.containsKey(objectId)) {
        throw new RequestRefused(Modbus.ILLEGAL_ADDRESS_EXCEPTION, "no object " + objectId);
      }
      answer.put(objectId, all.get(objectId));
    } else if (code == BASIC_STREAM || code == REGULAR_STREAM) {
      int last = code == BASIC_STREAM ? LAST_BASIC_OBJECT : all.size() - 1;
      // An unknown starting object restarts the stream at object 0.
      int from = objectId <= last ? objectId : 0;
      all.forEach((id, value) -> {
        if (id >= from && id <= last) {
          answer.put(id, value);
        }
      });
    } else {
      throw new RequestRefused(Modbus.ILLEGAL_VALUE_EXCEPTION, "read device id code " + code
          + " (extended identification is not supported)");
    }
    return new DeviceIdentificationResponse(code, CONFORMITY, answer);
  }
}
