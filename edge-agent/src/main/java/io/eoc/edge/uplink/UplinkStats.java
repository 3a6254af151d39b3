package io.eoc.edge.uplink;

import java.time.Duration;
import java.util.Optional;

/**
 * Counters of the uplink. A batch leaves the outbox only when the cloud acknowledged it (durable
 * there) or refused it (counted in {@code refusedBatches}); nothing is dropped silently.
 *
 * @param lastAckLatency time from storing a batch in the outbox to the cloud's acknowledgement
 */
public record UplinkStats(boolean connected, int inFlight, long publishedBatches, long ackedBatches,
    long ackedBytes, long backfillBatches, long refusedBatches, long connects, Optional<Duration> lastAckLatency, long throttledBatches) {}
