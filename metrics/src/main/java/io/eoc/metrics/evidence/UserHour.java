package io.eoc.metrics.evidence;

import java.time.Instant;
import java.util.Objects;

/** A user was active (logged in or used a service) in this hour. One row per user and hour. */
public record UserHour(String userId, Instant hour, boolean backfill) {
  public UserHour {
    Objects.requireNonNull(userId, "userId");
    Hours.requireHour(hour);
  }
}
