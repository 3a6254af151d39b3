package io.eoc.edge.modbus;

import io.eoc.edge.config.ModbusEndpoint.Order;
import io.eoc.edge.config.RegisterConfig;
import io.eoc.edge.config.RegisterType;
import java.nio.charset.StandardCharsets;

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

  /**
   * The text in {@code words}: two bytes per register, the first in the high byte for {@code BIG}.
   * Ends at the first NUL; trailing spaces (the usual padding) are dropped. Bytes are read as
   * ISO-8859-1, so that no byte is lost whatever the device's encoding.
   */
  static String text(int[] words, Order byteOrder) {
    byte[] bytes = new byte[2 * words.length];
    for (int i = 0; i < words.length; i++) {
      int w = byteOrder == Order.BIG ? words[i] : ((words[i] & 0xFF) << 8) | ((words[i] >> 8) & 0xFF);
      bytes[2 * i] = (byte) (w >> 8);
      bytes[2 * i + 1] = (byte) w;
    }
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.ISO_8859_1).stripTrailing();
  }

  private int swap(int word) {
    return byteOrder == Order.BIG ? word : ((word & 0xFF) << 8) | ((word >> 8) & 0xFF);
  }
}
