package io.eoc.edge.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of an {@link Outbox}, validated once: every problem is reported in one exception.
 *
 * @param segmentBytes a segment is closed and a new one started when the next record would take it
 *     past this size (a single larger record still gets a segment of its own)
 * @param maxTotalBytes bound on the bytes of all segment files; see {@link FullPolicy}
 * @param fullPolicy what to do when an append would exceed {@code maxTotalBytes}
 * @param maxPayloadBytes largest payload accepted by append
 * @param ackSyncEvery the ack log is forced to disk after this many acks; after a power loss at most
 *     {@code ackSyncEvery - 1} acknowledged batches come back as unacknowledged (none after a
 *     process crash, because every ack is written to the OS before {@code ack} returns)
 */
public record OutboxConfig(long segmentBytes, long maxTotalBytes, FullPolicy fullPolicy,
    int maxPayloadBytes, int ackSyncEvery) {
  public static final long DEFAULT_SEGMENT_BYTES = 16L << 20;
  public static final long DEFAULT_MAX_TOTAL_BYTES = 1L << 30;
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 8 << 20;
  public static final int DEFAULT_ACK_SYNC_EVERY = 64;

  public OutboxConfig {
    List<String> errors = new ArrayList<>();
    if (fullPolicy == null) {
      errors.add("fullPolicy is required (one of DROP_OLDEST, REFUSE_NEWEST)");
    }
    if (segmentBytes < 1024) {
      errors.add("segmentBytes must be >= 1024, got " + segmentBytes);
    }
    if (maxPayloadBytes < 1) {
      errors.add("maxPayloadBytes must be >= 1, got " + maxPayloadBytes);
    }
    if (ackSyncEvery < 1) {
      errors.add("ackSyncEvery must be >= 1, got " + ackSyncEvery);
    }
    // Two segments at least, so that DROP_OLDEST never has to delete the segment it writes to in
    // normal operation, and room for the largest record, so that one can always be stored.
    long largestFrame = FrameCodec.frameBytes(Math.max(maxPayloadBytes, 0));
    if (maxTotalBytes < 2 * segmentBytes || maxTotalBytes < largestFrame) {
      errors.add("maxTotalBytes must be >= 2 * segmentBytes and >= maxPayloadBytes + "
          + FrameCodec.HEADER_BYTES + ", got " + maxTotalBytes);
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid outbox config: " + String.join("; ", errors));
    }
  }

  /** 16 MiB segments, 1 GiB in total, drop the oldest when full, payloads up to 8 MiB. */
  public static OutboxConfig defaults() {
    return new OutboxConfig(DEFAULT_SEGMENT_BYTES, DEFAULT_MAX_TOTAL_BYTES, FullPolicy.DROP_OLDEST,
        DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_ACK_SYNC_EVERY);
  }

  public OutboxConfig withSegmentBytes(long value) {
    return new OutboxConfig(value, maxTotalBytes, fullPolicy, maxPayloadBytes, ackSyncEvery);
  }

  public OutboxConfig withMaxTotalBytes(long value) {
    return new OutboxConfig(segmentBytes, value, fullPolicy, maxPayloadBytes, ackSyncEvery);
  }

  public OutboxConfig withFullPolicy(FullPolicy value) {
    return new OutboxConfig(segmentBytes, maxTotalBytes, Objects.requireNonNull(value),
        maxPayloadBytes, ackSyncEvery);
  }

  public OutboxConfig withMaxPayloadBytes(int value) {
    return new OutboxConfig(segmentBytes, maxTotalBytes, fullPolicy, value, ackSyncEvery);
  }

  public OutboxConfig withAckSyncEvery(int value) {
    return new OutboxConfig(segmentBytes, maxTotalBytes, fullPolicy, maxPayloadBytes, value);
  }
}
