package io.eoc.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps (agent, device, tag) to a series id within one transaction. New ids become visible to the
 * shared cache only after the transaction commits ({@link #publish()}), so a rollback never
 * leaves the cache pointing at rows that do not exist.
 */
final class SeriesResolver {
  private final Connection connection;
  private final Map<String, Integer> committed;
  private final Map<String, Integer> pending = new HashMap<>();

  SeriesResolver(Connection connection, Map<String, Integer> committed) {
    this.connection = connection;
    this.committed = committed;
  }

  /** The series id; {@code unit} non-null also records the unit (from a device catalogue). */
  int id(String agent, String device, String tag, String unit) throws SQLException {
    String key = agent + '\u0000' + device + '\u0000' + tag;
    Integer id = unit == null ? committed.getOrDefault(key, pending.get(key)) : null;
    if (id != null) {
      return id;
    }
    String sql = unit == null
        ? "INSERT INTO series (agent_id, device_id, tag) VALUES (?, ?, ?) ON CONFLICT (agent_id, device_id, tag) "
            + "DO UPDATE SET tag = EXCLUDED.tag RETURNING id"
        : "INSERT INTO series (agent_id, device_id, tag, unit) VALUES (?, ?, ?, ?) ON CONFLICT (agent_id, device_id, tag) "
            + "DO UPDATE SET unit = EXCLUDED.unit RETURNING id";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, agent);
      ps.setString(2, device);
      ps.setString(3, tag);
      if (unit != null) {
        ps.setString(4, unit);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        id = rs.getInt(1);
      }
    }
    pending.put(key, id);
    return id;
  }

  void publish() {
    committed.putAll(pending);
  }
}
