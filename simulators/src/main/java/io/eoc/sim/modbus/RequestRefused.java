package io.eoc.sim.modbus;

/**
 * A request the device answers with a Modbus exception response (MODBUS Application Protocol
 * V1.1b3 §7) rather than data.
 */
final class RequestRefused extends Exception {

  private static final long serialVersionUID = 1L;

  private final int code;

  RequestRefused(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** The exception code: 1 illegal function, 2 illegal data address, 3 illegal data value, … */
  int code() {
    return code;
  }
}
