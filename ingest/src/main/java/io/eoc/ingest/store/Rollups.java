package io.eoc.ingest.store;

import io.eoc.wire.Point;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-series aggregates over 1-minute and 1-hour buckets (count, sum, min, max of good, finite
 * values), accumulated while a transaction's points are written and merged into {@code rollups}
 * in the same transaction. On TimescaleDB the same figures can come from continuous aggregates;
 * this keeps plain PostgreSQL equal.
 */
final class Rollups {
  static final int[] WIDTHS_S = {60, 3600};
  private final Map<Key, double[]> acc = new HashMap<>();

  private record Key(int seriesId, int widthS, long bucketEpochS) {}

  void add(Point p, int seriesId) {
    if (!p.quality().isGood() || !Double.isFinite(p.value())) {
      return;
    }
    long second = p.timestamp().getEpochSecond();
    for (int w : WIDTHS_S) {
      Key k = new Key(seriesId, w, Math.floorDiv(second, w) * w);
      double[] a = acc.computeIfAbsent(k, x -> new double[] {0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
      a[0] += 1;
      a[1] += p.value();
      a[2] = Math.min(a[2], p.value());
      a[3] = Math.max(a[3], p.value());
    }
  }

  void flush(Connection c) throws SQLException {
    if (acc.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO rollups (series_id, width_s, bucket, count, sum, min, max) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (series_id, width_s, bucket) DO UPDATE SET "
        + "count = rollups.count + EXCLUDED.count, sum = rollups.sum + EXCLUDED.sum, "
        + "min = least(rollups.min, EXCLUDED.min), max = greatest(rollups.max, EXCLUDED.max)")) {
      // A stable order keeps concurrent instances from deadlocking on the same rows.
      List<Map.Entry<Key, double[]>> sorted = acc.entrySet().stream()
          .sorted(java.util.Comparator.comparingInt((Map.Entry<Key, double[]> e) -> e.getKey().seriesId())
              .thenComparingInt(e -> e.getKey().widthS()).thenComparingLong(e -> e.getKey().bucketEpochS()))
          .toList();
      for (Map.Entry<Key, double[]> e : sorted) {
        ps.setInt(1, e.getKey().seriesId());
        ps.setInt(2, e.getKey().widthS());
        ps.setTimestamp(3, Timestamp.from(Instant.ofEpochSecond(e.getKey().bucketEpochS())));
        ps.setLong(4, (long) e.getValue()[0]);
        ps.setDouble(5, e.getValue()[1]);
        ps.setDouble(6, e.getValue()[2]);
        ps.setDouble(7, e.getValue()[3]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    acc.clear();
  }
}
