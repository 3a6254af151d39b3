package io.eoc.edge.outbox;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A stored batch as handed to the sender. {@code appendedAt} is when the outbox stored it
 * (millisecond precision, persisted), so the sender can mark backfill and report its age.
 *
 * <p>The payload array is not copied: payloads reach 1 MiB and the edge device has little heap.
 * Treat it as read-only.
 */
public record OutboxRecord(long sequence, byte[] payload, Instant appendedAt) {
  public OutboxRecord {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(appendedAt, "appendedAt");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutboxRecord r
        && r.sequence == sequence
        && Arrays.equals(r.payload, payload)
        && r.appendedAt.equals(appendedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sequence, Arrays.hashCode(payload), appendedAt);
  }

  /** Shows the payload size only: the payload is an encrypted envelope and useless in a log. */
  @Override
  public String toString() {
    return "OutboxRecord[sequence=" + sequence + ", payload=" + payload.length + " bytes, appendedAt="
        + appendedAt + "]";
  }
}
