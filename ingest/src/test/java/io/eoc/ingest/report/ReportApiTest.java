package io.eoc.ingest.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.criteria.report.CanonicalJson;
import io.eoc.criteria.report.ReportKey;
import io.eoc.criteria.report.ReportVerifier;
import io.eoc.criteria.report.Verification;
import io.eoc.ingest.api.ApiRequest;
import io.eoc.ingest.api.ApiResponse;
import io.eoc.ingest.api.Router;
import io.eoc.ingest.store.EvidenceQueries;
import io.eoc.ingest.store.Schema;
import io.eoc.ingest.testing.SharedDatabase;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reports over HTTP routes, from a real PostgreSQL holding a batch ledger, verified as an assessor would. */
class ReportApiTest {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant NOW = T0.plus(Duration.ofDays(2));
  private static final ReportKey KEY = ReportKey.generate();
  private DataSource ds;
  private Router router;

  @BeforeEach
  void setUp() throws Exception {
    ds = SharedDatabase.freshDatabase();
    Schema.migrate(ds);
    // "a-2" sorts before "a1" by code point ('-' < '1') whatever the database's collation says
    for (String agent : List.of("a1", "a-2")) {
      for (long seq = 1; seq <= 30; seq++) {
        if (agent.equals("a1") && seq == 7) {
          continue; // never stored
        }
        insertBatch(agent, seq, T0.plus(Duration.ofHours(seq + (agent.equals("a1") ? 0 : 10))), seq % 3 == 0);
      }
    }
    router = new Router();
    new ReportApi(new ReportService(new EvidenceQueries(ds), new JdbcBatchLedger(ds), KEY), Clock.fixed(NOW, ZoneOffset.UTC))
        .register(router, route -> route);
  }

  private void insertBatch(String agent, long seq, Instant created, boolean withoutHash) throws Exception {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
        INSERT INTO batches (agent_id, seq, created_at, received_at, stored_at, points, kafka_partition, kafka_offset,
                             backfill, envelope_hash, wire_bytes) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)""")) {
      ps.setString(1, agent);
      ps.setLong(2, seq);
      ps.setTimestamp(3, Timestamp.from(created));
      ps.setTimestamp(4, Timestamp.from(created.plusSeconds(1)));
      ps.setTimestamp(5, Timestamp.from(created.plusSeconds(2)));
      ps.setInt(6, 50);
      ps.setLong(7, seq);
      ps.setBoolean(8, seq < 3);
      ps.setBytes(9, withoutHash ? null : new byte[] {(byte) seq, 7});
      if (withoutHash) {
        ps.setNull(10, java.sql.Types.INTEGER);
      } else {
        ps.setInt(10, 1000 + (int) seq);
      }
      ps.executeUpdate();
    }
  }

  private ApiResponse get(String path, String... params) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    for (int i = 0; i < params.length; i += 2) {
      q.put(params[i], List.of(params[i + 1]));
    }
    return router.dispatch(new ApiRequest("GET", path, q));
  }

  /** The body, written out here when it is streamed (as the server would send it). */
  private static String text(ApiResponse r) {
    if (r.stream().isEmpty()) {
      return new String(r.body(), StandardCharsets.UTF_8);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      r.stream().get().writeTo(out);
    } catch (Exception e) {
      throw new AssertionError("the streamed body failed", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aReportAndTheExportAtItsInstantVerifyWithTheLedgerFromTheDatabase() throws Exception {
    ApiResponse report = get("/api/report", "from", T0.toString(), "to", NOW.toString(), "level", "4");
    assertThat(report.status()).as(text(report)).isEqualTo(200);
    Map<String, Object> doc = CanonicalJson.parseObject(text(report));
    ApiResponse export = get("/api/evidence-export", "from", T0.toString(), "to", NOW.toString(), "level", "4",
        "at", (String) doc.get("generatedAt"));
    assertThat(export.status()).isEqualTo(200);
    assertThat(export.contentType()).startsWith("application/x-ndjson");

    Verification v = ReportVerifier.verify(text(report), Optional.of(new BufferedReader(new StringReader(text(export)))),
        Optional.of(KEY.fingerprint()));
    assertThat(v.failures()).isEmpty();
    assertThat(v.checks()).extracting(Object::toString).contains("✓ ledger: 59 batches, as signed",
        "! agent a1: seq 7 never stored (a gap the report states)", "✓ ledger in (agent, seq) order");
    List<String> ledger = new ArrayList<>(List.of(text(export).split("\n")));
    assertThat(ledger.get(ledger.indexOf("{\"section\":\"ledger\"}") + 1)).startsWith("{\"agent\":\"a-2\"")
        .contains("\"envelopeHash\":\"0107\"").contains("\"wireBytes\":1001");
  }

  @Test
  void theHtmlReportIsServedInTheLanguageAsked() {
    ApiResponse zh = get("/api/report", "from", T0.toString(), "to", NOW.toString(), "format", "html");
    ApiResponse en = get("/api/report", "from", T0.toString(), "to", NOW.toString(), "format", "html", "lang", "en");
    assertThat(zh.contentType()).startsWith("text/html");
    assertThat(text(zh)).contains("星级上云评估报告");
    assertThat(text(en)).contains("Star-rating assessment report");
  }

  @Test
  void badParametersAreRefusedSayingWhatIsAllowed() {
    assertThat(text(get("/api/report", "format", "pdf"))).contains("format must be json or html");
    assertThat(text(get("/api/report", "lang", "fr", "format", "html"))).contains("lang must be zh or en");
    assertThat(get("/api/evidence-export", "from", T0.toString(), "at", NOW.plusSeconds(60).toString()).status()).isEqualTo(400);
  }
}
