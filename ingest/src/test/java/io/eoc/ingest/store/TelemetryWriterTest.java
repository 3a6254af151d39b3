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

  /** The binary COPY (PointRows) against the values and instants as the agent sent them. */
  @Test
  void pointsAreStoredBitForBitWithTheirInstantsAndQualities() throws Exception {
    double[] values = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MAX_VALUE,
        1.0 / 3, -123.456e-300, 4.9e-324, 1e308, 230.40000000000003};
    Instant[] times = {Instant.parse("1970-01-01T00:00:00.000001Z"), Instant.parse("1999-12-31T23:59:59.999999Z"),
        Instant.parse("2000-01-01T00:00:00Z"), T0.plusNanos(123_456_000), Instant.parse("2031-05-31T23:59:59.999999Z"),
        Instant.parse("1969-07-20T20:17:40.5Z")};
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      for (int j = 0; j < times.length; j++) {
        points.add(Point.good("d1", "v" + i, times[j], values[i]));
      }
    }
    for (Quality q : Quality.values()) {
      points.add(q.isGood() ? Point.good("d2", "q", T0.plusSeconds(q.code()), 1) : Point.bad("d2", "q", T0.plusSeconds(q.code()), q));
    }
    writer.write(List.of(incoming(new Batch("a1", 0, T0, points, List.of()), 0)));

    List<String> expected = new ArrayList<>();
    for (Point p : points) {
      expected.add(p.device() + "/" + p.tag() + " " + p.timestamp() + " " + Double.doubleToLongBits(p.value()) + " " + p.quality().code());
    }
    List<String> stored = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT s.device_id || '/' || s.tag, p.time, p.value, p.quality FROM points p JOIN series s ON s.id = p.series_id")) {
      while (rs.next()) {
        stored.add(rs.getString(1) + " " + rs.getObject(2, java.time.OffsetDateTime.class).toInstant() + " "
            + Double.doubleToLongBits(rs.getDouble(3)) + " " + rs.getShort(4));
      }
    }
    assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);
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

  @Test
  void deviceHoursCountEachStoredPointOnceByQualityDerivationAndBackfill() throws Exception {
    Instant h10 = Instant.parse("2026-11-22T10:00:00Z");
    Batch live = new Batch("a1", 1, T0, List.of(Point.good("d1", "p", h10, 1), Point.good("d1", "p", h10.plusSeconds(3599), 1),
        Point.bad("d1", "p", h10.plusSeconds(1), Quality.BAD_CONFIG), Point.good("d1", "p:avg", h10, 1),
        Point.bad("d1", "p:avg", h10.plusSeconds(5), Quality.BAD_CONFIG), Point.good("d1", "p", h10.plusSeconds(3600), 1)));
    Batch backfill = new Batch("a1", 2, T0, List.of(Point.good("d1", "p", h10.plusSeconds(60), 1),
        Point.bad("d1", "p", h10.plusSeconds(61), Quality.BAD_NO_COMMUNICATION), Point.good("d1", "p:max", h10, 1)));
    Map<String, byte[]> marked = Map.of(io.eoc.ingest.pipeline.PipelineTopics.BACKFILL_HEADER, new byte[] {1});
    writer.write(List.of(incoming(live, 0), new Incoming("a1", "batches", BatchCodec.encode(backfill), T0, 0, 1, marked),
        incoming(live, 2))); // redelivered within the transaction
    writer.write(List.of(incoming(live, 3))); // and again later
    assertThat(rows("SELECT hour, good, bad, derived, backfill FROM device_hours ORDER BY hour")).containsExactly(
        "2026-11-22 10:00:00+00 3 2 3 2", // good 2 live + 1 backfill; bad 1 + 1; derived 2 + 1; backfill raw only
        "2026-11-22 11:00:00+00 1 0 0 0");
  }

  @Test
  void eachStoredBatchIsOneWriteOnTheUtcDayItWasCreated() throws Exception {
    Batch past = new Batch("a1", 7, Instant.parse("2026-08-01T23:59:59Z"), List.of(Point.good("d1", "p", T0, 1)));
    writer.write(List.of(incoming(batch(0, new Random(1)), 0), incoming(batch(1, new Random(1)), 1), incoming(past, 2)));
    writer.write(List.of(incoming(past, 3))); // redelivery: not a write
    boolean todayIsT0 = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString().equals("2026-11-22");
    assertThat(rows("SELECT day, writes, reads, CASE WHEN xact_commit_first IS NULL THEN 'unsampled' ELSE 'sampled' END "
        + "FROM data_ops_daily ORDER BY day")).containsExactly("2026-08-01 1 0 unsampled",
        "2026-11-22 2 0 " + (todayIsT0 ? "sampled" : "unsampled")); // only a count made on its day samples
  }

  @Test
  void theCatalogueStoresEachDevicesExpectedPointsPerHour() throws Exception {
    io.eoc.wire.DeviceCatalog cat = new io.eoc.wire.DeviceCatalog("a1", T0, List.of(
        new io.eoc.wire.DeviceInfo("d1", "d1", io.eoc.wire.EquipmentCategory.POWER, "motor", "modbus-tcp", false, List.of(), 7200),
        new io.eoc.wire.DeviceInfo("d2", "d2", io.eoc.wire.EquipmentCategory.POWER, "motor", "mqtt", false, List.of())));
    writer.write(List.of(new Incoming("a1", "devices", io.eoc.wire.DeviceCatalogCodec.encode(cat), T0, 0, 0)));
    assertThat(rows("SELECT id, expected_points_per_hour FROM devices ORDER BY id")).containsExactly("d1 7200", "d2 0");
    writer.write(List.of(new Incoming("a1", "devices", io.eoc.wire.DeviceCatalogCodec.encode(new io.eoc.wire.DeviceCatalog(
        "a1", T0, List.of(cat.devices().get(0).withExpectedPointsPerHour(3600)))), T0, 0, 1)));
    assertThat(rows("SELECT id, expected_points_per_hour FROM devices WHERE id = 'd1'")).containsExactly("d1 3600");
  }

  /** Each row as its columns' text separated by spaces. */
  private List<String> rows(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("SET TIME ZONE 'UTC'");
      try (ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          StringBuilder b = new StringBuilder();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            b.append(i > 1 ? " " : "").append(rs.getString(i));
          }
          out.add(b.toString());
        }
      }
    }
    return out;
  }

  private long count(String sql) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
