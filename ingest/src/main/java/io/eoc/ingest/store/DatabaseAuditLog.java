package io.eoc.ingest.store;

import io.eoc.ingest.mqtt.AuditEvent;
import io.eoc.ingest.mqtt.AuditLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the transport's security events (refused connections, TLS failures, ACL denials,
 * takeovers) in {@code audit_log}, and logs them too. Auditing never breaks a connection: a
 * failing insert is logged and the event still reaches the log.
 */
public final class DatabaseAuditLog implements AuditLog {
  private static final Logger log = LoggerFactory.getLogger(DatabaseAuditLog.class);
  private final DataSource dataSource;

  public DatabaseAuditLog(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void record(AuditEvent e) {
    AuditLog.slf4j().record(e);
    record(dataSource, e.at(), "agent:" + e.agentId(), e.kind(), e.remoteAddress(), "refused", e.reason());
  }

  /** Inserts one audit row; used for transport events and for API actions (enrolment). */
  public static void record(DataSource ds, java.time.Instant at, String actor, String action, String subject,
      String outcome, String detail) {
    try (Connection c = ds.getConnection()) {
      insert(c, at, actor, action, subject, outcome, detail);
    } catch (SQLException ex) {
      log.warn("audit event not stored ({}): {} {} {}", ex.getMessage(), actor, action, detail);
    }
  }

  /**
   * Inserts one audit row on {@code c}, inside the caller's transaction: for a change that must be
   * audited exactly once, so the row and the change commit (or roll back) together.
   */
  public static void insert(Connection c, java.time.Instant at, String actor, String action, String subject,
      String outcome, String detail) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO audit_log (at, actor, action, subject, outcome, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setString(2, actor);
      ps.setString(3, action);
      ps.setString(4, subject);
      ps.setString(5, outcome);
      ps.setString(6, detail);
      ps.executeUpdate();
    }
  }
}
