package io.eoc.metrics.evidence;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A registered user account; disabled accounts stop counting as registered from {@code disabledAt}. */
public record UserAccount(String userId, String role, Instant createdAt, Optional<Instant> disabledAt) {
  public UserAccount {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(disabledAt, "disabledAt");
  }

  /** Registered at instant {@code t}: created at or before it and not yet disabled. */
  public boolean registeredAt(Instant t) {
    return !createdAt.isAfter(t) && disabledAt.map(d -> d.isAfter(t)).orElse(true);
  }
}
