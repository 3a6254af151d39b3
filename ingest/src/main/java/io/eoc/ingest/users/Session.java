package io.eoc.ingest.users;

import java.time.Instant;
import java.util.Objects;

/**
 * A logged-in user. {@code token} is the bearer secret, known only to the client once returned by
 * {@link Users#login}; the database holds its SHA-256. Never logged.
 */
public record Session(String token, User user, Instant expiresAt) {
  public Session {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public String toString() {
    return "Session[user=" + user.id() + ", expiresAt=" + expiresAt + "]";
  }
}
