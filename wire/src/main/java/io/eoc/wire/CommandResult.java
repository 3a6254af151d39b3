package io.eoc.wire;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.UUID;

/**
 * What an agent did with a {@link Command}.
 *
 * @param detail why it was refused or failed, or what was applied
 * @param readBack the tag's value read from the device after a write, when it could be read
 */
public record CommandResult(String id, Status status, String detail, Instant at, OptionalDouble readBack) {

  public enum Status { APPLIED, REFUSED, FAILED, EXPIRED }

  public CommandResult {
    Objects.requireNonNull(id, "id");
    UUID.fromString(id);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(readBack, "readBack");
  }
}
