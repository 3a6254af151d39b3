package io.eoc.wire.seal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When the sealer moves to a new key epoch: after {@code maxBatches} batches or {@code maxAge},
 * whichever comes first. Nonces never repeat anyway ({@link NonceSource}); rotation bounds how
 * much data one key protects.
 */
public record RotationPolicy(long maxBatches, Duration maxAge) {
  public static final RotationPolicy DEFAULT = new RotationPolicy(1L << 20, Duration.ofHours(24));

  public RotationPolicy {
    if (maxBatches < 1) {
      throw new IllegalArgumentException("maxBatches must be >= 1, was " + maxBatches);
    }
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
    }
  }

  /** Whether the epoch of {@code state} is used up at {@code now}. */
  boolean due(SealerState state, Instant now) {
    return state.sealedInEpoch() >= maxBatches || !now.isBefore(state.epochStartedAt().plus(maxAge));
  }
}
