package io.eoc.edge.outbox;

/** The counters behind {@link OutboxStats}; guarded by the outbox state lock. */
final class OutboxCounters {
  final long tornTails;
  final long quarantined;
  long appended;
  long acked;
  long droppedOldest;
  long refusedNewest;

  OutboxCounters(long tornTails, long quarantined) {
    this.tornTails = tornTails;
    this.quarantined = quarantined;
  }

  OutboxStats snapshot(SegmentStore store) {
    return new OutboxStats(store.unackedRecords(), store.unackedBytes(), store.oldestUnackedAt(),
        appended, acked, droppedOldest, refusedNewest, tornTails, quarantined, store.diskBytes());
  }
}
