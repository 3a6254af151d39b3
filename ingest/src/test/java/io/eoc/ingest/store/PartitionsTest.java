package io.eoc.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.ingest.services.History;
import io.eoc.ingest.services.TimeRange;
import io.eoc.ingest.testing.SharedDatabase;
import io.eoc.metrics.Window;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.wire.Batch;
import io.eoc.wire.BatchCodec;
import io.eoc.wire.DeviceCatalog;
import io.eoc.wire.DeviceCatalogCodec;
import io.eoc.wire.DeviceInfo;
import io.eoc.wire.EquipmentCategory;
import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Points partitioned by month (schema v8, plain PostgreSQL): the same rows and the same query
 * results as the plain table of v7, partitions made before the COPY that needs them, and retention
 * by whole months.
 */
class PartitionsTest {
  /** Half an hour before the end of October, so that batches run into November. */
  private static final Instant T0 = Instant.parse("2026-10-31T23:30:00Z");
  private static final Instant FAR_PAST = Instant.parse("1970-01-01T00:00:07Z");
  private static final Instant FAR_FUTURE = Instant.parse("2031-05-05T05:05:05Z");

  @Test
  void aPlainPointsTableIsConvertedWithEveryRowAndEveryQueryResultUnchanged() throws Exception {
    DataSource ds = SharedDatabase.freshDatabase();
    flyway(ds).target("7").load().migrate();
    writePlant(new TelemetryWriter(ds, clock()));
    assertThat(relkind(ds)).isEqualTo("r");
    Snapshot before = Snapshot.of(ds);

    Schema.migrate(ds);

    assertThat(relkind(ds)).isEqualTo("p");
    assertThat(partitions(ds)).containsExactly("points_before_2000", "points_y2026m10", "points_y2026m11", "points_y2031m05");
    assertThat(count(ds, "SELECT count(*) FROM pg_class WHERE relname = 'points_v7'")).isZero();
    assertThat(Snapshot.of(ds)).isEqualTo(before);
    assertThat(before.points()).hasSize(4 * 2 * 120 + 2);
  }

  @Test
  void aFreshDatabaseStoresTheSameBatchesWithTheSameResultsAsThePlainTable() throws Exception {
    DataSource plain = SharedDatabase.freshDatabase();
    flyway(plain).target("7").load().migrate();
    writePlant(new TelemetryWriter(plain, clock()));
    DataSource partitioned = SharedDatabase.freshDatabase();
    Schema.migrate(partitioned);
    writePlant(new TelemetryWriter(partitioned, clock()));

    assertThat(relkind(partitioned)).isEqualTo("p");
    assertThat(Snapshot.of(partitioned)).isEqualTo(Snapshot.of(plain));
  }

  @Test
  void aBatchSpanningTwoMonthsLandsInBothWithTheIndexOnEachPartition() throws Exception {
    DataSource ds = SharedDatabase.freshDatabase();
    Schema.migrate(ds);
    new TelemetryWriter(ds, clock()).write(List.of(incoming(batch(0, new Random(1)), 0)));

    assertThat(rows(ds, "SELECT tableoid::regclass::text, count(*) FROM points GROUP BY 1 ORDER BY 1"))
        .containsExactly("points_y2026m10 60", "points_y2026m11 180");
    assertThat(rows(ds, "SELECT tablename, indexdef LIKE '%(series_id, \"time\" DESC)' FROM pg_indexes "
        + "WHERE tablename LIKE 'points%' ORDER BY 1")).containsExactly(
        "points t", "points_before_2000 t", "points_y2026m10 t", "points_y2026m11 t");
  }

  @Test
  void pointsFarInThePastOrFutureAreStoredNotDropped() throws Exception {
    DataSource ds = SharedDatabase.freshDatabase();
    Schema.migrate(ds);
    Batch odd = new Batch("a1", 1, T0, List.of(Point.good("d1", "p", FAR_PAST, 1), Point.good("d1", "p", FAR_FUTURE, 2)));
    new TelemetryWriter(ds, clock()).write(List.of(incoming(odd, 0)));

    assertThat(rows(ds, "SELECT tableoid::regclass, value FROM points ORDER BY time"))
        .containsExactly("points_before_2000 1", "points_y2031m05 2");
  }

  @Test
  void twoWritersCreatingTheSameMonthAtOnceBothSucceed() throws Exception {
    DataSource ds = SharedDatabase.freshDatabase();
    Schema.migrate(ds);
    List<Partitions.Range> march = List.of(Partitions.Range.of(Instant.parse("2027-03-15T00:00:00Z")));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Connection holder = ds.getConnection(); Statement s = holder.createStatement()) {
      // Both find the month missing, then queue for the lock on points that CREATE … PARTITION OF takes.
      holder.setAutoCommit(false);
      s.execute("LOCK TABLE points IN ACCESS SHARE MODE");
      Future<?> a = pool.submit(() -> {
        new Partitions().ensure(ds, march);
        return null;
      });
      Future<?> b = pool.submit(() -> {
        new Partitions().ensure(ds, march);
        return null;
      });
      awaitWaiters(ds, 2);
      holder.commit();
      a.get(30, TimeUnit.SECONDS);
      b.get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(partitions(ds)).containsExactly("points_before_2000", "points_y2027m03");
  }

  @Test
  void retentionDropsExactlyTheMonthsEntirelyOlderThanThePeriodAndKeepsRollupsAndBatches() throws Exception {
    DataSource ds = SharedDatabase.freshDatabase();
    Schema.migrate(ds);
    TelemetryWriter writer = new TelemetryWriter(ds, clock());
    writePlant(writer);
    writer.write(List.of(incoming(new Batch("a1", 50, T0, List.of(Point.good("d1", "p", Instant.parse("2026-12-01T00:00:00Z"), 5))), 50)));
    long rollups = count(ds, "SELECT count(*) FROM rollups");
    long batches = count(ds, "SELECT count(*) FROM batches");
    // Now 2027-03-11 and 100 days kept: the cut is 2026-12-01, the upper bound of November.
    Clock now = Clock.fixed(Instant.parse("2027-03-11T00:00:00Z"), ZoneOffset.UTC);

    List<String> dropped = new Retention(ds, Duration.ofDays(100), now).run();

    assertThat(dropped).containsExactly("points_before_2000", "points_y2026m10", "points_y2026m11");
    assertThat(partitions(ds)).containsExactly("points_y2026m12", "points_y2031m05");
    assertThat(rows(ds, "SELECT time, value FROM points ORDER BY time"))
        .containsExactly("2026-12-01 00:00:00+00 5", "2031-05-05 05:05:05+00 2");
    assertThat(count(ds, "SELECT count(*) FROM rollups")).isEqualTo(rollups);
    assertThat(count(ds, "SELECT count(*) FROM batches")).isEqualTo(batches);
    assertThat(new Retention(ds, Duration.ofDays(100), now).run()).isEmpty();
  }

  @Test
  void aMonthDroppedByAnotherInstanceIsCreatedAgainWhenTheWriteIsRetried() throws Exception {
    DataSource ds = SharedDatabase.freshDatabase();
    Schema.migrate(ds);
    TelemetryWriter writer = new TelemetryWriter(ds, clock());
    writer.write(List.of(incoming(batch(0, new Random(1)), 0)));
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE points_y2026m10");
    }
    Incoming late = incoming(batch(1, new Random(2)), 1);

    assertThatThrownBy(() -> writer.write(List.of(late))).isInstanceOf(SQLException.class);
    writer.write(List.of(late)); // as the store consumer retries

    assertThat(count(ds, "SELECT count(*) FROM points_y2026m10")).isEqualTo(59);
  }

  @Test
  void retentionIsParsedFromDaysHoursOrIsoAndMustBePositive() {
    assertThat(Retention.parse("400d")).isEqualTo(Duration.ofDays(400));
    assertThat(Retention.parse("36h")).isEqualTo(Duration.ofHours(36));
    assertThat(Retention.parse("P30D")).isEqualTo(Duration.ofDays(30));
    assertThatThrownBy(() -> Retention.parse("a year")).hasMessageContaining("400d");
    assertThatThrownBy(() -> new Retention(null, Duration.ZERO, clock())).hasMessageContaining("positive");
  }

  /** What the API, the reports and the history endpoint read, as text, in a stable order. */
  private record Snapshot(List<String> points, List<String> rollups, List<String> latest, List<String> devices,
      List<String> raw, List<String> evidence) {
    static Snapshot of(DataSource ds) throws Exception {
      TelemetryQueries q = new TelemetryQueries(ds);
      List<String> latest = new ArrayList<>();
      for (String device : List.of("d1", "d2")) {
        latest.addAll(q.latest(device, Optional.empty()).stream().map(Object::toString).toList());
      }
      // The history endpoint's raw query, across the month boundary.
      History.Result raw = new History(ds).query(new History.Query("d1", Optional.empty(), "p",
          new TimeRange(T0, T0.plus(Duration.ofHours(2))), History.Step.RAW));
      EvidenceSet set = new EvidenceQueries(ds).collect(new Window(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1))));
      return new Snapshot(
          rows(ds, "SELECT time, series_id, value, quality FROM points ORDER BY series_id, time, quality, value"),
          rows(ds, "SELECT * FROM rollups ORDER BY series_id, width_s, bucket"),
          latest, q.devices().stream().map(Object::toString).toList(),
          raw.points().stream().map(Object::toString).toList(),
          List.of(set.devices().toString(), set.deviceHours().toString(), set.agentHours().toString(), set.drops().toString()));
    }
  }

  /** Two devices, four batches each crossing from October into November, and two points of wrong clocks. */
  private static void writePlant(TelemetryWriter writer) throws Exception {
    DeviceCatalog cat = new DeviceCatalog("a1", T0, List.of(
        new DeviceInfo("d1", "d1", EquipmentCategory.POWER, "motor", "modbus-tcp", false, List.of(), 7200),
        new DeviceInfo("d2", "d2", EquipmentCategory.POWER, "meter", "mqtt", false, List.of(), 3600)));
    writer.write(List.of(new Incoming("a1", "devices", DeviceCatalogCodec.encode(cat), T0, 0, 100)));
    Random random = new Random(7);
    for (long seq = 0; seq < 4; seq++) {
      List<Point> points = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        Instant t = T0.plusSeconds(seq * 1200 + i * 10);
        points.add(i % 17 == 3 ? Point.bad("d1", "p", t, Quality.BAD_NO_COMMUNICATION) : Point.good("d1", "p", t, random.nextGaussian()));
        points.add(Point.good("d2", "e", t, random.nextInt(1000)));
      }
      writer.write(List.of(incoming(new Batch("a1", seq, T0, points), seq)));
    }
    writer.write(List.of(incoming(new Batch("a1", 9, T0,
        List.of(Point.good("d1", "p", FAR_PAST, 1), Point.good("d1", "p", FAR_FUTURE, 2))), 9)));
  }

  /** 240 points of one device over 40 minutes, a quarter of them in October. */
  private static Batch batch(long seq, Random random) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      Instant t = T0.plusSeconds(1200 + seq * 10 + i * 10L);
      points.add(Point.good("d1", "p", t, random.nextGaussian()));
    }
    return new Batch("a1", seq, T0, points);
  }

  private static Incoming incoming(Batch b, long offset) {
    return new Incoming(b.agentId(), "batches", BatchCodec.encode(b), T0, 0, offset, Map.of());
  }

  private static Clock clock() {
    return Clock.fixed(T0, ZoneOffset.UTC);
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(DataSource ds) {
    return Flyway.configure().dataSource(ds).locations("classpath:db").table("schema_history");
  }

  private static void awaitWaiters(DataSource ds, int n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (count(ds, "SELECT count(*) FROM pg_locks WHERE relation = 'points'::regclass AND NOT granted") < n) {
      assertThat(System.nanoTime()).as("%d writers waiting for the lock on points", n).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  private static String relkind(DataSource ds) throws Exception {
    return rows(ds, "SELECT relkind FROM pg_class WHERE oid = 'points'::regclass").get(0);
  }

  private static List<String> partitions(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection()) {
      return Partitions.existing(c);
    }
  }

  private static List<String> rows(DataSource ds, String sql) throws Exception {
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

  private static long count(DataSource ds, String sql) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
