package io.eoc.ingest.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code user_activity}: a user was active (logged in or used a service) in a UTC hour — the
 * monthly-active-users evidence of jiangsu-2018 §四 (月用户使用率).
 */
public final class UserActivity {
  private UserActivity() {}

  /**
   * Marks {@code user} active in the hour of {@code at}. A real use turns a backfilled row into a
   * real one; a backfill never turns a real row into a backfilled one.
   */
  public static void mark(Connection c, String user, Instant at, boolean backfill) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_activity (user_id, hour, backfill) VALUES (?, ?, ?) "
        + "ON CONFLICT (user_id, hour) DO UPDATE SET backfill = user_activity.backfill AND excluded.backfill")) {
      ps.setString(1, user);
      ps.setTimestamp(2, Timestamp.from(at.truncatedTo(ChronoUnit.HOURS)));
      ps.setBoolean(3, backfill);
      ps.executeUpdate();
    }
  }
}
