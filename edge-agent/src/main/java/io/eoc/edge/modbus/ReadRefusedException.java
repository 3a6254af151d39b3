package io.eoc.edge.modbus;

import java.io.IOException;

/** The device answered a read with a Modbus exception response: the connection is fine. */
public final class ReadRefusedException extends IOException {
  private final int exceptionCode;

  ReadRefusedException(String message, int exceptionCode, Throwable cause) {
    super(message, cause);
    this.exceptionCode = exceptionCode;
  }

  /** The Modbus exception code (§7: 1 illegal function, 2 illegal address, 3 illegal value, ...). */
  public int exceptionCode() {
    return exceptionCode;
  }
}
