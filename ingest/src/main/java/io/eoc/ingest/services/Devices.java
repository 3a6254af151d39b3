package io.eoc.ingest.services;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The ledger's devices as the device-management services see them: they exist, they have tags with values. */
final class Devices {
  private Devices() {}

  /** A stored point of a tag: the latest one of good quality. */
  record Reading(double value, Instant time) {}

  /** {@link Refusal#notFound} unless an agent reported the device (as for the ledger). */
  static void require(Connection c, String agent, String device) throws SQLException {
    if (!exists(c, agent, device)) {
      throw Refusal.notFound("no device '" + device + "' of agent '" + agent + "' in the ledger; devices appear once their agent reports them");
    }
  }

  /** Whether an agent reported the device. */
  static boolean exists(Connection c, String agent, String device) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM devices WHERE agent_id = ? AND id = ?")) {
      ps.setString(1, agent);
      ps.setString(2, device);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The device's measured tags (derived ones such as {@code alarm:x} excluded), sorted. */
  static List<String> tags(Connection c, String agent, String device) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT tag FROM series WHERE agent_id = ? AND device_id = ? AND tag NOT LIKE '%:%' ORDER BY tag")) {
      ps.setString(1, agent);
      ps.setString(2, device);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /** The latest good point of a tag, if any is stored. */
  static Optional<Reading> latest(Connection c, String agent, String device, String tag) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT p.value, p.time FROM series s CROSS JOIN LATERAL "
        + "(SELECT value, time FROM points WHERE series_id = s.id AND quality = 0 AND value IS NOT NULL ORDER BY time DESC LIMIT 1) p "
        + "WHERE s.agent_id = ? AND s.device_id = ? AND s.tag = ?")) {
      ps.setString(1, agent);
      ps.setString(2, device);
      ps.setString(3, tag);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Reading(rs.getDouble(1), rs.getTimestamp(2).toInstant())) : Optional.empty();
      }
    }
  }

  static Optional<Instant> instant(Timestamp t) {
    return Optional.ofNullable(t).map(Timestamp::toInstant);
  }

  static Optional<Double> number(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }

  /**
   * Binds the optional filters of a query written {@code (?::text IS NULL OR agent = ?) AND
   * (?::text IS NULL OR device = ?) AND (?::bigint IS NULL OR id = ?)}: parameters 1 to 6.
   */
  static void bindFilters(PreparedStatement ps, Optional<String> agent, Optional<String> device, Optional<Long> id)
      throws SQLException {
    ps.setString(1, agent.orElse(null));
    ps.setString(2, agent.orElse(null));
    ps.setString(3, device.orElse(null));
    ps.setString(4, device.orElse(null));
    ps.setObject(5, id.orElse(null), Types.BIGINT);
    ps.setObject(6, id.orElse(null), Types.BIGINT);
  }
}
