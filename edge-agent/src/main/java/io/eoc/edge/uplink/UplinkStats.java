package io.eoc.edge.uplink;

/**
 * Counters of the uplink. Every batch that leaves the queue other than by the cloud's
 * acknowledgement is counted in {@code droppedBatches}/{@code droppedPoints} or
 * {@code refusedBatches}, never silently lost.
 */
public record UplinkStats(boolean connected, int queued, int inFlight, long publishedBatches,
    long ackedBatches, long ackedPoints, long droppedBatches, long droppedPoints,
    long refusedBatches, long connects) {}
