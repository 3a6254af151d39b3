package io.eoc.ingest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eoc.criteria.report.BatchLedger;
import io.eoc.criteria.report.CanonicalJson;
import io.eoc.criteria.report.ReportKey;
import io.eoc.criteria.report.ReportVerifier;
import io.eoc.criteria.report.Verification;
import io.eoc.ingest.api.CloudApi;
import io.eoc.ingest.api.HttpServer;
import io.eoc.ingest.api.Router;
import io.eoc.ingest.store.EvidenceQueries;
import io.eoc.ingest.store.Schema;
import io.eoc.ingest.testing.SharedDatabase;
import io.eoc.ingest.users.AccessPolicy;
import io.eoc.ingest.users.Passwords;
import io.eoc.ingest.users.Role;
import io.eoc.ingest.users.Users;
import io.eoc.metrics.Window;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence export streamed over real HTTP from a real PostgreSQL holding thousands of batches (an
 * export of many chunks), downloaded as {@code eoc assess --cloud --export} does, and verified.
 */
class EvidenceExportStreamTest {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant NOW = T0.plus(Duration.ofDays(3));
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final ReportKey KEY = ReportKey.generate();
  private static final int BATCHES_PER_AGENT = 1500;
  private static final String QUERY = "rulebook=jiangsu-2023&level=4&from=" + T0 + "&to=" + NOW;
  private final HttpClient http = HttpClient.newHttpClient();
  private final StringWriter notes = new StringWriter();
  private DataSource ds;
  private Users users;
  private HttpServer server;

  @BeforeEach
  void setUp() throws Exception {
    ds = SharedDatabase.freshDatabase();
    Schema.migrate(ds);
    users = new Users(ds, CLOCK, Passwords.withIterations(1000), AccessPolicy.DEFAULT_SESSION_TTL);
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO batches (agent_id, seq, created_at, received_at, stored_at, points, kafka_partition, kafka_offset,"
          + " backfill, envelope_hash, wire_bytes) SELECT a, n, t, t + interval '1 second', t + interval '2 seconds', 50, 0, n,"
          + " n % 7 = 0, sha256(convert_to(a || n, 'UTF8')), 900 + n % 100"
          + " FROM unnest(ARRAY['a1', 'a-2']) a, generate_series(1, " + BATCHES_PER_AGENT + ") n,"
          + " LATERAL (SELECT timestamptz '" + T0 + "' + n * interval '2 minutes') x(t)");
      s.execute("INSERT INTO agents (id, first_seen, last_seen) VALUES ('a1', now(), now())");
      s.execute("INSERT INTO devices (agent_id, id, name, category, kind, protocol, simulated, updated_at)"
          + " SELECT 'a1', 'boiler-' || d, 'boiler ' || d, 'high-energy', 'boiler', 'modbus-tcp', true, now() FROM generate_series(1, 4) d");
      s.execute("INSERT INTO device_hours (agent_id, device_id, hour, good, bad) SELECT 'a1', 'boiler-' || d,"
          + " timestamptz '" + T0 + "' + h * interval '1 hour', 3600, h % 5 FROM generate_series(1, 4) d, generate_series(0, 71) h");
    }
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private String serve(BatchLedger ledger) {
    Router router = CloudApi.services(ds, CLOCK, users, AccessPolicy.defaults());
    new ReportApi(new ReportService(new EvidenceQueries(ds), ledger, KEY), CLOCK).register(router, route -> route);
    server = HttpServer.start("127.0.0.1", 0, router);
    return "http://127.0.0.1:" + server.port();
  }

  private ReportService local() {
    return new ReportService(new EvidenceQueries(ds), new JdbcBatchLedger(ds), KEY);
  }

  @Test
  void theExportDownloadedFromTheCloudIsTheOneWrittenHereAndVerifiesWithItsReport(@TempDir Path dir) throws Exception {
    String base = serve(new JdbcBatchLedger(ds));
    Path report = dir.resolve("report.json");
    Path fetched = dir.resolve("evidence.jsonl");
    ReportFiles.viaApi(http, base, QUERY, targets(report, fetched), new PrintWriter(notes));

    Instant at = Instant.parse((String) CanonicalJson.parseObject(Files.readString(report)).get("generatedAt"));
    Path local = dir.resolve("local.jsonl");
    ReportFiles.direct(local(), "jiangsu-2023", 4, Optional.of(new Window(T0, NOW)), at,
        targets(dir.resolve("local-report.json"), local), new PrintWriter(notes));

    assertThat(Files.size(fetched)).as("many chunks").isGreaterThan(5L * 64 * 1024);
    assertThat(Files.mismatch(fetched, local)).as("byte for byte").isEqualTo(-1);
    Verification v = ReportVerifier.verify(Files.readString(report), Optional.of(Files.newBufferedReader(fetched)),
        Optional.of(KEY.fingerprint()));
    assertThat(v.failures()).isEmpty();
    assertThat(v.checks()).extracting(Object::toString).contains("✓ ledger: " + 2 * BATCHES_PER_AGENT + " batches, as signed");
    assertThat(notes.toString()).contains("evidence export written to " + fetched);
    assertThat(partFiles(dir)).isEmpty();
  }

  @Test
  void theExportIsSentInChunksWithoutALength() throws Exception {
    String base = serve(new JdbcBatchLedger(ds));
    HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/evidence-export?" + QUERY)).build(),
        HttpResponse.BodyHandlers.ofLines());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("transfer-encoding")).hasValue("chunked");
    assertThat(r.headers().firstValue("content-length")).isEmpty();
    assertThat(r.headers().firstValue("content-type")).hasValue("application/x-ndjson; charset=utf-8");
    try (Stream<String> lines = r.body()) {
      assertThat(lines.filter(l -> l.startsWith("{\"agent\":")).count()).isEqualTo(2 * BATCHES_PER_AGENT);
    }
  }

  @Test
  void anExportThatFailsMidwayIsADownloadErrorAndLeavesTheOldFileAlone(@TempDir Path dir) throws Exception {
    AtomicInteger served = new AtomicInteger();
    BatchLedger failing = (window, entry) -> new JdbcBatchLedger(ds).forEach(window, e -> {
      if (served.incrementAndGet() > BATCHES_PER_AGENT) {
        throw new IllegalStateException("cursor lost");
      }
      entry.accept(e);
    });
    String base = serve(failing);
    Path target = dir.resolve("evidence.jsonl");
    Files.writeString(target, "an earlier export\n");

    assertThatThrownBy(() -> ReportFiles.download(http, base + "/api/evidence-export?" + QUERY, target))
        .isInstanceOf(IOException.class);
    assertThat(served.get()).as("failed after the first chunks went out").isGreaterThan(BATCHES_PER_AGENT);
    assertThat(Files.readString(target)).isEqualTo("an earlier export\n");
    assertThat(partFiles(dir)).isEmpty();
  }

  @Test
  void aRefusedExportIsReportedWithTheCloudsMessage(@TempDir Path dir) throws Exception {
    String base = serve(new JdbcBatchLedger(ds));
    Path target = dir.resolve("evidence.jsonl");

    assertThatThrownBy(() -> ReportFiles.download(http, base + "/api/evidence-export?" + QUERY + "&at=" + NOW.plusSeconds(60), target))
        .isInstanceOf(IOException.class).hasMessageContaining("HTTP 400").hasMessageContaining("'at' must not be in the future");
    assertThatThrownBy(() -> ReportFiles.download(http, base + "/api/evidence-export?level=4&rulebook=nonesuch", target))
        .isInstanceOf(IOException.class).hasMessageContaining("HTTP 400").hasMessageContaining("no built-in rulebook 'nonesuch'");
    assertThat(target).doesNotExist();
    assertThat(partFiles(dir)).isEmpty();
  }

  @Test
  void anAssessorMayFetchTheExportAndAnonymousMayNotOnceUsersExist() throws Exception {
    String base = serve(new JdbcBatchLedger(ds));
    users.add("auditor", Role.ASSESSOR, "correct horse battery".toCharArray());
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"auditor\",\"password\":\"correct horse battery\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    String token = new ObjectMapper().readTree(login.body()).get("token").asText();
    URI export = URI.create(base + "/api/evidence-export?" + QUERY);

    HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(export).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> assessor = http.send(HttpRequest.newBuilder(export).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).contains("needs a session");
    assertThat(assessor.statusCode()).isEqualTo(200);
    assertThat(assessor.body()).startsWith("{\"available\":").contains("\"format\":\"eoc-evidence/1\"");
  }

  private static ReportFiles.Targets targets(Path report, Path export) {
    return new ReportFiles.Targets(Optional.of(report), Optional.empty(), "en", Optional.of(export));
  }

  private static java.util.List<Path> partFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
    }
  }
}
