package io.eoc.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.ingest.pipeline.PipelineTopics;
import io.eoc.ingest.testing.SharedDatabase;
import io.eoc.metrics.Window;
import io.eoc.metrics.evidence.AgentHour;
import io.eoc.metrics.evidence.DataOpsDay;
import io.eoc.metrics.evidence.Declaration;
import io.eoc.metrics.evidence.DeviceHour;
import io.eoc.metrics.evidence.DropHour;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.HostHour;
import io.eoc.metrics.evidence.LedgerDevice;
import io.eoc.metrics.evidence.ServiceHour;
import io.eoc.metrics.evidence.Source;
import io.eoc.metrics.evidence.UserAccount;
import io.eoc.metrics.evidence.UserHour;
import io.eoc.wire.Batch;
import io.eoc.wire.BatchCodec;
import io.eoc.wire.DeviceCatalog;
import io.eoc.wire.DeviceCatalogCodec;
import io.eoc.wire.DeviceInfo;
import io.eoc.wire.DropCount;
import io.eoc.wire.EquipmentCategory;
import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes a small plant through the sink (live, backfilled, derived, bad and redelivered points;
 * refused messages; a business host) and rows into the service tables, then checks that the
 * evidence of a window is exactly what was computed by hand in the comments.
 */
class EvidenceQueriesTest {
  private static final Instant DAY = Instant.parse("2026-11-22T00:00:00Z");
  /** From 23:30 on the 21st: the hour 23:00 on the 21st starts before the window and is left out. */
  private static final Window WINDOW = new Window(Instant.parse("2026-11-21T23:30:00Z"), DAY.plusSeconds(86_400));
  private static final byte[] H1 = {1, 1, 1};
  private static final byte[] H3 = {3, 3, 3};
  private DataSource ds;
  private TelemetryWriter writer;
  private long offset;

  @BeforeEach
  void setUp() throws Exception {
    ds = SharedDatabase.freshDatabase();
    Schema.migrate(ds);
    writer = new TelemetryWriter(ds);
  }

  @Test
  void collectsEveryPartOfTheWindowsEvidenceExactly() throws Exception {
    writePlant();
    EvidenceSet set = new EvidenceQueries(ds).collect(WINDOW);

    assertThat(set.available()).containsExactlyInAnyOrder(Source.values());
    assertThat(set.describe()).contains("PostgreSQL database 't").contains("device_hours").contains("data_ops_daily");
    assertThat(set.devices()).containsExactly(
        new LedgerDevice("a1/d1", "a1", "1# boiler", "high-energy", "boiler", "modbus-tcp", false, OptionalDouble.of(85.5), 7200),
        new LedgerDevice("a1/d2", "a1", "d2", "power", "meter", "mqtt", true, OptionalDouble.empty(), 0),
        new LedgerDevice("probe-1/host-1", "probe-1", "host-1", "business-host", "host", "probe", false,
            OptionalDouble.empty(), 240));
    assertThat(set.deviceHours()).containsExactly(
        new DeviceHour("a1/d1", at("05:00"), 2, 1, 1, 3),      // seq 3, backfill: raw points only count as backfill
        new DeviceHour("a1/d1", at("10:00"), 3, 1, 1, 0),      // seq 1 (2 good, 1 bad, p:avg) + seq 2; redelivery ignored
        new DeviceHour("a1/d1", at("11:00"), 1, 0, 0, 0),
        new DeviceHour("a1/d2", at("10:00"), 0, 1, 0, 0),
        new DeviceHour("probe-1/host-1", at("03:00"), 4, 0, 0, 4),
        new DeviceHour("probe-1/host-1", at("08:00"), 8, 0, 0, 0),
        new DeviceHour("probe-1/host-1", at("09:00"), 1, 0, 0, 0));
    assertThat(set.agentHours()).containsExactly(
        new AgentHour("a1", at("05:00"), 1, 4, 800, 1, 0),
        new AgentHour("a1", at("10:00"), 2, 7, 1500, 0, 1),
        new AgentHour("a9", at("07:00"), 0, 0, 0, 0, 1),
        new AgentHour("probe-1", at("03:00"), 1, 4, 0, 1, 0),
        new AgentHour("probe-1", at("09:00"), 1, 9, 0, 0, 0));
    assertThat(set.drops()).containsExactly(
        new DropHour("a1", at("10:00"), "nan", 7), new DropHour("a1", at("10:00"), "redundant", 2));
    assertThat(set.hosts()).containsExactly(
        new HostHour("probe-1/host-1", at("03:00"), 10, 0, 0, 1e6, 1, true),
        new HostHour("probe-1/host-1", at("08:00"), 30, 2000, 500, 1e6, 2, false),
        new HostHour("probe-1/host-1", at("09:00"), 50, Double.NaN, Double.NaN, Double.NaN, 1, false));
    assertThat(set.services()).containsExactly(
        new ServiceHour("ledger", at("23:00"), 1, false),
        new ServiceHour("realtime", at("10:00"), 5, false),
        new ServiceHour("realtime", at("10:00"), 2, true));
    assertThat(set.users()).containsExactly(
        new UserAccount("admin", "admin", Instant.parse("2026-01-01T00:00:00Z"), Optional.empty()),
        new UserAccount("bob", "operator", Instant.parse("2026-02-01T00:00:00Z"),
            Optional.of(Instant.parse("2026-11-01T00:00:00Z"))));
    assertThat(set.userHours()).containsExactly(new UserHour("admin", at("10:00"), false), new UserHour("bob", at("09:00"), true));
    // 5 batches stored on the 22nd + 2 service writes; 7 reads; 350 - 100 commits. The 21st and 23rd are outside.
    assertThat(set.dataOps()).containsExactly(new DataOpsDay(LocalDate.parse("2026-11-22"), 7, 7, OptionalLong.of(250)));
    assertThat(set.declarations()).containsExactly(new Declaration("cloud-investment", 320, "10k CNY",
        "contract HT-2026-001", Instant.parse("2026-10-01T00:00:00Z"), "admin"));
    assertThat(set.containsBackfill()).isTrue();
    assertThat(set.containsSimulated()).isTrue();
  }

  @Test
  void aCloudWithOnlyTelemetryOffersTelemetryAndTheSinksWritesButNoUsageHostsOrDeclarations() throws Exception {
    assertThat(new EvidenceQueries(ds).collect(WINDOW).available()).containsExactly(Source.TELEMETRY);
    write(batch("a1", 1, "10:05", List.of(Point.good("d1", "p", at("10:00"), 1))));
    EvidenceSet set = new EvidenceQueries(ds).collect(WINDOW);
    assertThat(set.available()).containsExactlyInAnyOrder(Source.TELEMETRY, Source.DATA_OPS);
    assertThat(set.dataOps()).containsExactly(new DataOpsDay(LocalDate.parse("2026-11-22"), 1, 0,
        set.dataOps().get(0).databaseCommits())); // sampled only when the test runs on that day
    assertThat(set.deviceHours()).containsExactly(new DeviceHour("a1/d1", at("10:00"), 1, 0, 0, 0));
    assertThat(set.hosts()).isEmpty();
  }

  @Test
  void batchesStreamInAgentAndSequenceOrderWithWhatTheCloudRecorded() throws Exception {
    writePlant();
    List<BatchRow> rows = new ArrayList<>();
    long n = new EvidenceQueries(ds).forEachBatch(WINDOW, rows::add);
    assertThat(n).isEqualTo(6);
    assertThat(rows).extracting(r -> r.agentId() + "#" + r.seq())
        .containsExactly("a1#1", "a1#2", "a1#3", "a1#4", "probe-1#1", "probe-1#2"); // a1#4 was created at 23:40 on the 21st
    assertThat(rows.get(0)).isEqualTo(new BatchRow("a1", 1, at("10:05"), at("10:05").plusSeconds(1), 6, 1000, false, H1));
    assertThat(rows.get(1).envelopeHash()).isNull();
    assertThat(rows.get(2).backfill()).isTrue();
    assertThat(rows.get(4).wireBytes()).isZero();
  }

  @Test
  void batchesStreamThroughAServerSideCursorNotIntoMemory() throws Exception {
    sql("INSERT INTO batches (agent_id, seq, created_at, received_at, stored_at, points, kafka_partition, kafka_offset) "
        + "SELECT 'a1', i, '2026-11-22T10:00Z', '2026-11-22T10:00Z', now(), 1, 0, i FROM generate_series(1, 5000) i");
    LastConnection last = new LastConnection(ds);
    List<Long> openPortals = new ArrayList<>();
    long[] expected = {1};
    long n = new EvidenceQueries(last).forEachBatch(WINDOW, r -> {
      assertThat(r.seq()).isEqualTo(expected[0]++);
      if (r.seq() == 1) {
        openPortals.add(last.count("SELECT count(*) FROM pg_cursors WHERE name <> ''")); // not this query's own
      }
    });
    assertThat(n).isEqualTo(5000);
    // While the first row is consumed the rest still waits in a cursor on the server.
    assertThat(openPortals).containsExactly(1L);
  }

  /** Hands out real connections and keeps the last one, to look at its session from inside a callback. */
  private static final class LastConnection extends org.postgresql.ds.PGSimpleDataSource {
    private final DataSource delegate;
    private Connection connection;

    LastConnection(DataSource delegate) {
      this.delegate = delegate;
    }

    @Override
    public Connection getConnection() throws java.sql.SQLException {
      connection = delegate.getConnection();
      return connection;
    }

    long count(String sql) {
      try (Statement s = connection.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The batches of the plant; every comment's figure in the first test follows from these. */
  private void writePlant() throws Exception {
    catalogue("a1", new DeviceInfo("d1", "1# boiler", EquipmentCategory.HIGH_ENERGY, "boiler", "modbus-tcp", false, List.of(), 7200),
        new DeviceInfo("d2", "d2", EquipmentCategory.POWER, "meter", "mqtt", true, List.of()));
    catalogue("probe-1", new DeviceInfo("host-1", "host-1", EquipmentCategory.OTHER, "host", "probe", false, List.of(), 240));
    sql("UPDATE devices SET category = 'business-host' WHERE id = 'host-1'", // the probe's category, set by hand here
        "UPDATE devices SET purchase_value_10k_cny = 85.5 WHERE id = 'd1'");

    Batch seq1 = new Batch("a1", 1, at("10:05"), List.of(
        Point.good("d1", "p", at("10:00"), 1), Point.good("d1", "p", at("10:00").plusSeconds(1), 2),
        Point.bad("d1", "p", at("10:00").plusSeconds(2), Quality.BAD_NO_COMMUNICATION),
        Point.good("d1", "p:avg", at("10:00"), 1.5), Point.good("d1", "p", at("11:00"), 3),
        Point.bad("d2", "q", at("10:30"), Quality.BAD_DEVICE_FAILURE)),
        List.of(new DropCount("d1", "p", "nan", 3), new DropCount("d1", "p", "redundant", 2)));
    write(seq1, headers(1000, H1, false));
    write(new Batch("a1", 2, at("10:50"), List.of(Point.good("d1", "p", at("10:10"), 4)),
        List.of(new DropCount("d1", "p", "nan", 4))), headers(500, null, false));
    write(batch("a1", 3, "05:20", List.of(Point.good("d1", "p", at("05:00"), 1), Point.good("d1", "p", at("05:01"), 1),
        Point.bad("d1", "p", at("05:02"), Quality.BAD_CONFIG), Point.good("d1", "p:max", at("05:00"), 1))),
        headers(800, H3, true));
    write(new Batch("a1", 4, Instant.parse("2026-11-21T23:40:00Z"),
        List.of(Point.good("d1", "p", Instant.parse("2026-11-21T23:40:00Z"), 1))), headers(100, null, false));
    write(seq1, headers(1000, H1, false)); // redelivered: changes nothing

    write(batch("probe-1", 1, "09:10", List.of(
        Point.good("host-1", "cpu_percent", at("08:00"), 20), Point.good("host-1", "cpu_percent", at("08:30"), 40),
        Point.good("host-1", "net_rx_bps", at("08:00"), 1000), Point.good("host-1", "net_rx_bps", at("08:30"), 3000),
        Point.good("host-1", "net_tx_bps", at("08:00"), 500), Point.good("host-1", "net_tx_bps", at("08:30"), 500),
        Point.good("host-1", "net_link_bps", at("08:00"), 1e6), Point.good("host-1", "net_link_bps", at("08:30"), 1e6),
        Point.good("host-1", "cpu_percent", at("09:00"), 50))));
    write(batch("probe-1", 2, "03:30", List.of(Point.good("host-1", "cpu_percent", at("03:00"), 10),
        Point.good("host-1", "net_rx_bps", at("03:00"), 0), Point.good("host-1", "net_tx_bps", at("03:00"), 0),
        Point.good("host-1", "net_link_bps", at("03:00"), 1e6))), headers(0, null, true));

    reject("a1", at("10:59"));
    reject("a9", at("07:15"));
    reject("a1", DAY.plusSeconds(86_400)); // the window's end: outside

    DataOps.recordReads(ds, at("12:00"), 7);
    DataOps.recordWrites(ds, at("13:00"), 2);
    DataOps.recordReads(ds, DAY.plusSeconds(86_400), 1); // the 23rd: outside
    sql("UPDATE data_ops_daily SET xact_commit_first = 100, xact_commit_last = 350 WHERE day = '2026-11-22'",
        "INSERT INTO service_usage VALUES ('realtime', '2026-11-22T10:00Z', false, 5), ('realtime', '2026-11-22T10:00Z', true, 2),"
            + " ('alarms', '2026-11-21T23:00Z', false, 9), ('ledger', '2026-11-22T23:00Z', false, 1)",
        "INSERT INTO users VALUES ('admin', 'admin', 'x', '2026-01-01T00:00Z', NULL), "
            + "('bob', 'operator', 'x', '2026-02-01T00:00Z', '2026-11-01T00:00Z')",
        "INSERT INTO user_activity VALUES ('admin', '2026-11-22T10:00Z', false), ('bob', '2026-11-22T09:00Z', true), "
            + "('admin', '2026-11-23T00:00Z', false)",
        "INSERT INTO declarations (item, value, unit, reference, declared_at, declared_by) "
            + "VALUES ('cloud-investment', 320, '10k CNY', 'contract HT-2026-001', '2026-10-01T00:00Z', 'admin')");
  }

  private static Instant at(String hhmm) {
    return Instant.parse("2026-11-22T" + hhmm + ":00Z");
  }

  private static Batch batch(String agent, long seq, String createdAt, List<Point> points) {
    return new Batch(agent, seq, at(createdAt), points);
  }

  private static Map<String, byte[]> headers(int wireBytes, byte[] hash, boolean backfill) {
    Map<String, byte[]> h = new HashMap<>();
    h.put(PipelineTopics.WIRE_BYTES_HEADER, ByteBuffer.allocate(4).putInt(wireBytes).array());
    h.put(PipelineTopics.BACKFILL_HEADER, new byte[] {(byte) (backfill ? 1 : 0)});
    if (hash != null) {
      h.put(PipelineTopics.HASH_HEADER, hash);
    }
    return h;
  }

  private void write(Batch b) throws Exception {
    write(b, Map.of());
  }

  private void write(Batch b, Map<String, byte[]> headers) throws Exception {
    writer.write(List.of(new Incoming(b.agentId(), "batches", BatchCodec.encode(b), b.createdAt().plusSeconds(1), 0,
        offset++, headers)));
  }

  private void catalogue(String agent, DeviceInfo... devices) throws Exception {
    byte[] bytes = DeviceCatalogCodec.encode(new DeviceCatalog(agent, DAY, List.of(devices)));
    writer.write(List.of(new Incoming(agent, "devices", bytes, DAY, 0, offset++)));
  }

  private void reject(String agent, Instant receivedAt) throws Exception {
    writer.write(List.of(new Incoming(agent, "batches", new byte[] {1, 2, 3}, receivedAt, 0, offset++)));
  }

  private void sql(String... statements) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }
}
