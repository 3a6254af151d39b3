package io.eoc.ingest.users;

import java.time.Duration;
import java.util.Objects;

/**
 * Who may use the cloud's API, one part of the cloud's configuration.
 *
 * @param usersRequired when a bearer session is required for the data endpoints
 * @param sessionTtl how long a login stays valid
 * @param allowBackfill whether {@code POST /api/admin/backfill/usage} may write simulated usage history
 *     (marked backfill in the evidence); off unless the operator explicitly allows it
 */
public record AccessPolicy(UsersRequired usersRequired, Duration sessionTtl, boolean allowBackfill) {
  public static final Duration DEFAULT_SESSION_TTL = Duration.ofHours(12);

  public AccessPolicy {
    Objects.requireNonNull(usersRequired, "usersRequired");
    Objects.requireNonNull(sessionTtl, "sessionTtl");
    if (sessionTtl.compareTo(Duration.ofMinutes(1)) < 0 || sessionTtl.compareTo(Duration.ofDays(30)) > 0) {
      throw new IllegalArgumentException("session lifetime must be between 1 minute and 30 days, was " + sessionTtl);
    }
  }

  public static AccessPolicy defaults() {
    return new AccessPolicy(UsersRequired.AUTO, DEFAULT_SESSION_TTL, false);
  }

  public AccessPolicy withAllowBackfill(boolean allow) {
    return new AccessPolicy(usersRequired, sessionTtl, allow);
  }

  public AccessPolicy withUsersRequired(UsersRequired required) {
    return new AccessPolicy(required, sessionTtl, allowBackfill);
  }

  public AccessPolicy withSessionTtl(Duration ttl) {
    return new AccessPolicy(usersRequired, ttl, allowBackfill);
  }
}
