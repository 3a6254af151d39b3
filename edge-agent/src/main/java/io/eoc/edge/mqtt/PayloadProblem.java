package io.eoc.edge.mqtt;

import io.eoc.wire.Quality;

/**
 * Why a point taken from an MQTT message is not good, or why points were not kept. Each is
 * counted by the driver ({@link MqttDeviceDriver#problems()}); none is a silent drop.
 */
public enum PayloadProblem {
  /** The message is not JSON: every tag of the device gets a bad point. */
  NOT_JSON(Quality.BAD_DEVICE_FAILURE),
  /** The tag's JSON Pointer matches nothing: the configuration does not fit the payload. */
  MISSING_FIELD(Quality.BAD_CONFIG),
  /** The field is there but is not a number, a boolean or a text that parses as a number. */
  NOT_A_NUMBER(Quality.BAD_DEVICE_FAILURE),
  /** The message's timestamp is missing or unreadable: values are kept, stamped on receipt, uncertain. */
  BAD_TIMESTAMP(Quality.UNCERTAIN),
  /** The buffer between two reads was full: the oldest points were dropped. */
  BUFFER_FULL(Quality.BAD_NO_COMMUNICATION);

  private final Quality quality;

  PayloadProblem(Quality quality) {
    this.quality = quality;
  }

  /** The quality a point affected by this problem carries. */
  public Quality quality() {
    return quality;
  }
}
