package io.eoc.edge.outbox;

/**
 * The outbox is full and its policy is {@link FullPolicy#REFUSE_NEWEST}: nothing of the refused
 * append was stored. A checked exception, not an {@code IOException}, so that the caller cannot
 * mistake a full outbox for a failing disk and must count the refused batches.
 */
public final class OutboxFullException extends Exception {
  private final int refusedRecords;
  private final long neededBytes;
  private final long usedBytes;
  private final long maxBytes;

  OutboxFullException(int refusedRecords, long neededBytes, long usedBytes, long maxBytes) {
    super("outbox full: " + refusedRecords + " batch(es) of " + neededBytes + " bytes refused, "
        + usedBytes + " of " + maxBytes + " bytes in use");
    this.refusedRecords = refusedRecords;
    this.neededBytes = neededBytes;
    this.usedBytes = usedBytes;
    this.maxBytes = maxBytes;
  }

  public int refusedRecords() {
    return refusedRecords;
  }

  public long neededBytes() {
    return neededBytes;
  }

  public long usedBytes() {
    return usedBytes;
  }

  public long maxBytes() {
    return maxBytes;
  }
}
