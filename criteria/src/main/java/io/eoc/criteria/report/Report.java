package io.eoc.criteria.report;

import io.eoc.criteria.Assessment;
import io.eoc.metrics.evidence.EvidenceSet;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A signed report: the canonical document (with its {@code signature} member), and the assessment and
 * evidence it was made from (for rendering it as HTML).
 */
public record Report(Map<String, Object> document, Assessment assessment, EvidenceSet evidence) {
  public Report {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(assessment, "assessment");
    Objects.requireNonNull(evidence, "evidence");
  }

  /** The file's bytes: the canonical JSON and a final newline. */
  public byte[] bytes() {
    return (CanonicalJson.write(document) + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
