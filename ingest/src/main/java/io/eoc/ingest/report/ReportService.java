package io.eoc.ingest.report;

import io.eoc.criteria.RulebookLoader;
import io.eoc.criteria.report.BatchLedger;
import io.eoc.criteria.report.Report;
import io.eoc.criteria.report.ReportKey;
import io.eoc.criteria.report.ReportRequest;
import io.eoc.criteria.report.Reports;
import io.eoc.metrics.EvidenceException;
import io.eoc.metrics.Window;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.EvidenceSource;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * Makes the cloud's signed reports and evidence exports from its database: shared by the HTTP API and
 * {@code eoc assess --db-url}. Evidence that cannot be read yields a report that says so (every rule
 * "no evidence"), not a failure; a batch ledger that cannot be read fails, since the report would
 * otherwise sign an empty tree.
 */
public final class ReportService {
  private final EvidenceSource evidence;
  private final BatchLedger ledger;
  private final ReportKey key;

  public ReportService(EvidenceSource evidence, BatchLedger ledger, ReportKey key) {
    this.evidence = evidence;
    this.ledger = ledger;
    this.key = key;
  }

  public ReportKey key() {
    return key;
  }

  /**
   * @param at the instant assessed (to the second); give a report's {@code generatedAt} to make its export again
   * @param export where the evidence export goes, when wanted (left open)
   */
  public Report create(String rulebook, int level, Optional<Window> window, Instant at, Optional<OutputStream> export)
      throws EvidenceException, IOException {
    ReportRequest request = new ReportRequest(RulebookLoader.builtIn(rulebook), level, window, at);
    EvidenceSet set;
    try {
      set = evidence.collect(request.evidenceWindow());
    } catch (EvidenceException e) {
      set = EvidenceSet.none(request.evidenceWindow(), "evidence could not be read: " + e.getMessage());
    }
    return Reports.create(request, set, ledger, key, export);
  }
}
