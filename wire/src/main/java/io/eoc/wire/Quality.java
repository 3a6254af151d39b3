package io.eoc.wire;

import java.util.Arrays;

/**
 * Quality of one point. A per-point failure (device unreachable, bad register) is a quality on
 * that point, never a gap, so the cloud can tell "no data" from "device did not answer".
 */
public enum Quality {
  GOOD(0),
  UNCERTAIN(1),
  /** The device could not be reached (connect failure, timeout). */
  BAD_NO_COMMUNICATION(2),
  /** The device answered with an error (e.g. a Modbus exception). */
  BAD_DEVICE_FAILURE(3),
  /** The agent's configuration does not match the device (e.g. illegal address). */
  BAD_CONFIG(4);

  private static final Quality[] BY_CODE = new Quality[256];

  static {
    Arrays.stream(values()).forEach(q -> BY_CODE[q.code] = q);
  }

  private final int code;

  Quality(int code) {
    this.code = code;
  }

  /** The stable code on the wire and in the database. */
  public int code() {
    return code;
  }

  public boolean isGood() {
    return this == GOOD;
  }

  /** The quality for a wire/database code, or {@code null} if the code is unknown. */
  public static Quality fromCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
