package io.eoc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.ingest.enrol.CloudSecrets;
import io.eoc.ingest.infra.EmbeddedDatabase;
import io.eoc.ingest.store.Schema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code eoc assess --db-url … --out --export --html} then {@code eoc verify}, through the command line, on a real database. */
class VerifyEndToEndTest {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private final StringWriter out = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(out, true));
    return cl.execute(args);
  }

  @Test
  void aReportWrittenByAssessVerifiesAndATamperedExportIsNamed(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    String fingerprint = CloudSecrets.openOrCreate(data.resolve("secrets"), Clock.systemUTC()).reportKey().fingerprint();
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"))) {
      Schema.migrate(db.dataSource());
      try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("""
          INSERT INTO batches (agent_id, seq, created_at, received_at, stored_at, points, kafka_partition, kafka_offset,
                               backfill, envelope_hash, wire_bytes) VALUES ('plant-1', ?, ?, ?, ?, 40, 0, ?, false, ?, 900)""")) {
        for (int seq = 1; seq <= 48; seq++) {
          Instant t = T0.plus(Duration.ofHours(seq));
          ps.setLong(1, seq);
          ps.setTimestamp(2, Timestamp.from(t));
          ps.setTimestamp(3, Timestamp.from(t.plusSeconds(1)));
          ps.setTimestamp(4, Timestamp.from(t.plusSeconds(1)));
          ps.setLong(5, seq);
          ps.setBytes(6, new byte[] {(byte) seq});
          ps.addBatch();
        }
        ps.executeBatch();
      }
      Path report = dir.resolve("report.json");
      Path export = dir.resolve("evidence.jsonl");
      Path html = dir.resolve("report.html");
      assertThat(run("assess", "--db-url", db.jdbcUrl(), "--data-dir", data.toString(), "--level", "4",
          "--from", T0.toString(), "--to", T0.plus(Duration.ofDays(3)).toString(),
          "--out", report.toString(), "--export", export.toString(), "--html", html.toString(), "--lang", "en")).as(out.toString()).isZero();
      assertThat(out.toString()).contains("report-signing key fingerprint: " + fingerprint).contains("report written to " + report);
      assertThat(Files.readString(html)).contains("Star-rating assessment report");

      assertThat(run("verify", report.toString(), "--evidence", export.toString(), "--key-fingerprint", fingerprint))
          .as(out.toString()).isZero();
      assertThat(out.toString()).contains("✓ ledger: 48 batches, as signed").contains("VERIFIED: every check holds");

      List<String> lines = Files.readAllLines(export);
      lines.removeIf(l -> l.contains("\"seq\":30,"));
      Files.write(export, lines);
      assertThat(run("verify", report.toString(), "--evidence", export.toString(), "--key-fingerprint", fingerprint)).isEqualTo(1);
      assertThat(out.toString()).contains("✗ agent plant-1: seq 30 MISSING: removed or never stored")
          .contains("✗ subtree of agent plant-1, day 2026-11-02 differs");
    }
  }
}
