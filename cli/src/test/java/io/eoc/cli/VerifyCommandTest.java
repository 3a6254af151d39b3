package io.eoc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.criteria.RulebookLoader;
import io.eoc.criteria.report.LedgerEntry;
import io.eoc.criteria.report.Report;
import io.eoc.criteria.report.ReportKey;
import io.eoc.criteria.report.ReportRequest;
import io.eoc.criteria.report.Reports;
import io.eoc.metrics.Window;
import io.eoc.metrics.evidence.DeviceHour;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.LedgerDevice;
import io.eoc.metrics.evidence.Source;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VerifyCommandTest {
  private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
  private static final ReportKey KEY = ReportKey.generate();
  private final StringWriter out = new StringWriter();
  @TempDir
  Path dir;
  private Path report;
  private Path export;

  @BeforeEach
  void signAReportAndItsExport() throws Exception {
    Window window = new Window(FROM, FROM.plus(Duration.ofDays(1)));
    EvidenceSet evidence = new EvidenceSet(window, "test", Set.of(Source.TELEMETRY),
        List.of(new LedgerDevice("a/boiler-1", "a", "boiler", "high-energy", "boiler", "modbus-tcp", true, OptionalDouble.empty(), 0)),
        List.of(new DeviceHour("a/boiler-1", FROM.plus(Duration.ofHours(3)), 3600, 0, 0, 0)),
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    List<LedgerEntry> ledger = List.of(1, 2, 3).stream().map(s -> LedgerEntry.of("a", s, FROM.plus(Duration.ofHours(s)),
        FROM.plus(Duration.ofHours(s)), 100, 900L, false, new byte[] {s.byteValue()})).toList();
    report = dir.resolve("report.json");
    export = dir.resolve("evidence.jsonl");
    try (OutputStream o = Files.newOutputStream(export)) {
      Report r = Reports.create(new ReportRequest(RulebookLoader.builtIn("jiangsu-2023"), 4, Optional.of(window),
          FROM.plus(Duration.ofDays(1))), evidence, (w, sink) -> ledger.forEach(sink), KEY, Optional.of(o));
      Files.write(report, r.bytes());
    }
  }

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(out, true));
    return cl.execute(args);
  }

  @Test
  void anIntactReportWithItsEvidenceAndPinnedKeyVerifies() {
    assertThat(run("verify", report.toString(), "--evidence", export.toString(), "--key-fingerprint", KEY.fingerprint())).isZero();
    assertThat(out.toString()).contains("✓ signature valid").contains("✓ Merkle root matches")
        .contains("✓ assessment recomputed from the exported evidence").contains("VERIFIED: every check holds");
  }

  @Test
  void anUnpinnedKeyIsShownWithAWarningButVerifies() {
    assertThat(run("verify", report.toString())).isZero();
    assertThat(out.toString()).contains("! signing key not pinned: its fingerprint is " + KEY.fingerprint());
  }

  @Test
  void aRemovedBatchFailsNamingItsSeq() throws Exception {
    List<String> lines = Files.readAllLines(export);
    lines.removeIf(l -> l.contains("\"seq\":2,"));
    Files.write(export, lines);
    assertThat(run("verify", report.toString(), "--evidence", export.toString(), "--key-fingerprint", KEY.fingerprint())).isEqualTo(1);
    assertThat(out.toString()).contains("✗ agent a: seq 2 MISSING: removed or never stored").contains("NOT VERIFIED");
  }

  @Test
  void aReportOfAnotherKeyIsRefused() {
    assertThat(run("verify", report.toString(), "--key-fingerprint", ReportKey.generate().fingerprint())).isEqualTo(1);
    assertThat(out.toString()).contains("is NOT the pinned key");
  }

  @Test
  void anUnreadableReportIsExitTwo() {
    assertThat(run("verify", dir.resolve("absent.json").toString())).isEqualTo(2);
  }
}
