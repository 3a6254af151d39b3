package io.eoc.ingest.control;

import io.eoc.ingest.store.DatabaseAuditLog;
import io.eoc.wire.Command;
import io.eoc.wire.CommandResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code commands} table: a row per remote-control command, SENT when issued, then updated
 * once with what the agent (or the transport) reported. A later report for the same id (a replay
 * the agent refused) never overwrites the first outcome.
 */
public final class Commands {
  private final DataSource dataSource;
  private final Clock clock;

  public Commands(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  public void sent(String agent, Command c) throws SQLException {
    try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(
        "INSERT INTO commands (id, agent, device, tag, value, issued_by, issued_at, expires_at, status) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'SENT')")) {
      ps.setObject(1, UUID.fromString(c.id()));
      ps.setString(2, agent);
      ps.setString(3, c.device());
      ps.setString(4, c.tag());
      ps.setDouble(5, c.value());
      ps.setString(6, c.issuedBy());
      ps.setTimestamp(7, Timestamp.from(c.issuedAt()));
      ps.setTimestamp(8, Timestamp.from(c.expiresAt()));
      ps.executeUpdate();
    }
  }

  /**
   * Records {@code result} for a command of {@code agent} still SENT; returns whether a row
   * changed (false for an unknown id, another agent's command, or a second report).
   */
  public boolean result(String agent, CommandResult result) throws SQLException {
    try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(
        "UPDATE commands SET status = ?, detail = ?, result_at = ?, read_back = ? WHERE id = ? AND agent = ? AND status = 'SENT'")) {
      ps.setString(1, result.status().name());
      ps.setString(2, result.detail());
      ps.setTimestamp(3, Timestamp.from(result.at()));
      if (result.readBack().isPresent()) {
        ps.setDouble(4, result.readBack().getAsDouble());
      } else {
        ps.setNull(4, Types.DOUBLE);
      }
      ps.setObject(5, UUID.fromString(result.id()));
      ps.setString(6, agent);
      boolean changed = ps.executeUpdate() == 1;
      DatabaseAuditLog.record(dataSource, clock.instant(), "agent:" + agent, "command-result", "command:" + result.id(),
          changed ? result.status().name().toLowerCase(java.util.Locale.ROOT) : "ignored",
          changed ? result.detail() : "no SENT command with this id for this agent");
      return changed;
    }
  }

  /** The row as the API shows it. */
  public Optional<Map<String, Object>> find(UUID id) throws SQLException {
    try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(
        "SELECT id, agent, device, tag, value, issued_by, issued_at, expires_at, status, detail, result_at, read_back "
            + "FROM commands WHERE id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rs.getString(1));
        m.put("agent", rs.getString(2));
        m.put("device", rs.getString(3));
        m.put("tag", rs.getString(4));
        m.put("value", rs.getDouble(5));
        m.put("issuedBy", rs.getString(6));
        m.put("issuedAt", rs.getTimestamp(7).toInstant().toString());
        m.put("expiresAt", rs.getTimestamp(8).toInstant().toString());
        m.put("status", rs.getString(9));
        m.put("detail", rs.getString(10));
        Timestamp at = rs.getTimestamp(11);
        m.put("resultAt", at == null ? null : at.toInstant().toString());
        double readBack = rs.getDouble(12);
        m.put("readBack", rs.wasNull() ? null : readBack);
        return Optional.of(m);
      }
    }
  }
}
