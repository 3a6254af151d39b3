package io.eoc.ingest.store;

import io.eoc.metrics.EvidenceException;
import io.eoc.metrics.Window;
import io.eoc.metrics.evidence.DeviceHour;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.EvidenceSource;
import io.eoc.metrics.evidence.LedgerDevice;
import io.eoc.metrics.evidence.Source;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import javax.sql.DataSource;

/** Collects the evidence for a window from the cloud's database. */
public final class EvidenceQueries implements EvidenceSource {
  static final String DEVICES_SQL = """
      SELECT agent_id, id, name, category, kind, protocol, simulated FROM devices ORDER BY agent_id, id""";

  /** Raw points by device and hour of their device timestamps; derived tags contain ':'. */
  static final String DEVICE_HOURS_SQL = """
      SELECT s.agent_id, s.device_id, date_trunc('hour', p.time, 'UTC') AS hour,
             count(*) FILTER (WHERE p.quality = 0 AND strpos(s.tag, ':') = 0) AS good,
             count(*) FILTER (WHERE p.quality <> 0 AND strpos(s.tag, ':') = 0) AS bad,
             count(*) FILTER (WHERE strpos(s.tag, ':') > 0) AS derived
        FROM points p JOIN series s ON s.id = p.series_id
       WHERE p.time >= ? AND p.time < ?
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""";

  private final DataSource dataSource;

  public EvidenceQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public EvidenceSet collect(Window window) throws EvidenceException {
    List<LedgerDevice> devices = new ArrayList<>();
    List<DeviceHour> hours = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(DEVICES_SQL); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          devices.add(new LedgerDevice(rs.getString(1) + "/" + rs.getString(2), rs.getString(1), rs.getString(3),
              rs.getString(4), rs.getString(5), rs.getString(6), rs.getBoolean(7), OptionalDouble.empty(), 0));
        }
      }
      try (PreparedStatement ps = c.prepareStatement(DEVICE_HOURS_SQL)) {
        ps.setTimestamp(1, Timestamp.from(window.from()));
        ps.setTimestamp(2, Timestamp.from(window.to()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            hours.add(new DeviceHour(rs.getString(1) + "/" + rs.getString(2), rs.getTimestamp(3).toInstant(),
                rs.getLong(4), rs.getLong(5), rs.getLong(6), 0));
          }
        }
      }
    } catch (SQLException e) {
      throw new EvidenceException("evidence query failed: " + e.getMessage(), e);
    }
    return new EvidenceSet(window, "cloud database (devices, points by device and hour)", Set.of(Source.TELEMETRY),
        devices, hours, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }
}
