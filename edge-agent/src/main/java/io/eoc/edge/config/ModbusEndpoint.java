package io.eoc.edge.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how a Modbus device answers.
 *
 * @param transport TCP (MBAP framing), RTU framing over a TCP socket (serial gateways), or RTU on
 *     a serial line
 * @param host, port the TCP address; unused for {@link Transport#RTU}
 * @param serial the serial line, present exactly for {@link Transport#RTU}
 * @param wordOrder order of the 16-bit words of a 32/64-bit value; {@code BIG} = high word first
 * @param byteOrder order of the two bytes inside each word; {@code BIG} = Modbus standard
 * @param maxGap unused registers (or bits) the request planner reads rather than split a request
 * @param multipleWrites always write with functions 15/16 (for devices without 5/6)
 */
public record ModbusEndpoint(Transport transport, String host, int port, int unitId, Duration timeout,
    Optional<SerialLine> serial, Order wordOrder, Order byteOrder, int maxGap, boolean multipleWrites) {

  public static final int DEFAULT_MAX_GAP = 8;

  public ModbusEndpoint {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(serial, "serial");
    if (transport != Transport.RTU && (port < 1 || port > 65535)) {
      throw new IllegalArgumentException("port must be 1-65535, was " + port);
    }
    if (transport == Transport.RTU && serial.isEmpty()) {
      throw new IllegalArgumentException("modbus-rtu needs a serial line");
    }
    if (unitId < 0 || unitId > 255) {
      throw new IllegalArgumentException("unit id must be 0-255, was " + unitId);
    }
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(wordOrder, "wordOrder");
    Objects.requireNonNull(byteOrder, "byteOrder");
    if (maxGap < 0 || maxGap > 2000) {
      throw new IllegalArgumentException("max gap must be 0-2000, was " + maxGap);
    }
  }

  /** A Modbus TCP device with the standard layout. */
  public ModbusEndpoint(String host, int port, int unitId, Duration timeout) {
    this(Transport.TCP, host, port, unitId, timeout, Optional.empty(), Order.BIG, Order.BIG, DEFAULT_MAX_GAP, false);
  }

  public ModbusEndpoint withLayout(Order words, Order bytes) {
    return new ModbusEndpoint(transport, host, port, unitId, timeout, serial, words, bytes, maxGap, multipleWrites);
  }

  public ModbusEndpoint withMaxGap(int value) {
    return new ModbusEndpoint(transport, host, port, unitId, timeout, serial, wordOrder, byteOrder, value, multipleWrites);
  }

  public ModbusEndpoint withTransport(Transport value) {
    return new ModbusEndpoint(value, host, port, unitId, timeout, serial, wordOrder, byteOrder, maxGap, multipleWrites);
  }

  public ModbusEndpoint withMultipleWrites(boolean value) {
    return new ModbusEndpoint(transport, host, port, unitId, timeout, serial, wordOrder, byteOrder, maxGap, value);
  }

  @Override
  public String toString() {
    return transport == Transport.RTU
        ? transport.id() + "://" + serial.orElseThrow() + "/" + unitId
        : transport.id() + "://" + host + ":" + port + "/" + unitId;
  }

  /** How requests are framed and carried; the ids are the {@code protocol} of the YAML. */
  public enum Transport {
    TCP("modbus-tcp"), RTU_OVER_TCP("modbus-rtu-tcp"), RTU("modbus-rtu");

    private final String id;

    Transport(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  public enum Order {
    BIG, LITTLE
  }

  public enum Parity {
    NONE, EVEN, ODD
  }

  /** A serial line: RS-485/RS-232 port name and framing (MODBUS over Serial Line V1.02 §2.5.1). */
  public record SerialLine(String device, int baud, Parity parity, int dataBits, int stopBits) {
    public SerialLine {
      Objects.requireNonNull(device, "device");
      Objects.requireNonNull(parity, "parity");
      if (baud < 300 || baud > 921_600) {
        throw new IllegalArgumentException("baud must be 300-921600, was " + baud);
      }
      if (dataBits < 7 || dataBits > 8) {
        throw new IllegalArgumentException("data bits must be 7 or 8, was " + dataBits);
      }
      if (stopBits < 1 || stopBits > 2) {
        throw new IllegalArgumentException("stop bits must be 1 or 2, was " + stopBits);
      }
    }

    @Override
    public String toString() {
      return device + "@" + baud + "-" + dataBits + parity.name().charAt(0) + stopBits;
    }
  }
}
