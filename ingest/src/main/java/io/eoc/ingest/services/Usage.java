package io.eoc.ingest.services;

import io.eoc.ingest.store.DataOps;

import io.eoc.ingest.users.UserActivity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what the API served as evidence, in one transaction: one use of a device service in its
 * UTC hour ({@code service_usage}, backfill false), the user active in that hour
 * ({@code user_activity}) and the request's data reads/writes ({@code data_ops_daily}). Recording
 * never fails a request: an error is logged and the answer is still sent.
 */
public final class Usage {
  private static final Logger log = LoggerFactory.getLogger(Usage.class);
  private final DataSource dataSource;
  private final Clock clock;

  public Usage(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /**
   * @param service the service used, empty for other endpoints (declarations, user administration)
   * @param user the user, empty for a request without session (open mode or the cloud's own machine)
   */
  public void record(Optional<Service> service, Optional<String> user, long reads, long writes) {
    Instant now = clock.instant();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (service.isPresent()) {
          use(c, service.get(), now);
        }
        if (user.isPresent()) {
          UserActivity.mark(c, user.get(), now, false);
        }
        DataOps.record(c, now, reads, writes);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      log.warn("usage of {} by {} not recorded: {}", service.map(Service::id).orElse("-"), user.orElse("-"), e.toString());
    }
  }

  private static void use(Connection c, Service service, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO service_usage (service, hour, backfill, uses) VALUES (?, ?, false, 1) "
        + "ON CONFLICT (service, hour, backfill) DO UPDATE SET uses = service_usage.uses + 1")) {
      ps.setString(1, service.id());
      ps.setTimestamp(2, Timestamp.from(now.truncatedTo(ChronoUnit.HOURS)));
      ps.executeUpdate();
    }
  }
}
