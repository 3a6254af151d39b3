package io.eoc.metrics.evidence;

import io.eoc.metrics.EvidenceException;
import io.eoc.metrics.Window;

/** Where evidence comes from: the cloud database, or an evidence export being verified. */
public interface EvidenceSource {
  /** Everything the indicators need for the window; a source it does not hold is left out of {@link EvidenceSet#available()}. */
  EvidenceSet collect(Window window) throws EvidenceException;
}
