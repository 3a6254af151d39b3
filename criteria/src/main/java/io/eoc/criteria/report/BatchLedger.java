package io.eoc.criteria.report;

import io.eoc.metrics.EvidenceException;
import io.eoc.metrics.Window;
import java.util.function.Consumer;

/** The stored batches whose creation time lies in a window, streamed in (agent, seq) order. */
@FunctionalInterface
public interface BatchLedger {
  void forEach(Window window, Consumer<LedgerEntry> entry) throws EvidenceException;

  /** A cloud without a batch ledger: the report's tree is then empty, and says so by its count. */
  BatchLedger NONE = (window, entry) -> { };
}
