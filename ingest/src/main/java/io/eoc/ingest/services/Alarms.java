package io.eoc.ingest.services;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * 异常报警 (jiangsu-2023 §四 数据监控/异常报警): the alarms the edge raised, each with the data around
 * it packaged for analysis. The edge evaluates the rules (so alarms are raised while the cloud is
 * unreachable) and sends a derived tag {@code alarm:<name>} per device: 1 when raised, 0 when
 * cleared (edge-agent analysis.AlarmEvaluator). An alarm raised before the window and not yet
 * cleared is still active and is listed.
 */
public final class Alarms {
  public static final int MAX_ALARMS = 200;
  public static final int MAX_CONTEXT_POINTS = 2_000;
  static final String PREFIX = "alarm:";
  private final DataSource dataSource;

  public Alarms(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public record Query(TimeRange range, Duration around, Optional<String> agent, Optional<String> device) {
    public Query {
      if (around.isNegative() || around.compareTo(Duration.ofHours(6)) > 0) {
        throw new IllegalArgumentException("'around' must be between PT0S and PT6H, was " + around);
      }
    }
  }

  public record ContextPoint(String tag, Instant time, Optional<Double> value, int quality) {}

  /** One alarm episode; {@code context} holds the device's raw points from {@code contextFrom} to {@code contextTo}. */
  public record Alarm(String agent, String device, String name, Instant raisedAt, Optional<Instant> clearedAt,
      Instant contextFrom, Instant contextTo, List<ContextPoint> context, boolean contextTruncated) {
    public Alarm {
      context = List.copyOf(context);
    }

    public boolean active() {
      return clearedAt.isEmpty();
    }
  }

  private record AlarmSeries(int id, String agent, String device, String name) {}

  private record Episode(AlarmSeries series, Instant raised, Optional<Instant> cleared) {}

  /** Active alarms first, then the most recent; at most {@link #MAX_ALARMS}. */
  public List<Alarm> find(Query q) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      List<Episode> episodes = new ArrayList<>();
      for (AlarmSeries s : alarmSeries(c, q)) {
        episodes.addAll(episodes(c, s, q.range()));
      }
      episodes.sort(Comparator.comparing((Episode e) -> e.cleared().isPresent()).thenComparing(Episode::raised, Comparator.reverseOrder()));
      List<Alarm> out = new ArrayList<>();
      for (Episode e : episodes.subList(0, Math.min(MAX_ALARMS, episodes.size()))) {
        out.add(withContext(c, e, q.around()));
      }
      return out;
    }
  }

  private static List<AlarmSeries> alarmSeries(Connection c, Query q) throws SQLException {
    List<AlarmSeries> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, agent_id, device_id, tag FROM series WHERE tag LIKE 'alarm:%' "
        + "AND (?::text IS NULL OR agent_id = ?) AND (?::text IS NULL OR device_id = ?) ORDER BY agent_id, device_id, tag")) {
      ps.setString(1, q.agent().orElse(null));
      ps.setString(2, q.agent().orElse(null));
      ps.setString(3, q.device().orElse(null));
      ps.setString(4, q.device().orElse(null));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new AlarmSeries(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4).substring(PREFIX.length())));
        }
      }
    }
    return out;
  }

  /** Raise (value ≠ 0) / clear (0) transitions; a repeated raise while active is the same alarm. */
  private static List<Episode> episodes(Connection c, AlarmSeries s, TimeRange range) throws SQLException {
    List<Episode> out = new ArrayList<>();
    Instant raised = null;
    try (PreparedStatement before = c.prepareStatement("SELECT time, value FROM points WHERE series_id = ? AND time < ? "
        + "AND quality = 0 ORDER BY time DESC LIMIT 1")) {
      before.setInt(1, s.id());
      before.setTimestamp(2, Timestamp.from(range.from()));
      try (ResultSet rs = before.executeQuery()) {
        if (rs.next() && rs.getDouble(2) != 0) {
          raised = raisedAt(c, s, rs.getTimestamp(1).toInstant());
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT time, value FROM points WHERE series_id = ? AND time >= ? AND time < ? "
        + "AND quality = 0 ORDER BY time")) {
      ps.setInt(1, s.id());
      ps.setTimestamp(2, Timestamp.from(range.from()));
      ps.setTimestamp(3, Timestamp.from(range.to()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant t = rs.getTimestamp(1).toInstant();
          boolean on = rs.getDouble(2) != 0;
          if (on && raised == null) {
            raised = t;
          } else if (!on && raised != null) {
            out.add(new Episode(s, raised, Optional.of(t)));
            raised = null;
          }
        }
      }
    }
    if (raised != null) {
      out.add(new Episode(s, raised, Optional.empty()));
    }
    return out;
  }

  /** When an alarm still on at {@code onAt} was raised: the first 1 after the last 0 before it. */
  private static Instant raisedAt(Connection c, AlarmSeries s, Instant onAt) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT min(time) FROM points WHERE series_id = ? AND time <= ? AND quality = 0 "
        + "AND time > coalesce((SELECT max(time) FROM points WHERE series_id = ? AND time < ? AND quality = 0 AND value = 0), '-infinity')")) {
      ps.setInt(1, s.id());
      ps.setTimestamp(2, Timestamp.from(onAt));
      ps.setInt(3, s.id());
      ps.setTimestamp(4, Timestamp.from(onAt));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        Timestamp t = rs.getTimestamp(1);
        return t == null ? onAt : t.toInstant();
      }
    }
  }

  private static Alarm withContext(Connection c, Episode e, Duration around) throws SQLException {
    Instant from = e.raised().minus(around);
    Instant to = e.cleared().orElse(e.raised()).plus(around);
    List<ContextPoint> points = new ArrayList<>();
    int rows = 0;
    try (PreparedStatement ps = c.prepareStatement("SELECT s.tag, p.time, p.value, p.quality FROM points p "
        + "JOIN series s ON s.id = p.series_id WHERE s.agent_id = ? AND s.device_id = ? AND s.tag NOT LIKE '%:%' "
        + "AND p.time >= ? AND p.time <= ? ORDER BY p.time, s.tag LIMIT ?")) {
      ps.setString(1, e.series().agent());
      ps.setString(2, e.series().device());
      ps.setTimestamp(3, Timestamp.from(from));
      ps.setTimestamp(4, Timestamp.from(to));
      ps.setInt(5, MAX_CONTEXT_POINTS + 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (++rows <= MAX_CONTEXT_POINTS) {
            double v = rs.getDouble(3);
            boolean finite = !rs.wasNull() && Double.isFinite(v);
            points.add(new ContextPoint(rs.getString(1), rs.getTimestamp(2).toInstant(), finite ? Optional.of(v) : Optional.empty(),
                rs.getInt(4)));
          }
        }
      }
    }
    return new Alarm(e.series().agent(), e.series().device(), e.series().name(), e.raised(), e.cleared(), from, to, points,
        rows > MAX_CONTEXT_POINTS);
  }
}
