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

  /**
   * Longest detail kept, in characters: even escaped as JSON at six bytes a character, a result
   * stays under {@link CommandCodec}'s 4 KiB limit, so a long device error can never make the
   * result itself unsendable.
   */
  public static final int MAX_DETAIL_CHARS = 500;

  public CommandResult {
    Objects.requireNonNull(id, "id");
    UUID.fromString(id);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    if (detail.length() > MAX_DETAIL_CHARS) {
      String note = "… (" + detail.length() + " characters, cut)";
      detail = detail.substring(0, MAX_DETAIL_CHARS - note.length()) + note;
    }
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(readBack, "readBack");
  }
}
