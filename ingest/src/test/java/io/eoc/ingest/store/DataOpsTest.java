package io.eoc.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.ingest.testing.SharedDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DataOpsTest {
  private DataSource ds;

  @BeforeEach
  void setUp() throws Exception {
    ds = SharedDatabase.freshDatabase();
    Schema.migrate(ds);
  }

  @Test
  void readsAndWritesAddUpPerUtcDay() throws Exception {
    DataOps.recordReads(ds, Instant.parse("2026-03-01T23:59:59Z"), 3);
    DataOps.recordReads(ds, Instant.parse("2026-03-01T00:00:00Z"), 4);
    DataOps.recordWrites(ds, Instant.parse("2026-03-01T12:00:00Z"), 2);
    DataOps.recordWrites(ds, Instant.parse("2026-03-02T00:00:00Z"), 1);
    DataOps.recordReads(ds, Instant.parse("2026-03-02T00:00:00Z"), 0); // nothing to count: no row touched
    assertThat(row("2026-03-01")).isEqualTo("2 7 unsampled unsampled");
    assertThat(row("2026-03-02")).isEqualTo("1 0 unsampled unsampled"); // a past day never gets today's counter
  }

  @Test
  void countsOnTheCurrentDaySampleTheDatabasesCommittedTransactions() throws Exception {
    Instant now = Instant.now();
    DataOps.recordReads(ds, now, 1);
    long first = commits("xact_commit_first");
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (int i = 0; i < 5; i++) {
        s.execute("SELECT 1"); // autocommit: each a committed transaction
      }
    }
    waitForStatistics(first);
    DataOps.recordWrites(ds, now, 1);
    assertThat(commits("xact_commit_first")).isEqualTo(first); // the day's first sample stays
    assertThat(commits("xact_commit_last")).isGreaterThan(first);
  }

  @Test
  void writesCountedInsideATransactionRollBackWithIt() throws Exception {
    Instant at = Instant.parse("2026-03-01T00:00:00Z");
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      DataOps.recordWrites(c, at, 5);
      c.rollback();
    }
    assertThat(row("2026-03-01")).isNull();
  }

  @Test
  void aNegativeCountIsAMistake() {
    assertThatThrownBy(() -> DataOps.recordReads(ds, Instant.EPOCH, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  /** PostgreSQL publishes transaction counts a little after the commits; wait for them, bounded. */
  private void waitForStatistics(long before) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (currentCommits() <= before + 5 && System.nanoTime() < deadline) {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.execute("SELECT pg_sleep(0.1)");
      }
    }
  }

  private long currentCommits() throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private long commits(String column) throws Exception {
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + column + " FROM data_ops_daily WHERE day = '" + today + "'")) {
      assertThat(rs.next()).isTrue();
      long v = rs.getLong(1);
      assertThat(rs.wasNull()).as(column + " sampled").isFalse();
      return v;
    }
  }

  private String row(String day) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT writes, reads, coalesce(xact_commit_first::text, 'unsampled'), "
            + "coalesce(xact_commit_last::text, 'unsampled') FROM data_ops_daily WHERE day = '" + day + "'")) {
      return rs.next() ? rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) : null;
    }
  }
}
