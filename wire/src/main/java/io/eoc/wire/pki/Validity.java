package io.eoc.wire.pki;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * When a certificate is valid: from {@code notBefore} to {@code notAfter}, both inclusive
 * (RFC 5280 §4.1.2.5). X.509 keeps whole seconds, so both are truncated to seconds.
 */
public record Validity(Instant notBefore, Instant notAfter) {

  /**
   * How far {@link #startingNow} moves {@code notBefore} into the past, so that a device whose
   * clock is a little behind the CA's still accepts a certificate issued a moment ago.
   */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  public Validity {
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
    notAfter = notAfter.truncatedTo(ChronoUnit.SECONDS);
    if (!notAfter.isAfter(notBefore)) {
      throw new IllegalArgumentException("notAfter " + notAfter + " must be after notBefore " + notBefore);
    }
  }

  /** From {@code start} for {@code length}; a start in the past gives an expired certificate. */
  public static Validity from(Instant start, Duration length) {
    return new Validity(start, start.plus(length));
  }

  /** From {@link #CLOCK_SKEW} before now until {@code length} after now. */
  public static Validity startingNow(Clock clock, Duration length) {
    Instant now = clock.instant();
    return new Validity(now.minus(CLOCK_SKEW), now.plus(length));
  }

  public boolean contains(Instant instant) {
    return !instant.isBefore(notBefore) && !instant.isAfter(notAfter);
  }
}
