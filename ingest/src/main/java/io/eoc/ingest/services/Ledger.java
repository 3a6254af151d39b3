package io.eoc.ingest.services;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * 设备台账 (jiangsu-2023 §四 设备管理/设备台账: model, spec and description managed electronically in
 * the cloud): what the agents report about each device beside what an operator enters.
 */
public final class Ledger {
  private final DataSource dataSource;
  private final Clock clock;

  public Ledger(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  public record Entry(String agent, String device, String name, String category, String kind, String protocol,
      boolean simulated, Optional<String> model, Optional<String> vendor, Optional<String> spec,
      Optional<Double> purchaseValue10kCny, Optional<Instant> ledgerUpdatedAt, Optional<Instant> lastPoint) {}

  public List<Entry> list() throws SQLException {
    return select(null, null);
  }

  /** Replaces the operator's fields of one device; {@link Refusal#notFound} when no agent reported it. */
  public Entry update(String agent, String device, LedgerUpdate u) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "UPDATE devices SET model = ?, vendor = ?, spec = ?, purchase_value_10k_cny = ?, ledger_updated_at = ? "
            + "WHERE agent_id = ? AND id = ?")) {
      ps.setString(1, u.model().orElse(null));
      ps.setString(2, u.vendor().orElse(null));
      ps.setString(3, u.spec().orElse(null));
      if (u.purchaseValue10kCny().isPresent()) {
        ps.setDouble(4, u.purchaseValue10kCny().get());
      } else {
        ps.setNull(4, Types.DOUBLE);
      }
      ps.setTimestamp(5, Timestamp.from(clock.instant()));
      ps.setString(6, agent);
      ps.setString(7, device);
      if (ps.executeUpdate() == 0) {
        throw Refusal.notFound("no device '" + device + "' of agent '" + agent + "' in the ledger; devices appear once their agent reports them");
      }
    }
    return select(agent, device).get(0);
  }

  private List<Entry> select(String agent, String device) throws SQLException {
    String sql = """
        SELECT d.agent_id, d.id, d.name, d.category, d.kind, d.protocol, d.simulated, d.model, d.vendor, d.spec,
               d.purchase_value_10k_cny, d.ledger_updated_at,
               (SELECT max(p.time) FROM series s
                  CROSS JOIN LATERAL (SELECT time FROM points WHERE series_id = s.id ORDER BY time DESC LIMIT 1) p
                 WHERE s.agent_id = d.agent_id AND s.device_id = d.id) AS last_point
          FROM devices d WHERE (?::text IS NULL OR (d.agent_id = ? AND d.id = ?)) ORDER BY d.agent_id, d.id""";
    List<Entry> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, agent);
      ps.setString(2, agent);
      ps.setString(3, device);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          double value = rs.getDouble(11);
          Optional<Double> purchase = rs.wasNull() ? Optional.empty() : Optional.of(value);
          out.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getString(6), rs.getBoolean(7), Optional.ofNullable(rs.getString(8)), Optional.ofNullable(rs.getString(9)),
              Optional.ofNullable(rs.getString(10)), purchase, instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13))));
        }
      }
    }
    return out;
  }

  private static Optional<Instant> instant(Timestamp t) {
    return Optional.ofNullable(t).map(Timestamp::toInstant);
  }
}
