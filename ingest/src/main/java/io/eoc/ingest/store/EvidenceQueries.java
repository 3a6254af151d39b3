package io.eoc.ingest.store;

import io.eoc.metrics.EvidenceException;
import io.eoc.metrics.Window;
import io.eoc.metrics.evidence.AgentHour;
import io.eoc.metrics.evidence.DataOpsDay;
import io.eoc.metrics.evidence.Declaration;
import io.eoc.metrics.evidence.DeviceHour;
import io.eoc.metrics.evidence.DropHour;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.EvidenceSource;
import io.eoc.metrics.evidence.HostHour;
import io.eoc.metrics.evidence.LedgerDevice;
import io.eoc.metrics.evidence.ServiceHour;
import io.eoc.metrics.evidence.Source;
import io.eoc.metrics.evidence.UserAccount;
import io.eoc.metrics.evidence.UserHour;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Collects the evidence for a window from the cloud's database, in one read-only snapshot, from the
 * tables the sink and the services maintain as they go (no scan of points). Hour rows are those
 * whose UTC hour starts in the window, day rows those whose UTC day starts in it; the ledger, the
 * user accounts and the declarations are returned whole. See {@code docs/evidence.md}.
 *
 * <p>Sources: {@link Source#TELEMETRY} whenever the database answers; {@link Source#USAGE} once
 * the cloud has recorded any user account or service use (from then on, a service without uses is
 * measured as unused, not as "no evidence"); {@link Source#HOSTS} once a device of category
 * {@code business-host} exists; {@link Source#DATA_OPS} once any day's operations were counted;
 * {@link Source#DECLARATIONS} once anything was declared.
 */
public final class EvidenceQueries implements EvidenceSource {
  static final String BUSINESS_HOST = "business-host";
  private static final int FETCH_SIZE = 1_000;

  static final String AVAILABLE_SQL = """
      SELECT current_database(),
             EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM service_usage),
             EXISTS (SELECT 1 FROM devices WHERE category = 'business-host'),
             EXISTS (SELECT 1 FROM data_ops_daily),
             EXISTS (SELECT 1 FROM declarations)""";

  static final String DEVICES_SQL = """
      SELECT agent_id, id, name, category, kind, protocol, simulated, purchase_value_10k_cny, expected_points_per_hour
        FROM devices ORDER BY agent_id, id""";

  static final String DEVICE_HOURS_SQL = """
      SELECT agent_id, device_id, hour, good, bad, derived, backfill
        FROM device_hours WHERE hour >= ? AND hour < ? ORDER BY agent_id, device_id, hour""";

  /** Stored batches by the hour the agent created them, beside the refused messages by the hour received. */
  static final String AGENT_HOURS_SQL = """
      WITH b AS (
        SELECT agent_id, date_trunc('hour', created_at, 'UTC') AS hour, count(*) AS batches, sum(points) AS points,
               sum(coalesce(wire_bytes, 0)) AS wire_bytes, count(*) FILTER (WHERE backfill) AS backfill
          FROM batches WHERE created_at >= ? AND created_at < ? GROUP BY 1, 2),
      r AS (
        SELECT agent_id, date_trunc('hour', received_at, 'UTC') AS hour, count(*) AS rejected
          FROM rejected_messages WHERE received_at >= ? AND received_at < ? GROUP BY 1, 2)
      SELECT coalesce(b.agent_id, r.agent_id), coalesce(b.hour, r.hour), coalesce(b.batches, 0),
             coalesce(b.points, 0), coalesce(b.wire_bytes, 0), coalesce(b.backfill, 0), coalesce(r.rejected, 0)
        FROM b FULL JOIN r ON r.agent_id = b.agent_id AND r.hour = b.hour
       ORDER BY 1, 2""";

  /** Edge drop counts travel in batches: they count in the hour their batch was created. */
  static final String DROPS_SQL = """
      SELECT d.agent_id, date_trunc('hour', b.created_at, 'UTC'), d.reason, sum(d.count)
        FROM drop_counts d JOIN batches b ON b.agent_id = d.agent_id AND b.seq = d.seq
       WHERE b.created_at >= ? AND b.created_at < ?
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""";

  static final String SERVICES_SQL = """
      SELECT service, date_trunc('hour', hour, 'UTC'), backfill, sum(uses)
        FROM service_usage WHERE hour >= ? AND hour < ? GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""";

  static final String USERS_SQL = "SELECT id, role, created_at, disabled_at FROM users ORDER BY id";

  static final String USER_HOURS_SQL = """
      SELECT user_id, date_trunc('hour', hour, 'UTC'), bool_and(backfill)
        FROM user_activity WHERE hour >= ? AND hour < ? GROUP BY 1, 2 ORDER BY 1, 2""";

  /**
   * Business hosts per hour from the 1-hour rollups of the probe's tags (average = sum / count of
   * good samples); a measure without samples in the hour is null (NaN in the row).
   */
  static final String HOSTS_SQL = """
      SELECT s.agent_id, s.device_id, r.bucket,
             (sum(r.sum) FILTER (WHERE s.tag = 'cpu_percent'))::float8 / (sum(r.count) FILTER (WHERE s.tag = 'cpu_percent'))::float8,
             (sum(r.sum) FILTER (WHERE s.tag = 'net_rx_bps'))::float8 / (sum(r.count) FILTER (WHERE s.tag = 'net_rx_bps'))::float8,
             (sum(r.sum) FILTER (WHERE s.tag = 'net_tx_bps'))::float8 / (sum(r.count) FILTER (WHERE s.tag = 'net_tx_bps'))::float8,
             (sum(r.sum) FILTER (WHERE s.tag = 'net_link_bps'))::float8 / (sum(r.count) FILTER (WHERE s.tag = 'net_link_bps'))::float8,
             coalesce(sum(r.count) FILTER (WHERE s.tag = 'cpu_percent'), 0),
             coalesce(max(h.backfill), 0) > 0
        FROM devices d
        JOIN series s ON s.agent_id = d.agent_id AND s.device_id = d.id
        JOIN rollups r ON r.series_id = s.id AND r.width_s = 3600
        LEFT JOIN device_hours h ON h.agent_id = d.agent_id AND h.device_id = d.id AND h.hour = r.bucket
       WHERE d.category = 'business-host' AND s.tag IN ('cpu_percent', 'net_rx_bps', 'net_tx_bps', 'net_link_bps')
         AND r.bucket >= ? AND r.bucket < ?
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""";

  static final String DATA_OPS_SQL = """
      SELECT day, writes, reads, xact_commit_first, xact_commit_last
        FROM data_ops_daily WHERE day >= ? AND day < ? ORDER BY day""";

  static final String DECLARATIONS_SQL = """
      SELECT item, value, unit, reference, declared_at, declared_by FROM declarations ORDER BY declared_at, id""";

  static final String BATCHES_SQL = """
      SELECT agent_id, seq, created_at, received_at, points, coalesce(wire_bytes, 0), backfill, envelope_hash
        FROM batches WHERE created_at >= ? AND created_at < ? ORDER BY agent_id, seq""";

  private static final String TABLES = "devices, device_hours, batches, rejected_messages, drop_counts, series, "
      + "rollups, service_usage, users, user_activity, data_ops_daily, declarations";

  private final DataSource dataSource;

  public EvidenceQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public EvidenceSet collect(Window window) throws EvidenceException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      int isolation = c.getTransactionIsolation();
      // One snapshot: every part of the set describes the same state of the database.
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      try {
        return collect(c, window);
      } finally {
        c.rollback();
        c.setReadOnly(false);
        c.setTransactionIsolation(isolation);
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new EvidenceException("evidence query failed: " + e.getMessage(), e);
    }
  }

  private static EvidenceSet collect(Connection c, Window w) throws SQLException {
    Instant from = ceilHour(w.from());
    Instant to = ceilHour(w.to());
    Set<Source> available = EnumSet.of(Source.TELEMETRY);
    String database;
    try (PreparedStatement ps = c.prepareStatement(AVAILABLE_SQL); ResultSet rs = ps.executeQuery()) {
      rs.next();
      database = rs.getString(1);
      addIf(available, rs.getBoolean(2), Source.USAGE);
      addIf(available, rs.getBoolean(3), Source.HOSTS);
      addIf(available, rs.getBoolean(4), Source.DATA_OPS);
      addIf(available, rs.getBoolean(5), Source.DECLARATIONS);
    }
    return new EvidenceSet(w, "PostgreSQL database '" + database + "' (tables " + TABLES + ")", available,
        list(c, DEVICES_SQL, EvidenceQueries::device),
        list(c, DEVICE_HOURS_SQL, rs -> new DeviceHour(rs.getString(1) + "/" + rs.getString(2), instant(rs, 3),
            rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)), from, to),
        list(c, AGENT_HOURS_SQL, rs -> new AgentHour(rs.getString(1), instant(rs, 2), rs.getLong(3), rs.getLong(4),
            rs.getLong(5), rs.getLong(6), rs.getLong(7)), from, to, from, to),
        list(c, DROPS_SQL, rs -> new DropHour(rs.getString(1), instant(rs, 2), rs.getString(3), rs.getLong(4)), from, to),
        list(c, SERVICES_SQL, rs -> new ServiceHour(rs.getString(1), instant(rs, 2), rs.getLong(4), rs.getBoolean(3)),
            from, to),
        list(c, USERS_SQL, rs -> new UserAccount(rs.getString(1), rs.getString(2), instant(rs, 3),
            Optional.ofNullable(rs.getTimestamp(4)).map(Timestamp::toInstant))),
        list(c, USER_HOURS_SQL, rs -> new UserHour(rs.getString(1), instant(rs, 2), rs.getBoolean(3)), from, to),
        list(c, HOSTS_SQL, rs -> new HostHour(rs.getString(1) + "/" + rs.getString(2), instant(rs, 3),
            doubleOrNaN(rs, 4), doubleOrNaN(rs, 5), doubleOrNaN(rs, 6), doubleOrNaN(rs, 7), rs.getLong(8),
            rs.getBoolean(9)), from, to),
        list(c, DATA_OPS_SQL, EvidenceQueries::dataOps, day(w.from()), day(w.to())),
        list(c, DECLARATIONS_SQL, rs -> new Declaration(rs.getString(1), rs.getDouble(2), rs.getString(3),
            rs.getString(4), instant(rs, 5), rs.getString(6))));
  }

  /**
   * Streams the batches the agents created in the window, ordered by agent and sequence, through a
   * server-side cursor (a million batches are never held in memory at once); returns how many.
   * An exception thrown by {@code each} ends the stream and propagates.
   */
  public long forEachBatch(Window window, Consumer<BatchRow> each) throws EvidenceException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false); // PostgreSQL honours the fetch size only inside a transaction
      try (PreparedStatement ps = c.prepareStatement(BATCHES_SQL, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        ps.setFetchSize(FETCH_SIZE);
        bind(ps, window.from(), window.to());
        long n = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            each.accept(new BatchRow(rs.getString(1), rs.getLong(2), instant(rs, 3), instant(rs, 4), rs.getInt(5),
                rs.getInt(6), rs.getBoolean(7), rs.getBytes(8)));
            n++;
          }
        }
        return n;
      } finally {
        c.rollback();
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new EvidenceException("reading the window's batches failed: " + e.getMessage(), e);
    }
  }

  private static LedgerDevice device(ResultSet rs) throws SQLException {
    double value = rs.getDouble(8);
    OptionalDouble purchase = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(value);
    return new LedgerDevice(rs.getString(1) + "/" + rs.getString(2), rs.getString(1), rs.getString(3),
        rs.getString(4), rs.getString(5), rs.getString(6), rs.getBoolean(7), purchase, rs.getDouble(9));
  }

  /** The database's commits between the day's first and last sample; none when a sample is missing or the counter was reset. */
  private static DataOpsDay dataOps(ResultSet rs) throws SQLException {
    long first = rs.getLong(4);
    boolean hasFirst = !rs.wasNull();
    long last = rs.getLong(5);
    boolean hasLast = !rs.wasNull();
    OptionalLong commits = hasFirst && hasLast && last >= first ? OptionalLong.of(last - first) : OptionalLong.empty();
    return new DataOpsDay(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3), commits);
  }

  @FunctionalInterface
  private interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
    List<T> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row.map(rs));
        }
      }
    }
    return out;
  }

  private static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i] instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : params[i];
      ps.setObject(i + 1, p);
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    return rs.getTimestamp(column).toInstant();
  }

  private static double doubleOrNaN(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? Double.NaN : v;
  }

  private static void addIf(Set<Source> set, boolean present, Source source) {
    if (present) {
      set.add(source);
    }
  }

  /**
   * The first whole UTC hour at or after {@code t}: an hour starts in [from, to) exactly when its
   * instants lie in [ceilHour(from), ceilHour(to)).
   */
  static Instant ceilHour(Instant t) {
    long s = Math.floorDiv(t.getEpochSecond(), 3600) * 3600;
    return s == t.getEpochSecond() && t.getNano() == 0 ? t : Instant.ofEpochSecond(s + 3600);
  }

  /** The first UTC day whose midnight is at or after {@code t}. */
  static LocalDate day(Instant t) {
    LocalDate d = LocalDate.ofInstant(t, ZoneOffset.UTC);
    return d.atStartOfDay(ZoneOffset.UTC).toInstant().equals(t) ? d : d.plusDays(1);
  }
}
