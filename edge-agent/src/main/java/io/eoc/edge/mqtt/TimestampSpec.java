package io.eoc.edge.mqtt;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a message carries its time and how it is written; without a pointer every point is
 * stamped with the time the message was received.
 */
public record TimestampSpec(Optional<JsonPointer> pointer, Format format) {
  public static final TimestampSpec RECEIVE_TIME = new TimestampSpec(Optional.empty(), Format.ISO);

  /** ISO 8601 text ({@code 2026-11-22T10:00:00.123Z}), or epoch milliseconds or seconds (number or text). */
  public enum Format { ISO, EPOCH_MS, EPOCH_S }

  public TimestampSpec {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(format, "format");
  }
}
