package io.eoc.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Counts the system's own data operations per UTC day in {@code data_ops_daily}, the evidence of
 * jiangsu-2018 §四 "daily average data read/write count": the sink counts one write per stored
 * batch; services and the API call {@link #recordReads} for each query they serve and
 * {@link #recordWrites} for each record they create or change.
 *
 * <p>Each count also samples the database's committed transactions ({@code
 * pg_stat_database.xact_commit}) into {@code xact_commit_first} (once per day) and {@code
 * xact_commit_last}, an independent cross-check of the counts. Only a count made on the current UTC
 * day samples: a backfill counting operations into a past day must not put today's counter there.
 *
 * <p>One upsert per call; the row of the day is locked only until the caller's transaction ends.
 */
public final class DataOps {
  static final String UPSERT = """
      INSERT INTO data_ops_daily AS o (day, writes, reads, xact_commit_first, xact_commit_last)
      SELECT u.day::date, u.writes, u.reads, s.x, s.x
        FROM unnest(?::text[], ?::bigint[], ?::bigint[]) AS u(day, writes, reads)
        LEFT JOIN (SELECT xact_commit AS x FROM pg_stat_database WHERE datname = current_database()) s
          ON u.day::date = (now() AT TIME ZONE 'UTC')::date
      ON CONFLICT (day) DO UPDATE SET writes = o.writes + excluded.writes, reads = o.reads + excluded.reads,
        xact_commit_first = coalesce(o.xact_commit_first, excluded.xact_commit_first),
        xact_commit_last = coalesce(excluded.xact_commit_last, o.xact_commit_last)""";

  private DataOps() {}

  /** Counts {@code n} reads served at {@code at} (its UTC day), in a transaction of its own. */
  public static void recordReads(DataSource dataSource, Instant at, long n) throws SQLException {
    record(dataSource, new Tally().reads(at, n));
  }

  /** Counts {@code n} writes made at {@code at} (its UTC day), in a transaction of its own. */
  public static void recordWrites(DataSource dataSource, Instant at, long n) throws SQLException {
    record(dataSource, new Tally().writes(at, n));
  }

  /**
   * Counts {@code n} writes inside the caller's transaction, so that the count commits or rolls
   * back with the write it counts.
   */
  public static void recordWrites(Connection inTransaction, Instant at, long n) throws SQLException {
    new Tally().writes(at, n).flush(inTransaction);
  }

  /** Counts reads and writes inside the caller's transaction (a service answering and writing). */
  public static void record(Connection inTransaction, Instant at, long reads, long writes) throws SQLException {
    new Tally().reads(at, reads).writes(at, writes).flush(inTransaction);
  }

  private static void record(DataSource dataSource, Tally tally) throws SQLException {
    if (tally.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      tally.flush(c);
    }
  }

  /** Counts gathered during one transaction, merged with one statement at its end. */
  static final class Tally {
    private final Map<LocalDate, long[]> days = new TreeMap<>();

    Tally writes(Instant at, long n) {
      return add(at, n, 0);
    }

    Tally reads(Instant at, long n) {
      return add(at, n, 1);
    }

    private Tally add(Instant at, long n, int column) {
      if (n < 0) {
        throw new IllegalArgumentException("a count of operations must be >= 0, was " + n);
      }
      if (n > 0) {
        days.computeIfAbsent(LocalDate.ofInstant(at, ZoneOffset.UTC), d -> new long[2])[column] += n;
      }
      return this;
    }

    boolean isEmpty() {
      return days.isEmpty();
    }

    void flush(Connection c) throws SQLException {
      if (days.isEmpty()) {
        return;
      }
      int n = days.size();
      String[] day = new String[n];
      Long[] writes = new Long[n];
      Long[] reads = new Long[n];
      int i = 0;
      for (Map.Entry<LocalDate, long[]> e : days.entrySet()) { // in date order: no deadlock between sinks
        day[i] = e.getKey().toString();
        writes[i] = e.getValue()[0];
        reads[i] = e.getValue()[1];
        i++;
      }
      try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
        ps.setArray(1, c.createArrayOf("text", day));
        ps.setArray(2, c.createArrayOf("bigint", writes));
        ps.setArray(3, c.createArrayOf("bigint", reads));
        ps.executeUpdate();
      }
      days.clear();
    }
  }
}
