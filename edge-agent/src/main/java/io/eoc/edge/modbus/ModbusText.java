package io.eoc.edge.modbus;

import io.eoc.edge.config.ModbusEndpoint.Order;
import io.eoc.edge.config.RegisterConfig.RegisterTable;
import java.util.Objects;

/**
 * A text field in holding or input registers, two characters per register: nameplate data such as
 * model, serial number or firmware version. Text is device metadata, not a point (a point carries
 * a number), so it is read on demand with {@link ModbusTcpDriver#readText}, not on every poll.
 *
 * @param table {@link RegisterTable#HOLDING} (function 3) or {@link RegisterTable#INPUT} (function 4)
 * @param address first register
 * @param registers how many registers the field occupies, 1-125 (one read request, §6.3)
 * @param byteOrder {@code BIG}: the first character is the register's high byte (the Modbus byte
 *     order, §4.2); {@code LITTLE}: the low byte, as some devices store text
 */
public record ModbusText(RegisterTable table, int address, int registers, Order byteOrder) {
  public ModbusText {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(byteOrder, "byteOrder");
    if (table.bits()) {
      throw new IllegalArgumentException("text is read from holding or input registers, not from " + table.id() + "s");
    }
    if (registers < 1 || registers > ReadBlock.MAX_REGISTERS) {
      throw new IllegalArgumentException("a text field is 1-" + ReadBlock.MAX_REGISTERS + " registers, was " + registers);
    }
    if (address < 0 || address + registers > 65536) {
      throw new IllegalArgumentException("registers " + address + "+" + registers + " do not fit 0-65535");
    }
  }

  /** A field of {@code registers} holding registers from {@code address}, in the Modbus byte order. */
  public static ModbusText holding(int address, int registers) {
    return new ModbusText(RegisterTable.HOLDING, address, registers, Order.BIG);
  }

  public ModbusText withByteOrder(Order value) {
    return new ModbusText(table, address, registers, value);
  }
}
