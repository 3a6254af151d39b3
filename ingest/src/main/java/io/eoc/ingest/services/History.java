package io.eoc.ingest.services;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * 信息追溯 (jiangsu-2023 §四 数据监控/信息追溯: query and replay historical data, trends): the history of
 * one tag, from the 1-minute and 1-hour rollups the sink maintains (count, sum, min, max of good,
 * finite values) or, for ranges up to {@link #MAX_RAW_RANGE}, the raw points with their quality.
 * At most {@link #MAX_ROWS} rows are returned; {@code truncated} says when more exist.
 */
public final class History {
  public static final int MAX_ROWS = 10_000;
  public static final Duration MAX_RAW_RANGE = Duration.ofDays(1);
  private final DataSource dataSource;

  public History(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Rollup widths and raw points; {@code auto} picks raw up to 1 h, 1-minute up to 3 days, else 1-hour. */
  public enum Step {
    RAW("raw", 0), MINUTE("1m", 60), HOUR("1h", 3600);

    private final String id;
    private final int widthS;

    Step(String id, int widthS) {
      this.id = id;
      this.widthS = widthS;
    }

    public String id() {
      return id;
    }

    public static Step parse(Optional<String> text, Duration range) {
      if (text.isEmpty() || text.get().equals("auto")) {
        return range.compareTo(Duration.ofHours(1)) <= 0 ? RAW : range.compareTo(Duration.ofDays(3)) <= 0 ? MINUTE : HOUR;
      }
      for (Step s : values()) {
        if (s.id.equals(text.get())) {
          return s;
        }
      }
      throw new IllegalArgumentException("'step' must be raw, 1m, 1h or auto, was '" + text.get() + "'");
    }
  }

  public record Query(String device, Optional<String> agent, String tag, TimeRange range, Step step) {
    public Query {
      Objects.requireNonNull(device, "device");
      Objects.requireNonNull(agent, "agent");
      Objects.requireNonNull(range, "range");
      Objects.requireNonNull(step, "step");
      if (step == Step.RAW && range.length().compareTo(MAX_RAW_RANGE) > 0) {
        throw new IllegalArgumentException("raw points are served for ranges up to " + MAX_RAW_RANGE.toHours()
            + " h, the range asked is " + range.length() + "; use step=1m or step=1h");
      }
    }
  }

  /** A bucket of the rollups: good, finite values only. */
  public record Bucket(Instant start, long count, double sum, double min, double max) {
    public double mean() {
      return sum / count;
    }
  }

  /** A stored point; {@code value} is empty when not finite. */
  public record RawPoint(Instant time, Optional<Double> value, int quality) {}

  public record Result(String agent, String device, String tag, String unit, Step step, TimeRange range,
      List<Bucket> buckets, List<RawPoint> points, boolean truncated) {
    public Result {
      buckets = List.copyOf(buckets);
      points = List.copyOf(points);
    }

    public int rows() {
      return step == Step.RAW ? points.size() : buckets.size();
    }
  }

  private record SeriesRef(int id, String agent, String unit) {}

  public Result query(Query q) throws SQLException {
    if (q.tag() == null || q.tag().isBlank()) {
      throw new IllegalArgumentException("query parameter 'tag' is required; tags of device '" + q.device() + "': "
          + tags(q.device(), q.agent()));
    }
    try (Connection c = dataSource.getConnection()) {
      SeriesRef s = series(c, q);
      List<Bucket> buckets = new ArrayList<>();
      List<RawPoint> points = new ArrayList<>();
      boolean truncated = q.step() == Step.RAW ? raw(c, s, q.range(), points) : rollups(c, s, q, buckets);
      return new Result(s.agent(), q.device(), q.tag(), s.unit(), q.step(), q.range(), buckets, points, truncated);
    }
  }

  private SeriesRef series(Connection c, Query q) throws SQLException {
    List<SeriesRef> found = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, agent_id, unit FROM series WHERE device_id = ? AND tag = ? "
        + "AND (?::text IS NULL OR agent_id = ?) ORDER BY agent_id")) {
      ps.setString(1, q.device());
      ps.setString(2, q.tag());
      ps.setString(3, q.agent().orElse(null));
      ps.setString(4, q.agent().orElse(null));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(new SeriesRef(rs.getInt(1), rs.getString(2), rs.getString(3)));
        }
      }
    }
    if (found.isEmpty()) {
      throw Refusal.notFound("no tag '" + q.tag() + "' on device '" + q.device() + "'"
          + q.agent().map(a -> " of agent '" + a + "'").orElse("") + "; its tags: " + tags(q.device(), q.agent()));
    }
    if (found.size() > 1) {
      throw Refusal.conflict("device id '" + q.device() + "' is used by several agents "
          + found.stream().map(SeriesRef::agent).toList() + "; add ?agent=");
    }
    return found.get(0);
  }

  private static boolean rollups(Connection c, SeriesRef s, Query q, List<Bucket> out) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT bucket, count, sum, min, max FROM rollups "
        + "WHERE series_id = ? AND width_s = ? AND bucket >= ? AND bucket < ? ORDER BY bucket LIMIT ?")) {
      ps.setInt(1, s.id());
      ps.setInt(2, q.step().widthS);
      // A bucket belongs to the range when it starts in it: align 'from' down to the bucket width.
      long fromS = Math.floorDiv(q.range().from().getEpochSecond(), q.step().widthS) * q.step().widthS;
      ps.setTimestamp(3, Timestamp.from(Instant.ofEpochSecond(fromS)));
      ps.setTimestamp(4, Timestamp.from(q.range().to()));
      ps.setInt(5, MAX_ROWS + 1);
      int rows = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (++rows <= MAX_ROWS) {
            out.add(new Bucket(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)));
          }
        }
      }
      return rows > MAX_ROWS;
    }
  }

  private static boolean raw(Connection c, SeriesRef s, TimeRange range, List<RawPoint> out) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT time, value, quality FROM points "
        + "WHERE series_id = ? AND time >= ? AND time < ? ORDER BY time LIMIT ?")) {
      ps.setInt(1, s.id());
      ps.setTimestamp(2, Timestamp.from(range.from()));
      ps.setTimestamp(3, Timestamp.from(range.to()));
      ps.setInt(4, MAX_ROWS + 1);
      int rows = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows++;
          if (rows <= MAX_ROWS) {
            double v = rs.getDouble(2);
            boolean finite = !rs.wasNull() && Double.isFinite(v);
            out.add(new RawPoint(rs.getTimestamp(1).toInstant(), finite ? Optional.of(v) : Optional.empty(), rs.getInt(3)));
          }
        }
      }
      return rows > MAX_ROWS;
    }
  }

  private List<String> tags(String device, Optional<String> agent) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT DISTINCT tag FROM series WHERE device_id = ? AND (?::text IS NULL OR agent_id = ?) ORDER BY tag")) {
      ps.setString(1, device);
      ps.setString(2, agent.orElse(null));
      ps.setString(3, agent.orElse(null));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }
}
