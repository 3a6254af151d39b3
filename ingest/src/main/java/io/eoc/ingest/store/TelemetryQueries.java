package io.eoc.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Read side of the telemetry store, for the API and as evidence for the indicators. */
public final class TelemetryQueries {
  private final DataSource dataSource;

  public TelemetryQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Latest point of every tag of a device; {@code agent} narrows when several agents use the id. */
  public List<LatestValue> latest(String deviceId, Optional<String> agent) throws SQLException {
    String sql = """
        SELECT s.agent_id, s.device_id, s.tag, s.unit, p.time, p.value, p.quality
          FROM series s
          CROSS JOIN LATERAL (SELECT time, value, quality FROM points
                               WHERE series_id = s.id ORDER BY time DESC LIMIT 1) p
         WHERE s.device_id = ? AND (?::text IS NULL OR s.agent_id = ?)
         ORDER BY s.agent_id, s.tag""";
    List<LatestValue> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, deviceId);
      ps.setString(2, agent.orElse(null));
      ps.setString(3, agent.orElse(null));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new LatestValue(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getTimestamp(5).toInstant(), rs.getDouble(6), rs.getInt(7)));
        }
      }
    }
    return out;
  }

  public List<DeviceRow> devices() throws SQLException {
    String sql = """
        SELECT d.agent_id, d.id, d.name, d.category, d.kind, d.protocol, d.simulated,
               (SELECT max(p.time) FROM series s
                  CROSS JOIN LATERAL (SELECT time FROM points WHERE series_id = s.id ORDER BY time DESC LIMIT 1) p
                 WHERE s.agent_id = d.agent_id AND s.device_id = d.id) AS last_point
          FROM devices d ORDER BY d.agent_id, d.id""";
    List<DeviceRow> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Timestamp last = rs.getTimestamp(8);
        out.add(new DeviceRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getBoolean(7), Optional.ofNullable(last).map(Timestamp::toInstant)));
      }
    }
    return out;
  }

  /** Total points stored, for progress output. */
  public long pointCount() throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(points), 0) FROM batches");
         ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Optional<Instant> instant(Timestamp t) {
    return Optional.ofNullable(t).map(Timestamp::toInstant);
  }
}
