package io.eoc.edge;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with ±20% jitter, so that many agents or devices that failed together do
 * not retry in lock-step. Not thread-safe: one instance per retry loop.
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  private final RandomGenerator random;
  private int attempts;

  public Backoff(Duration initial, Duration max, RandomGenerator random) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + ", " + max);
    }
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  /** The delay before the next attempt; grows with every call until {@link #reset()}. */
  public Duration next() {
    long base = initial.toMillis() << Math.min(attempts, 20);
    attempts++;
    long capped = Math.min(base, max.toMillis());
    double jitter = 0.8 + 0.4 * random.nextDouble();
    return Duration.ofMillis(Math.max(1, Math.round(capped * jitter)));
  }

  public void reset() {
    attempts = 0;
  }

  public int attempts() {
    return attempts;
  }
}
