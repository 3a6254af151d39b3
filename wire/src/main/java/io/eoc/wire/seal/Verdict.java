package io.eoc.wire.seal;

import java.util.Objects;
import java.util.Optional;

/**
 * How an envelope fits its agent's chain ({@link ChainVerifier}), why, and the state to persist
 * ({@code next}: unchanged unless {@link #accepted()}). {@code missing} is the range of sequences a
 * {@link Kind#GAP} revealed.
 */
public record Verdict(Kind kind, String reason, ChainState next, Optional<ChainState.Range> missing) {

  public enum Kind {
    /** The next envelope, linked to the last accepted one. Store it. */
    OK,
    /** The same bytes as an envelope already accepted (a redelivery). Acknowledge, do not store. */
    DUPLICATE,
    /** The sequence jumps: {@code missing} were never received. Store it and report the gap. */
    GAP,
    /** An envelope that a gap had reported missing, arriving late; it fits its neighbours. Store it. */
    LATE,
    /** Another envelope for an accepted sequence, or a link to another predecessor. Reject, alert. */
    FORK,
    /** An older envelope that is not a redelivery of what was accepted. Reject, alert. */
    REPLAY
  }

  public Verdict {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(missing, "missing");
  }

  /** Whether the batch should be stored (and {@code next} persisted). */
  public boolean accepted() {
    return kind == Kind.OK || kind == Kind.GAP || kind == Kind.LATE;
  }
}
