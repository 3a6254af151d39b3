package io.eoc.criteria.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.criteria.RulebookLoader;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static final ReportKey KEY = ReportKey.generate();
  private final ReportRequest request = new ReportRequest(RulebookLoader.builtIn("jiangsu-2023"), 4,
      Optional.of(Samples.WINDOW), Samples.AT);

  private record Made(String report, String export) {}

  private Made make(List<LedgerEntry> ledger) throws Exception {
    ByteArrayOutputStream export = new ByteArrayOutputStream();
    Report r = Reports.create(request, Samples.evidence(), Samples.ledgerSource(ledger), KEY, Optional.of(export));
    return new Made(new String(r.bytes(), StandardCharsets.UTF_8), export.toString(StandardCharsets.UTF_8));
  }

  private Made make() throws Exception {
    return make(Samples.ledger());
  }

  private static Verification verify(String report, String export, String pinned) throws Exception {
    return ReportVerifier.verify(report, Optional.ofNullable(export).map(e -> new BufferedReader(new StringReader(e))),
        Optional.ofNullable(pinned));
  }

  private static List<String> failures(Verification v) {
    return v.failures().stream().map(Check::message).toList();
  }

  private static String editLine(String export, String contains, java.util.function.UnaryOperator<String> edit) {
    List<String> lines = new ArrayList<>(List.of(export.split("\n")));
    int i = indexOf(lines, contains);
    lines.set(i, edit.apply(lines.get(i)));
    return String.join("\n", lines) + "\n";
  }

  private static int indexOf(List<String> lines, String contains) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(contains)) {
        return i;
      }
    }
    throw new AssertionError("no line contains " + contains);
  }

  @Test
  void aSignedReportAndItsExportVerifyAndTheFiguresRecompute() throws Exception {
    Made m = make();
    Verification v = verify(m.report(), m.export(), KEY.fingerprint());
    assertThat(failures(v)).isEmpty();
    assertThat(v.holds()).isTrue();
    assertThat(v.checks()).extracting(Check::toString).contains("✓ signature valid (Ed25519, key " + KEY.fingerprint() + ")",
            "✓ signing key is the pinned key " + KEY.fingerprint(), "✓ ledger in (agent, seq) order",
            "✓ no gaps in any agent's sequence numbers", "✓ ledger: 9 batches, as signed")
        .anyMatch(c -> c.startsWith("✓ Merkle root matches"))
        .anyMatch(c -> c.startsWith("✓ section hosts: 72 records, digest matches"))
        .anyMatch(c -> c.startsWith("✓ assessment recomputed from the exported evidence"));
  }

  @Test
  void theReportIsCanonicalAndSaysWhatItCovers() throws Exception {
    String report = make().report();
    Map<String, Object> doc = CanonicalJson.parseObject(report);
    assertThat(CanonicalJson.write(doc) + "\n").isEqualTo(report);
    assertThat(doc).containsEntry("format", "eoc-report/1").containsEntry("containsBackfill", true)
        .containsEntry("containsSimulated", true).containsEntry("windowMode", "explicit");
    @SuppressWarnings("unchecked")
    Map<String, Object> ev = (Map<String, Object>) doc.get("evidence");
    assertThat(ev).containsEntry("batchCount", 9L);
    assertThat((List<?>) ev.get("merkleSubroots")).hasSize(3); // a: 11-01 and 11-02; b: 11-03
    assertThat(make().report()).isEqualTo(report); // same evidence, same instant, same key: same bytes
  }

  @Test
  void withoutAPinnedFingerprintTheKeyIsPrintedAndFlagged() throws Exception {
    Verification v = verify(make().report(), null, null);
    assertThat(v.holds()).isTrue();
    assertThat(v.checks()).extracting(Check::toString)
        .anyMatch(c -> c.startsWith("! signing key not pinned: its fingerprint is " + KEY.fingerprint()))
        .anyMatch(c -> c.startsWith("! no evidence export given"));
  }

  @Test
  void aReportSignedByAnotherKeyIsRefusedWhenTheFingerprintIsPinned() throws Exception {
    Verification v = verify(make().report(), null, ReportKey.generate().fingerprint());
    assertThat(v.holds()).isFalse();
    assertThat(failures(v)).singleElement().asString().contains("is NOT the pinned key").contains("report refused");
  }

  @Test
  void oneAlteredFigureInTheReportBreaksTheSignature() throws Exception {
    String report = make().report();
    Matcher measured = Pattern.compile("\"measured\":(\\d)").matcher(report);
    assertThat(measured.find()).as("a measured figure in the report").isTrue();
    int digit = report.charAt(measured.start(1)) - '0';
    String altered = report.substring(0, measured.start(1)) + (digit + 1) % 10 + report.substring(measured.end(1));
    assertThat(failures(verify(altered, null, KEY.fingerprint()))).singleElement().asString()
        .startsWith("signature INVALID: the report was altered after it was signed");
  }

  @Test
  void anAlteredByteInAnEvidenceSectionNamesTheSection() throws Exception {
    Made m = make();
    String export = editLine(m.export(), "\"hostId\":\"h/host-1\",\"hour\":\"2026-11-01T05:00:00Z\"", l -> l.replaceFirst("\"samples\":60", "\"samples\":61"));
    List<String> failures = failures(verify(m.report(), export, KEY.fingerprint()));
    assertThat(failures).anyMatch(f -> f.startsWith("section hosts ALTERED: 72 records with digest"));
    assertThat(failures).noneMatch(f -> f.contains("section devices") || f.contains("signature") || f.contains("Merkle"));
  }

  @Test
  void aRemovedBatchIsNamedByItsSeqAndItsAgentDaySubtree() throws Exception {
    Made m = make();
    List<String> lines = new ArrayList<>(List.of(m.export().split("\n")));
    lines.remove(indexOf(lines, "\"agent\":\"a\",\"backfill\":false,\"createdAt\":\"2026-11-01T18:00:00Z\"")); // a, seq 3
    List<String> failures = failures(verify(m.report(), String.join("\n", lines) + "\n", KEY.fingerprint()));
    assertThat(failures).contains("agent a: seq 3 MISSING: removed or never stored",
        "ledger has 8 batches; the report signed 9", "subtree of agent a, day 2026-11-01 differs: 2 batches in the export, 3 signed");
    assertThat(failures).anyMatch(f -> f.startsWith("Merkle root"));
    assertThat(failures).noneMatch(f -> f.contains("day 2026-11-02") || f.contains("OUT OF ORDER"));
  }

  @Test
  void twoSwappedBatchesAreNamedOutOfOrderNotMissing() throws Exception {
    Made m = make();
    List<String> lines = new ArrayList<>(List.of(m.export().split("\n")));
    int seq4 = indexOf(lines, "\"seq\":4,");
    int seq5 = indexOf(lines, "\"seq\":5,");
    Collections.swap(lines, seq4, seq5);
    List<String> failures = failures(verify(m.report(), String.join("\n", lines) + "\n", KEY.fingerprint()));
    assertThat(failures).contains("ledger OUT OF ORDER at line " + (seq5 + 1) + ": agent a seq 4 comes after agent a seq 5");
    assertThat(failures).noneMatch(f -> f.contains("MISSING"));
    assertThat(failures).anyMatch(f -> f.startsWith("Merkle root"));
  }

  @Test
  void anAlteredBatchIsNamedByItsAgentDaySubtree() throws Exception {
    Made m = make();
    String export = editLine(m.export(), "\"seq\":5,", l -> l.replace("\"points\":50", "\"points\":500"));
    List<String> failures = failures(verify(m.report(), export, KEY.fingerprint()));
    assertThat(failures).containsExactly("subtree of agent a, day 2026-11-02 differs: 3 batches in the export, 3 signed",
        failures.get(1));
    assertThat(failures.get(1)).startsWith("Merkle root");
  }

  @Test
  void aGapPresentWhenSignedIsStatedNotFailed() throws Exception {
    List<LedgerEntry> ledger = new ArrayList<>(Samples.ledger());
    ledger.remove(2); // a, seq 3: never stored
    Made m = make(ledger);
    Verification v = verify(m.report(), m.export(), KEY.fingerprint());
    assertThat(failures(v)).isEmpty();
    assertThat(v.checks()).extracting(Check::toString).contains("! agent a: seq 3 never stored (a gap the report states)");
  }

  @Test
  void aSignedReportWhoseFiguresTheEvidenceDoesNotGiveNamesEachFigure() throws Exception {
    Made m = make();
    Map<String, Object> doc = CanonicalJson.parseObject(m.report());
    @SuppressWarnings("unchecked")
    Map<String, Object> assessment = new LinkedHashMap<>((Map<String, Object>) doc.get("assessment"));
    @SuppressWarnings("unchecked")
    List<Object> results = new ArrayList<>((List<Object>) assessment.get("results"));
    @SuppressWarnings("unchecked")
    Map<String, Object> first = new LinkedHashMap<>((Map<String, Object>) results.get(0));
    first.put("measured", 42L);
    results.set(0, first);
    assessment.put("results", results);
    doc.put("assessment", assessment);
    String forged = CanonicalJson.write(Reports.resign(doc, KEY)) + "\n"; // the key holder signs figures the evidence does not give
    List<String> failures = failures(verify(forged, m.export(), KEY.fingerprint()));
    assertThat(failures).singleElement().asString()
        .startsWith("figure results[" + first.get("rule") + "].measured: the report says 42, recomputed ");
  }

  @Test
  void anExportOfAnotherAssessmentDoesNotMatchTheHeader() throws Exception {
    Made m = make();
    String export = editLine(m.export(), "\"format\":\"eoc-evidence/1\"", l -> l.replace("\"level\":4", "\"level\":5"));
    assertThat(failures(verify(m.report(), export, KEY.fingerprint())))
        .contains("export header does not match the report: level is 5, the report says 4");
  }
}
