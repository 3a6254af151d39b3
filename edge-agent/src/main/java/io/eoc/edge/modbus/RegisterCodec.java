package io.eoc.edge.modbus;

import io.eoc.edge.config.ModbusEndpoint.Order;
import io.eoc.edge.config.RegisterConfig;
import io.eoc.edge.config.RegisterType;

/**
 * Turns registers as they arrive into numbers and back, with the device's word and byte order.
 * The Modbus data model (Application Protocol V1.1b3 §4.2) fixes only big-endian bytes within a
 * register; how 32/64-bit values span registers is up to the device, hence the two settings.
 */
final class RegisterCodec {
  private final Order wordOrder;
  private final Order byteOrder;

  RegisterCodec(Order wordOrder, Order byteOrder) {
    this.wordOrder = wordOrder;
    this.byteOrder = byteOrder;
  }

  /** The raw value of {@code r} whose first register is {@code words[offset]}. */
  double decode(RegisterConfig r, int[] words, int offset) {
    int n = r.type().words();
    long raw = 0;
    for (int i = 0; i < n; i++) {
      int w = words[offset + (wordOrder == Order.BIG ? i : n - 1 - i)];
      raw = (raw << 16) | (swap(w) & 0xFFFF);
    }
    if (r.type() == RegisterType.BOOL) {
      return (raw >> Math.max(0, r.bit())) & 1;
    }
    return r.type().fromRaw(raw);
  }

  /** The registers to write for raw value {@code raw} of {@code r}, in device order. */
  int[] encode(RegisterConfig r, double raw) {
    int n = r.type().words();
    long bits = r.type().toRaw(raw);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int w = swap((int) (bits >>> (16 * (n - 1 - i))) & 0xFFFF);
      out[wordOrder == Order.BIG ? i : n - 1 - i] = w;
    }
    return out;
  }

  private int swap(int word) {
    return byteOrder == Order.BIG ? word : ((word & 0xFF) << 8) | ((word >> 8) & 0xFF);
  }
}
