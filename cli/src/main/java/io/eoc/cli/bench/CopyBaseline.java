package io.eoc.cli.bench;

import io.eoc.ingest.store.PointRows;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * The yardstick: COPY of the same number of rows, in the same binary format ({@link PointRows}),
 * batch size and number of connections as the store consumer's, into {@code bench_points}, a copy of {@code points} with its indexes, in the
 * same database. One COPY per transaction, as the consumer commits each write with its COPY.
 */
final class CopyBaseline {
  private static final String SQL = "COPY bench_points (time, series_id, value, quality) FROM STDIN (FORMAT binary)";

  private CopyBaseline() {}

  /**
   * Copies {@code rows} rows in COPYs of {@code batch} rows over {@code connections} connections at
   * once, as many as the store consumer's writers, each with its own share of the series (as each
   * writer has its own agents); the encoding is timed too, as in the consumer.
   */
  static Map<String, Object> run(DataSource dataSource, long rows, int batch, long seed, int connections)
      throws SQLException, IOException {
    List<Integer> series;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      series = prepare(c);
    }
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    long started = System.nanoTime();
    long done = 0;
    try {
      List<Future<Long>> parts = new ArrayList<>();
      for (int k = 0; k < connections; k++) {
        List<Integer> share = new ArrayList<>();
        for (int i = k; i < series.size(); i += connections) {
          share.add(series.get(i));
        }
        long quota = rows / connections + (k < rows % connections ? 1 : 0);
        long partSeed = seed + k;
        parts.add(pool.submit(() -> copy(dataSource, share.isEmpty() ? series : share, quota, batch, partSeed)));
      }
      for (Future<Long> f : parts) {
        done += f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new IOException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", done);
    m.put("batchRows", batch);
    m.put("connections", connections);
    m.put("seconds", Math.round(seconds * 100) / 100.0);
    m.put("pointsPerSecond", seconds == 0 ? 0 : Math.round(done / seconds));
    m.put("table", "bench_points (LIKE points INCLUDING ALL), empty at start");
    return m;
  }

  private static long copy(DataSource dataSource, List<Integer> series, long rows, int batch, long seed) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      Random random = new Random(seed);
      long atMicros = (System.currentTimeMillis() - 3_600_000L) * 1000;
      long done = 0;
      int s = 0;
      while (done < rows) {
        int n = (int) Math.min(batch, rows - done);
        try (PointRows copy = PointRows.start(c, SQL)) {
          for (int i = 0; i < n; i++) {
            if (s == series.size()) {
              s = 0;
              atMicros++;
            }
            copy.add(atMicros, series.get(s++), random.nextGaussian() * 100, 0);
          }
          copy.end();
        }
        done += n;
      }
      return done;
    }
  }

  private static List<Integer> prepare(Connection c) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS bench_points");
      st.execute("CREATE TABLE bench_points (LIKE points INCLUDING ALL)");
      try (ResultSet rs = st.executeQuery("SELECT id FROM series ORDER BY id")) {
        while (rs.next()) {
          ids.add(rs.getInt(1));
        }
      }
    }
    if (ids.isEmpty()) {
      ids.add(1);
    }
    return ids;
  }
}
