package io.eoc.ingest.api;

import io.eoc.ingest.users.Role;
import java.util.Objects;
import java.util.Optional;

/**
 * Who made a request: a logged-in user, the cloud's own machine without a session ({@code local}),
 * or an anonymous reader while users are not required.
 */
public record Caller(Optional<String> user, Role role, String describe) {
  public Caller {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(describe, "describe");
  }

  public static Caller user(String id, Role role) {
    return new Caller(Optional.of(id), role, "user:" + id);
  }

  static Caller local() {
    return new Caller(Optional.empty(), Role.ADMIN, "local");
  }

  static Caller anonymous() {
    return new Caller(Optional.empty(), Role.ASSESSOR, "anonymous");
  }
}
