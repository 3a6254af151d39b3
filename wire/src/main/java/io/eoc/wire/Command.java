package io.eoc.wire;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A remote-control command from the cloud to one agent: write {@code value} to {@code tag} of
 * {@code device} (guidelines README §1.2 remote-control, 反向控制). The agent decides whether it is
 * safe to apply; the cloud only asks.
 *
 * @param id a UUID, unique per command: the agent refuses an id it has seen before (replay)
 * @param expiresAt after this instant the agent refuses the command as expired
 * @param issuedBy the cloud user who issued it, for the agent's log
 */
public record Command(String id, String device, String tag, double value, Instant issuedAt, Instant expiresAt,
    String issuedBy) {

  public Command {
    Objects.requireNonNull(id, "id");
    UUID.fromString(id); // throws IllegalArgumentException for anything else
    Names.requireName(device, "device");
    Names.requireName(tag, "tag");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("command value must be a finite number, not " + value);
    }
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (!expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException("command expires at " + expiresAt + ", not after it was issued at " + issuedAt);
    }
    Objects.requireNonNull(issuedBy, "issuedBy");
  }
}
