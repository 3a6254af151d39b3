package io.eoc.criteria.report;

import io.eoc.criteria.Assessment;
import io.eoc.criteria.AssessmentJson;
import io.eoc.criteria.Evaluator;
import io.eoc.metrics.EvidenceException;
import io.eoc.metrics.evidence.EvidenceSet;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes signed reports and evidence exports. One pass over the batch ledger feeds both the export (when
 * one is asked for) and the report's Merkle tree, so that the two always describe the same batches.
 *
 * <p>The export is JSON Lines (UTF-8, one canonical JSON value per line, {@code \n} after each): a
 * header, then every evidence section introduced by a marker line {@code {"section":"name"}} and
 * followed by one line per record, then the marker of the {@code ledger} section and one line per
 * batch in (agent, seq) order. Batches received after the report's instant are left out of both.
 */
public final class Reports {
  public static final String REPORT_FORMAT = "eoc-report/1";
  public static final String EXPORT_FORMAT = "eoc-evidence/1";
  public static final String LEDGER = "ledger";

  private Reports() {}

  /** Evaluates, writes the export to {@code export} (when present, left open) and signs the report. */
  public static Report create(ReportRequest request, EvidenceSet evidence, BatchLedger ledger, ReportKey key,
      Optional<OutputStream> export) throws EvidenceException, IOException {
    Map<String, List<String>> sections = EvidenceSetJson.lines(evidence);
    Writer out = export.<Writer>map(o -> new BufferedWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8), 1 << 16))
        .orElse(Writer.nullWriter());
    line(out, CanonicalJson.write(header(request, evidence, key.fingerprint())));
    for (Map.Entry<String, List<String>> s : sections.entrySet()) {
      line(out, marker(s.getKey()));
      for (String l : s.getValue()) {
        line(out, l);
      }
    }
    line(out, marker(LEDGER));
    LedgerSummary summary = new LedgerSummary();
    try {
      ledger.forEach(evidence.window(), e -> {
        if (e.receivedAt().isAfter(request.evaluatedAt())) {
          return;
        }
        String l = e.line();
        summary.add(e, l);
        summary.firstDisorder().ifPresent(d -> {
          throw new IllegalStateException("the batch ledger is not in (agent, seq) order: agent " + d.agent() + " seq "
              + d.seq() + " came after agent " + d.previousAgent() + " seq " + d.previousSeq());
        });
        uncheckedLine(out, l);
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.flush();
    Assessment assessment = new Evaluator(Clock.fixed(request.evaluatedAt(), ZoneOffset.UTC))
        .evaluate(request.rulebook(), request.level(), request.window(), evidence, request.evaluatedAt());
    Map<String, Object> doc = document(request, evidence, assessment, sections, summary);
    doc.put("signature", signature(key, doc));
    return new Report(doc, assessment, evidence);
  }

  /** The export's first line. */
  static Map<String, Object> header(ReportRequest request, EvidenceSet evidence, String fingerprint) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("format", EXPORT_FORMAT);
    h.put("rulebook", rulebook(request));
    h.put("level", request.level());
    h.put("window", window(evidence));
    h.put("windowMode", request.windowMode());
    h.put("generatedAt", request.evaluatedAt().toString());
    h.put("describe", evidence.describe());
    h.put("available", EvidenceSetJson.sources(evidence.available()));
    h.put("keyFingerprint", fingerprint);
    return h;
  }

  private static Map<String, Object> document(ReportRequest request, EvidenceSet evidence, Assessment assessment,
      Map<String, List<String>> sections, LedgerSummary ledger) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", REPORT_FORMAT);
    doc.put("rulebook", rulebook(request));
    doc.put("level", request.level());
    doc.put("window", window(evidence));
    doc.put("windowMode", request.windowMode());
    doc.put("generatedAt", request.evaluatedAt().toString());
    doc.put("assessment", AssessmentJson.toMap(assessment));
    doc.put("containsBackfill", evidence.containsBackfill());
    doc.put("containsSimulated", evidence.containsSimulated());
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("describe", evidence.describe());
    ev.put("available", EvidenceSetJson.sources(evidence.available()));
    Map<String, Object> digests = new LinkedHashMap<>();
    Map<String, Object> counts = new LinkedHashMap<>();
    sections.forEach((name, lines) -> {
      digests.put(name, EvidenceSetJson.digest(lines));
      counts.put(name, lines.size());
    });
    ev.put("sectionDigests", digests);
    ev.put("sectionCounts", counts);
    ev.put("batchCount", ledger.count());
    ev.put("merkleRoot", ledger.root());
    ev.put("merkleSubroots", ledger.subroots());
    ev.put("seqGaps", ledger.gaps().stream().map(LedgerSummary.Gap::toMap).toList());
    doc.put("evidence", ev);
    return doc;
  }

  /** The signature member over the canonical bytes of {@code doc} as it is (without a signature member). */
  static Map<String, Object> signature(ReportKey key, Map<String, Object> doc) {
    Map<String, Object> sig = new LinkedHashMap<>();
    sig.put("alg", ReportKey.ALGORITHM);
    sig.put("publicKey", key.publicKeyBase64());
    sig.put("keyFingerprint", key.fingerprint());
    sig.put("value", Base64.getEncoder().encodeToString(key.sign(CanonicalJson.bytes(doc))));
    return sig;
  }

  /** Signs a document again (after {@code signature} is removed): for tests of what a key holder could forge. */
  public static Map<String, Object> resign(Map<String, Object> doc, ReportKey key) {
    Map<String, Object> unsigned = new LinkedHashMap<>(doc);
    unsigned.remove("signature");
    unsigned.put("signature", signature(key, new LinkedHashMap<>(unsigned)));
    return unsigned;
  }

  private static Map<String, Object> rulebook(ReportRequest request) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", request.rulebook().id());
    m.put("version", request.rulebook().version());
    return m;
  }

  private static Map<String, Object> window(EvidenceSet evidence) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", evidence.window().from().toString());
    m.put("to", evidence.window().to().toString());
    return m;
  }

  static String marker(String section) {
    return CanonicalJson.write(Map.of("section", section));
  }

  private static void line(Writer out, String line) throws IOException {
    out.write(line);
    out.write('\n');
  }

  private static void uncheckedLine(Writer out, String line) {
    try {
      line(out, line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
