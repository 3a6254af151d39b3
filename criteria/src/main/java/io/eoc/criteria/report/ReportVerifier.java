package io.eoc.criteria.report;

import io.eoc.criteria.Assessment;
import io.eoc.criteria.AssessmentJson;
import io.eoc.criteria.Evaluator;
import io.eoc.criteria.Rulebook;
import io.eoc.criteria.RulebookLoader;
import io.eoc.metrics.Window;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.Source;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a report offline: its signature (and the key against a pinned fingerprint), and, given the
 * evidence export, that the export is the evidence the report signed (header, section digests, ledger
 * order, sequence gaps, Merkle subtrees and root) and that the assessment recomputed from it gives the
 * figures of the report. Every check is made and reported, so that one run names every discrepancy.
 */
public final class ReportVerifier {
  private final List<Check> checks = new ArrayList<>();
  private Map<String, Object> report;

  private ReportVerifier() {}

  /**
   * @param reportText the report file's text
   * @param export the evidence export, when given (read to its end, not closed)
   * @param pinnedFingerprint the report-signing key's fingerprint the assessor holds, when given
   */
  public static Verification verify(String reportText, Optional<BufferedReader> export, Optional<String> pinnedFingerprint)
      throws IOException {
    ReportVerifier v = new ReportVerifier();
    v.run(reportText, export, pinnedFingerprint);
    return new Verification(v.checks);
  }

  private void run(String text, Optional<BufferedReader> export, Optional<String> pinned) throws IOException {
    try {
      report = CanonicalJson.parseObject(text);
    } catch (IllegalArgumentException e) {
      checks.add(Check.fail("the report is not valid JSON: " + e.getMessage()));
      return;
    }
    checks.add(Check.of(Reports.REPORT_FORMAT.equals(report.get("format")), "report format " + Reports.REPORT_FORMAT,
        "unknown report format " + CanonicalJson.write(report.get("format")) + "; this eoc reads " + Reports.REPORT_FORMAT));
    Optional<String> fingerprint = signature();
    fingerprint.ifPresent(f -> pin(f, pinned));
    if (export.isPresent()) {
      evidence(ExportReader.read(export.get()));
    } else {
      checks.add(Check.warn("no evidence export given: the figures were not recomputed (eoc verify report.json --evidence evidence.jsonl)"));
    }
  }

  /** Checks the signature; returns the key's fingerprint when the signature member is well formed. */
  private Optional<String> signature() {
    if (!(report.get("signature") instanceof Map<?, ?> sig)) {
      checks.add(Check.fail("the report carries no signature"));
      return Optional.empty();
    }
    Object alg = sig.get("alg");
    byte[] key;
    byte[] value;
    try {
      key = Base64.getDecoder().decode((String) sig.get("publicKey"));
      value = Base64.getDecoder().decode((String) sig.get("value"));
    } catch (RuntimeException e) {
      checks.add(Check.fail("the signature member is malformed: publicKey and value must be base64 strings"));
      return Optional.empty();
    }
    String fingerprint = ReportKey.fingerprint(key);
    if (!fingerprint.equals(sig.get("keyFingerprint"))) {
      checks.add(Check.fail("the signature's keyFingerprint " + sig.get("keyFingerprint") + " is not that of its public key ("
          + fingerprint + ")"));
    }
    Map<String, Object> unsigned = new LinkedHashMap<>(report);
    unsigned.remove("signature");
    boolean valid = ReportKey.ALGORITHM.equals(alg) && ReportKey.verify(key, CanonicalJson.bytes(unsigned), value);
    checks.add(Check.of(valid, "signature valid (Ed25519, key " + fingerprint + ")",
        "signature INVALID: the report was altered after it was signed, or not signed by key " + fingerprint));
    return Optional.of(fingerprint);
  }

  private void pin(String fingerprint, Optional<String> pinned) {
    if (pinned.isEmpty()) {
      checks.add(Check.warn("signing key not pinned: its fingerprint is " + fingerprint + "; compare it with the one the cloud"
          + " prints at start, then verify with --key-fingerprint " + fingerprint));
      return;
    }
    String want = pinned.get().replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
    checks.add(Check.of(want.equals(fingerprint), "signing key is the pinned key " + fingerprint,
        "signing key " + fingerprint + " is NOT the pinned key " + want + ": report refused"));
  }

  private void evidence(ExportReader export) {
    export.problems.forEach(p -> checks.add(Check.fail("evidence export " + p)));
    Map<String, Object> signed = object(report, "evidence");
    header(export.header, signed);
    sections(export.sections, signed);
    ledger(export, signed);
    recompute(export, signed);
  }

  private void header(Map<String, Object> header, Map<String, Object> signed) {
    if (header == null) {
      return;
    }
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("format", Reports.EXPORT_FORMAT);
    for (String k : List.of("rulebook", "level", "window", "windowMode", "generatedAt")) {
      expected.put(k, report.get(k));
    }
    expected.put("describe", signed.get("describe"));
    expected.put("available", signed.get("available"));
    expected.put("keyFingerprint", report.get("signature") instanceof Map<?, ?> s ? s.get("keyFingerprint") : null);
    List<String> diffs = new ArrayList<>();
    expected.forEach((k, v) -> {
      if (!Objects.equals(CanonicalJson.normalise(v), header.get(k))) {
        diffs.add(k + " is " + CanonicalJson.write(header.get(k)) + ", the report says " + CanonicalJson.write(v));
      }
    });
    Set<String> extra = new java.util.TreeSet<>(header.keySet());
    extra.removeAll(expected.keySet());
    extra.forEach(k -> diffs.add("unexpected field " + k));
    checks.add(Check.of(diffs.isEmpty(), "export header matches the report (rulebook, level, window, instant, key)",
        "export header does not match the report: " + String.join("; ", diffs)));
  }

  private void sections(Map<String, List<String>> found, Map<String, Object> signed) {
    Map<String, Object> digests = object(signed, "sectionDigests");
    Map<String, Object> counts = object(signed, "sectionCounts");
    Set<String> names = new java.util.TreeSet<>(digests.keySet());
    names.addAll(found.keySet());
    for (String name : EvidenceSetJson.SECTIONS.stream().filter(names::contains).toList()) {
      sectionCheck(name, found.get(name), digests.get(name), counts.get(name));
    }
    names.removeAll(EvidenceSetJson.SECTIONS);
    names.forEach(n -> checks.add(Check.fail("section " + n + " is not an evidence section of this format")));
  }

  private void sectionCheck(String name, List<String> lines, Object digest, Object count) {
    if (lines == null) {
      checks.add(Check.fail("section " + name + " is missing from the export (the report signed " + count + " records)"));
    } else if (digest == null) {
      checks.add(Check.fail("section " + name + " is in the export but not in the report"));
    } else {
      String d = EvidenceSetJson.digest(lines);
      checks.add(Check.of(d.equals(digest), "section " + name + ": " + lines.size() + " records, digest matches",
          "section " + name + " ALTERED: " + lines.size() + " records with digest " + d + "; the report signed " + count
              + " records with digest " + digest));
    }
  }

  private void ledger(ExportReader export, Map<String, Object> signed) {
    LedgerSummary l = export.ledger;
    if (!export.ledgerSeen) {
      checks.add(Check.fail("the export has no ledger section"));
    }
    List<LedgerSummary.Disorder> disorders = l.disorders();
    checks.add(disorders.isEmpty() ? Check.ok("ledger in (agent, seq) order") : Check.fail("ledger OUT OF ORDER at line "
        + disorders.get(0).line() + ": agent " + disorders.get(0).agent() + " seq " + disorders.get(0).seq() + " comes after agent "
        + disorders.get(0).previousAgent() + " seq " + disorders.get(0).previousSeq()
        + (disorders.size() > 1 ? " (" + (disorders.size() - 1) + " more out of order)" : "")));
    gaps(l.gaps(), signed.get("seqGaps") instanceof List<?> g ? g : List.of());
    checks.add(Check.of(Objects.equals(signed.get("batchCount"), l.count()), "ledger: " + l.count() + " batches, as signed",
        "ledger has " + l.count() + " batches; the report signed " + signed.get("batchCount")));
    subroots(l.subroots(), signed.get("merkleSubroots") instanceof List<?> s ? s : List.of());
    checks.add(Check.of(l.root().equals(signed.get("merkleRoot")), "Merkle root matches " + l.root(),
        "Merkle root " + l.root() + " differs from the signed " + signed.get("merkleRoot")));
  }

  private void gaps(List<LedgerSummary.Gap> found, List<?> signedGaps) {
    List<Object> signed = new ArrayList<>(signedGaps);
    for (LedgerSummary.Gap g : found) {
      if (signed.remove(CanonicalJson.normalise(g.toMap()))) {
        checks.add(Check.warn(g.describe() + " never stored (a gap the report states)"));
      } else {
        checks.add(Check.fail(g.describe() + " MISSING: removed or never stored"));
      }
    }
    signed.forEach(g -> checks.add(Check.fail("a gap the report states is not in the export (batches added): "
        + CanonicalJson.write(g))));
    if (found.isEmpty() && signedGaps.isEmpty()) {
      checks.add(Check.ok("no gaps in any agent's sequence numbers"));
    }
  }

  private void subroots(List<Map<String, Object>> found, List<?> signed) {
    Map<String, Object> want = new LinkedHashMap<>();
    signed.forEach(o -> {
      if (o instanceof Map<?, ?> m) {
        want.put(m.get("agent") + ", day " + m.get("day"), m);
      }
    });
    int matching = 0;
    for (Map<String, Object> s : found) {
      String key = s.get("agent") + ", day " + s.get("day");
      Object w = want.remove(key);
      if (w instanceof Map<?, ?> m && Objects.equals(m.get("root"), s.get("root"))) {
        matching++;
      } else {
        checks.add(Check.fail("subtree of agent " + key + " differs: " + s.get("count") + " batches in the export"
            + (w instanceof Map<?, ?> m ? ", " + m.get("count") + " signed" : ", none signed")));
      }
    }
    want.forEach((key, m) -> checks.add(Check.fail("subtree of agent " + key + " is missing from the export ("
        + ((Map<?, ?>) m).get("count") + " batches signed)")));
    if (matching > 0) {
      checks.add(Check.ok(matching + " agent-day subtree root(s) match"));
    }
  }

  private void recompute(ExportReader export, Map<String, Object> signed) {
    EvidenceSet evidence;
    Rulebook book;
    Fields f = new Fields("report", report);
    try {
      Map<String, Object> rb = f.object("rulebook");
      book = RulebookLoader.builtIn(String.valueOf(rb.get("id")));
      if (!Objects.equals(rb.get("version"), (long) book.version())) {
        checks.add(Check.fail("cannot recompute: the report used rulebook " + book.id() + " version " + rb.get("version")
            + ", this eoc has version " + book.version()));
        return;
      }
      Map<String, Object> w = f.object("window");
      Window window = new Window(Instant.parse((String) w.get("from")), Instant.parse((String) w.get("to")));
      Set<Source> sources = EnumSet.noneOf(Source.class);
      new Fields("report evidence", signed).list("available").forEach(s -> sources.add(Source.valueOf((String) s)));
      evidence = EvidenceSetJson.fromLines(window, new Fields("report evidence", signed).string("describe"), sources, export.sections);
      Instant at = f.instant("generatedAt");
      Optional<Window> explicit = "explicit".equals(report.get("windowMode")) ? Optional.of(window) : Optional.empty();
      Assessment a = new Evaluator(Clock.fixed(at, ZoneOffset.UTC)).evaluate(book, (int) f.integer("level"), explicit, evidence, at);
      compare(a, evidence);
    } catch (RuntimeException e) {
      checks.add(Check.fail("cannot recompute the assessment: " + e.getMessage()));
    }
  }

  private void compare(Assessment a, EvidenceSet evidence) {
    List<String> diffs = TreeDiff.between(report.get("assessment"), AssessmentJson.toMap(a));
    diffs.forEach(d -> checks.add(Check.fail("figure " + d)));
    boolean flagsMatch = true;
    for (Map.Entry<String, Boolean> e : Map.of("containsBackfill", evidence.containsBackfill(),
        "containsSimulated", evidence.containsSimulated()).entrySet()) {
      if (!Objects.equals(report.get(e.getKey()), e.getValue())) {
        checks.add(Check.fail(e.getKey() + ": the report says " + report.get(e.getKey()) + ", the evidence says " + e.getValue()));
        flagsMatch = false;
      }
    }
    if (diffs.isEmpty() && flagsMatch) {
      checks.add(Check.ok("assessment recomputed from the exported evidence: all " + a.results().size()
          + " results and every figure match"));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Map<String, Object> m, String key) {
    return m.get(key) instanceof Map<?, ?> o ? (Map<String, Object>) o : Map.of();
  }
}
