package io.eoc.ingest.store;

import io.eoc.wire.Point;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Per-series aggregates over 1-minute and 1-hour buckets (count, sum, min, max of good, finite
 * values), accumulated while a transaction's points are written and merged into {@code rollups}
 * in the same transaction. On TimescaleDB the same figures can come from continuous aggregates;
 * this keeps plain PostgreSQL equal.
 */
final class Rollups {
  static final int[] WIDTHS_S = {60, 3600};
  static final String UPSERT = """
      INSERT INTO rollups AS r (series_id, width_s, bucket, count, sum, min, max)
      SELECT u.series_id, u.width_s, to_timestamp(u.bucket_s), u.count, u.sum, u.min, u.max
        FROM unnest(?::integer[], ?::integer[], ?::bigint[], ?::bigint[], ?::float8[], ?::float8[], ?::float8[])
             AS u(series_id, width_s, bucket_s, count, sum, min, max)
      ON CONFLICT (series_id, width_s, bucket) DO UPDATE SET count = r.count + excluded.count,
        sum = r.sum + excluded.sum, min = least(r.min, excluded.min), max = greatest(r.max, excluded.max)""";
  private final Map<Key, double[]> acc = new HashMap<>();
  /** The bucket each width's last point fell into, and its sums: a series' points come together. */
  private final Key[] lastKey = new Key[WIDTHS_S.length];
  private final double[][] lastSums = new double[WIDTHS_S.length][];

  private record Key(int seriesId, int widthS, long bucketEpochS) {}

  void add(Point p, int seriesId) {
    if (!p.quality().isGood() || !Double.isFinite(p.value())) {
      return;
    }
    long second = p.timestamp().getEpochSecond();
    for (int i = 0; i < WIDTHS_S.length; i++) {
      int w = WIDTHS_S[i];
      long bucket = Math.floorDiv(second, w) * w;
      Key last = lastKey[i];
      double[] a;
      if (last != null && last.seriesId() == seriesId && last.bucketEpochS() == bucket) {
        a = lastSums[i];
      } else {
        Key k = new Key(seriesId, w, bucket);
        a = acc.computeIfAbsent(k, x -> new double[] {0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
        lastKey[i] = k;
        lastSums[i] = a;
      }
      a[0] += 1;
      a[1] += p.value();
      a[2] = Math.min(a[2], p.value());
      a[3] = Math.max(a[3], p.value());
    }
  }

  /** Merges the sums into {@code rollups} with one statement (one row per series, width and bucket). */
  void flush(Connection c) throws SQLException {
    if (acc.isEmpty()) {
      return;
    }
    // A stable order keeps concurrent instances from deadlocking on the same rows.
    List<Map.Entry<Key, double[]>> sorted = acc.entrySet().stream()
        .sorted(Comparator.comparingInt((Map.Entry<Key, double[]> e) -> e.getKey().seriesId())
            .thenComparingInt(e -> e.getKey().widthS()).thenComparingLong(e -> e.getKey().bucketEpochS()))
        .toList();
    int n = sorted.size();
    int[] series = new int[n];
    int[] widths = new int[n];
    long[] buckets = new long[n];
    long[] counts = new long[n];
    double[] sums = new double[n];
    double[] mins = new double[n];
    double[] maxs = new double[n];
    for (int i = 0; i < n; i++) {
      Key k = sorted.get(i).getKey();
      double[] a = sorted.get(i).getValue();
      series[i] = k.seriesId();
      widths[i] = k.widthS();
      buckets[i] = k.bucketEpochS();
      counts[i] = (long) a[0];
      sums[i] = a[1];
      mins[i] = a[2];
      maxs[i] = a[3];
    }
    PGConnection pg = c.unwrap(PGConnection.class); // its createArrayOf takes primitive arrays
    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
      ps.setArray(1, pg.createArrayOf("integer", series));
      ps.setArray(2, pg.createArrayOf("integer", widths));
      ps.setArray(3, pg.createArrayOf("bigint", buckets));
      ps.setArray(4, pg.createArrayOf("bigint", counts));
      ps.setArray(5, pg.createArrayOf("float8", sums));
      ps.setArray(6, pg.createArrayOf("float8", mins));
      ps.setArray(7, pg.createArrayOf("float8", maxs));
      ps.executeUpdate();
    }
    acc.clear();
    java.util.Arrays.fill(lastKey, null);
    java.util.Arrays.fill(lastSums, null);
  }
}
