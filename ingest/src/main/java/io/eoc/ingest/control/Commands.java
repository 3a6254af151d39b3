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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code commands} table: a row per remote-control command, SENT when issued, then updated
 * with what the agent reported, or what the transport saw when it gave up delivering. Each distinct
 * report from an agent is kept in {@code command_reports}, which makes storing it idempotent: the
 * agent sends a result until it is acknowledged, and a report that arrives again changes nothing
 * and is not audited again. The agent's first report is the outcome: it replaces the transport's
 * verdict, and a later, different report (a replay the agent refused) never overwrites it.
 *
 * <p>A command still SENT after its expiry is shown as EXPIRED ("no result before expiry"),
 * computed when read rather than stored: the agent may have applied it before the expiry while the
 * cloud was unreachable, and that result, arriving late, must still be recorded.
 */
public final class Commands {
  private static final String COLUMNS =
      "id, agent, device, tag, value, issued_by, issued_at, expires_at, status, detail, result_at, read_back";
  /** Shown for a command that expired while still SENT. */
  static final String NO_RESULT = "no result from the agent before the command expired; a result arriving later replaces this";

  private final DataSource dataSource;
  private final Clock clock;

  /** What became of one report from an agent. */
  public enum Report {
    /** The agent's first report for the command: the command now shows it. */
    RECORDED,
    /** The same report arrived before: nothing changed, nothing audited. */
    DUPLICATE,
    /** The agent reported on the command before: its outcome stays; this report is stored and audited. */
    IGNORED,
    /** The cloud has no such command for this agent: the report is stored and audited. */
    UNKNOWN
  }

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
   * Stores what {@code agent} reported, in one transaction with its audit row: a report is either
   * stored and audited once, or not at all (and the agent, without a PUBACK, sends it again).
   */
  public Report result(String agent, CommandResult result) throws SQLException {
    try (Connection conn = dataSource.getConnection()) {
      conn.setAutoCommit(false);
      try {
        Report report = report(conn, agent, result);
        conn.commit();
        return report;
      } catch (SQLException | RuntimeException e) {
        conn.rollback();
        throw e;
      }
    }
  }

  private Report report(Connection conn, String agent, CommandResult result) throws SQLException {
    // The row lock orders concurrent copies of one report (an old connection's and a resend's).
    Optional<String> status = lockStatus(conn, agent, result.id());
    Report report = status.isEmpty() ? Report.UNKNOWN
        : status.get().equals("SENT") || !recordedBefore(conn, agent, result.id()) ? Report.RECORDED : Report.IGNORED;
    if (!insertReport(conn, agent, result, report)) {
      return Report.DUPLICATE;
    }
    String detail = switch (report) {
      case RECORDED -> {
        update(conn, agent, result);
        yield result.detail();
      }
      case IGNORED -> "reported " + result.status() + " (" + result.detail() + "), but the command is already " + status.get();
      default -> "reported " + result.status() + " (" + result.detail() + ") for a command the cloud has not sent to this agent";
    };
    String outcome = report == Report.RECORDED ? result.status().name().toLowerCase(Locale.ROOT)
        : report.name().toLowerCase(Locale.ROOT);
    DatabaseAuditLog.insert(conn, clock.instant(), "agent:" + agent, "command-result", "command:" + result.id(), outcome, detail);
    return report;
  }

  private static Optional<String> lockStatus(Connection conn, String agent, String id) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT status FROM commands WHERE id = ? AND agent = ? FOR UPDATE")) {
      ps.setObject(1, UUID.fromString(id));
      ps.setString(2, agent);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /**
   * Whether an agent's report set the command's outcome. If not, the outcome is the transport's
   * guess (the connection closed before the agent's PUBACK of the command), and the agent's first
   * report, the authority on what happened, replaces it.
   */
  private static boolean recordedBefore(Connection conn, String agent, String id) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "SELECT 1 FROM command_reports WHERE id = ? AND agent = ? AND outcome = 'recorded'")) {
      ps.setObject(1, UUID.fromString(id));
      ps.setString(2, agent);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Returns false if this very report was stored before. */
  private boolean insertReport(Connection conn, String agent, CommandResult r, Report report) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "INSERT INTO command_reports (id, agent, status, result_at, detail, read_back, received_at, outcome) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      ps.setObject(1, UUID.fromString(r.id()));
      ps.setString(2, agent);
      ps.setString(3, r.status().name());
      ps.setTimestamp(4, Timestamp.from(r.at()));
      ps.setString(5, r.detail());
      setReadBack(ps, 6, r);
      ps.setTimestamp(7, Timestamp.from(clock.instant()));
      ps.setString(8, report.name().toLowerCase(Locale.ROOT));
      return ps.executeUpdate() == 1;
    }
  }

  private static void update(Connection conn, String agent, CommandResult r) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "UPDATE commands SET status = ?, detail = ?, result_at = ?, read_back = ? WHERE id = ? AND agent = ?")) {
      ps.setString(1, r.status().name());
      ps.setString(2, r.detail());
      ps.setTimestamp(3, Timestamp.from(r.at()));
      setReadBack(ps, 4, r);
      ps.setObject(5, UUID.fromString(r.id()));
      ps.setString(6, agent);
      ps.executeUpdate();
    }
  }

  private static void setReadBack(PreparedStatement ps, int index, CommandResult r) throws SQLException {
    if (r.readBack().isPresent()) {
      ps.setDouble(index, r.readBack().getAsDouble());
    } else {
      ps.setNull(index, Types.DOUBLE);
    }
  }

  /**
   * The transport gave up on a command the agent never saw (expired in the downlink queue, queue
   * full): the command takes {@code status} if it is still SENT. Audited as the cloud's doing.
   */
  public boolean undelivered(String agent, String id, CommandResult.Status status, String detail) throws SQLException {
    try (Connection conn = dataSource.getConnection()) {
      conn.setAutoCommit(false);
      try {
        CommandResult r = new CommandResult(id, status, detail, clock.instant(), java.util.OptionalDouble.empty());
        boolean changed = lockStatus(conn, agent, id).filter("SENT"::equals).isPresent();
        if (changed) {
          update(conn, agent, r);
          DatabaseAuditLog.insert(conn, r.at(), "cloud", "command-result", "command:" + id,
              status.name().toLowerCase(Locale.ROOT), detail);
        }
        conn.commit();
        return changed;
      } catch (SQLException | RuntimeException e) {
        conn.rollback();
        throw e;
      }
    }
  }

  /** The row as the API shows it. */
  public Optional<Map<String, Object>> find(UUID id) throws SQLException {
    try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(
        "SELECT " + COLUMNS + " FROM commands WHERE id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs, clock.instant())) : Optional.empty();
      }
    }
  }

  /** The latest {@code limit} commands, newest first, of one agent or of all. */
  public List<Map<String, Object>> list(Optional<String> agent, int limit) throws SQLException {
    try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(
        "SELECT " + COLUMNS + " FROM commands WHERE (?::text IS NULL OR agent = ?) ORDER BY issued_at DESC, id LIMIT ?")) {
      ps.setString(1, agent.orElse(null));
      ps.setString(2, agent.orElse(null));
      ps.setInt(3, limit);
      List<Map<String, Object>> rows = new ArrayList<>();
      Instant now = clock.instant();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(row(rs, now));
        }
      }
      return rows;
    }
  }

  private static Map<String, Object> row(ResultSet rs, Instant now) throws SQLException {
    Instant expiresAt = rs.getTimestamp(8).toInstant();
    String status = rs.getString(9);
    boolean noResult = status.equals("SENT") && !now.isBefore(expiresAt);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", rs.getString(1));
    m.put("agent", rs.getString(2));
    m.put("device", rs.getString(3));
    m.put("tag", rs.getString(4));
    m.put("value", rs.getDouble(5));
    m.put("issuedBy", rs.getString(6));
    m.put("issuedAt", rs.getTimestamp(7).toInstant().toString());
    m.put("expiresAt", expiresAt.toString());
    m.put("status", noResult ? "EXPIRED" : status);
    m.put("detail", noResult ? NO_RESULT : rs.getString(10));
    Timestamp at = rs.getTimestamp(11);
    m.put("resultAt", at == null ? null : at.toInstant().toString());
    double readBack = rs.getDouble(12);
    m.put("readBack", rs.wasNull() ? null : readBack);
    return m;
  }
}
