package io.eoc.edge.outbox;

/** What {@link Outbox} does when an append would take it over {@link OutboxConfig#maxTotalBytes()}. */
public enum FullPolicy {
  /**
   * Delete the oldest segments, acknowledged or not, until the new batch fits. Every unacknowledged
   * batch deleted this way is returned by the append and counted in {@link OutboxStats#droppedOldest()}.
   */
  DROP_OLDEST,
  /**
   * Keep what is stored and refuse the new batch with {@link OutboxFullException}, counted in
   * {@link OutboxStats#refusedNewest()}.
   */
  REFUSE_NEWEST
}
