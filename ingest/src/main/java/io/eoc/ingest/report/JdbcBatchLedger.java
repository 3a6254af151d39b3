package io.eoc.ingest.report;

import io.eoc.criteria.report.BatchLedger;
import io.eoc.criteria.report.LedgerEntry;
import io.eoc.metrics.EvidenceException;
import io.eoc.metrics.Window;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The batch ledger read from the {@code batches} table with a cursor (the driver fetches rows in pages
 * only inside a transaction), so a 100-day ledger streams through in constant memory.
 */
public final class JdbcBatchLedger implements BatchLedger {
  /** {@code COLLATE "C"}: agents in code-point order, the order the report's Merkle tree is defined in. */
  static final String SQL = """
      SELECT agent_id, seq, created_at, received_at, points, wire_bytes, backfill, envelope_hash
        FROM batches WHERE created_at >= ? AND created_at < ?
       ORDER BY agent_id COLLATE "C", seq""";
  private static final int FETCH = 5_000;
  private final DataSource dataSource;

  public JdbcBatchLedger(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void forEach(Window window, Consumer<LedgerEntry> entry) throws EvidenceException {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(SQL, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        ps.setFetchSize(FETCH);
        ps.setTimestamp(1, Timestamp.from(window.from()));
        ps.setTimestamp(2, Timestamp.from(window.to()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long w = rs.getLong(6);
            Long wire = rs.wasNull() ? null : w;
            entry.accept(LedgerEntry.of(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                rs.getTimestamp(4).toInstant(), rs.getLong(5), wire, rs.getBoolean(7), rs.getBytes(8)));
          }
        }
      } finally {
        c.rollback();
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new EvidenceException("batch ledger query failed: " + e.getMessage(), e);
    }
  }
}
