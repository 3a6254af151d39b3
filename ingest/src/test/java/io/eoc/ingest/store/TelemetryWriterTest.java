package io.eoc.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.ingest.testing.SharedDatabase;
import io.eoc.wire.Batch;
import io.eoc.wire.BatchCodec;
import io.eoc.wire.DropCount;
import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TelemetryWriterTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private DataSource ds;
  private TelemetryWriter writer;

  @BeforeEach
  void setUp() throws Exception {
    ds = SharedDatabase.freshDatabase();
    Schema.migrate(ds);
    writer = new TelemetryWriter(ds);
  }

  private static Incoming incoming(Batch b, long offset) {
    return new Incoming(b.agentId(), "batches", BatchCodec.encode(b), T0, 0, offset, Map.of());
  }

  private static Batch batch(long seq, Random random) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Instant t = T0.plusSeconds(seq * 300 + i);
      points.add(i % 50 == 7 ? Point.bad("d1", "p", t, Quality.BAD_NO_COMMUNICATION) : Point.good("d1", "p", t, random.nextGaussian()));
      points.add(Point.good("d1", "q", t, i));
    }
    return new Batch("a1", seq, T0, points, List.of(new DropCount("d1", "p", "nan", 3)));
  }

  @Test
  void aBatchDeliveredTwiceIsStoredOnceWithItsDropCounts() throws Exception {
    Batch b = batch(0, new Random(1));
    WriteResult first = writer.write(List.of(incoming(b, 0)));
    WriteResult again = writer.write(List.of(incoming(b, 1), incoming(b, 2)));
    assertThat(first.batches()).isEqualTo(1);
    assertThat(first.points()).isEqualTo(600);
    assertThat(again.duplicates()).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM points")).isEqualTo(600);
    assertThat(count("SELECT sum(count) FROM drop_counts WHERE reason = 'nan'")).isEqualTo(3);
  }

  @Test
  void rollupsEqualTheAggregatesRecomputedFromThePoints() throws Exception {
    Random random = new Random(2);
    for (long seq = 0; seq < 30; seq++) {
      writer.write(List.of(incoming(batch(seq, random), seq)));
    }
    writer.write(List.of(incoming(batch(3, new Random(9)), 99))); // a redelivery changes nothing
    for (int width : Rollups.WIDTHS_S) {
      String recomputed = "SELECT series_id, to_timestamp(floor(extract(epoch FROM time) / " + width + ") * " + width + ") AS bucket, "
          + "count(*) AS n, sum(value) AS s, min(value) AS lo, max(value) AS hi FROM points WHERE quality = 0 GROUP BY 1, 2";
      long mismatches = count("SELECT count(*) FROM (" + recomputed + ") r FULL JOIN (SELECT * FROM rollups WHERE width_s = " + width
          + ") u ON u.series_id = r.series_id AND u.bucket = r.bucket WHERE u.count IS DISTINCT FROM r.n "
          + "OR abs(u.sum - r.s) > 1e-9 OR u.min IS DISTINCT FROM r.lo OR u.max IS DISTINCT FROM r.hi");
      assertThat(mismatches).as("width %d s", width).isZero();
      assertThat(count("SELECT count(*) FROM rollups WHERE width_s = " + width)).isPositive();
    }
  }

  @Test
  void undecodableMessagesAreKeptWithTheirReasonOnce() throws Exception {
    Incoming junk = new Incoming("a1", "batches", new byte[] {1, 2, 3}, T0, 2, 7, Map.of());
    writer.write(List.of(junk));
    writer.write(List.of(junk));
    assertThat(count("SELECT count(*) FROM rejected_messages WHERE reason LIKE '%too short%'")).isEqualTo(1);
  }

  private long count(String sql) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
