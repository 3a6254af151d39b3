package io.eoc.ingest.users;

import io.eoc.wire.Names;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A registered user; a disabled user can no longer log in and their sessions are gone. */
public record User(String id, Role role, Instant createdAt, Optional<Instant> disabledAt) {
  public User {
    requireId(id);
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(disabledAt, "disabledAt");
  }

  public boolean enabled() {
    return disabledAt.isEmpty();
  }

  /** User ids follow the same rule as agent and device ids. */
  public static String requireId(String id) {
    return Names.requireName(id, "user id");
  }
}
