package io.eoc.edge.outbox;

import java.time.Instant;
import java.util.Optional;

/**
 * A consistent snapshot of the outbox.
 *
 * @param depthRecords batches stored and not yet acknowledged
 * @param depthBytes framed bytes (header + payload) of those batches
 * @param oldestAppendedAt when the oldest unacknowledged batch was stored, empty when none
 * @param appended batches appended since open
 * @param acked batches acknowledged since open (each sequence once)
 * @param droppedOldest unacknowledged batches deleted by {@link FullPolicy#DROP_OLDEST} since open
 * @param refusedNewest batches refused by {@link FullPolicy#REFUSE_NEWEST} since open
 * @param tornTailsTruncated incomplete writes cut off the last segment when opening
 * @param corruptQuarantined corrupt regions moved to {@code .corrupt} files when opening
 * @param diskBytes bytes of all segment files, acknowledged records included; this is what
 *     {@link OutboxConfig#maxTotalBytes()} bounds ({@code .corrupt} quarantine files are not counted)
 */
public record OutboxStats(long depthRecords, long depthBytes, Optional<Instant> oldestAppendedAt,
    long appended, long acked, long droppedOldest, long refusedNewest, long tornTailsTruncated,
    long corruptQuarantined, long diskBytes) {}
