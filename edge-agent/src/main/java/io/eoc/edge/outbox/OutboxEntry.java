package io.eoc.edge.outbox;

import java.util.Arrays;
import java.util.Objects;

/**
 * A sealed batch to append with {@link Outbox#appendAll}. The payload array is not copied (see
 * {@link OutboxRecord}); do not change it until the append returned.
 */
public record OutboxEntry(long sequence, byte[] payload) {
  public OutboxEntry {
    Objects.requireNonNull(payload, "payload");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutboxEntry e && e.sequence == sequence && Arrays.equals(e.payload, payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sequence, Arrays.hashCode(payload));
  }

  @Override
  public String toString() {
    return "OutboxEntry[sequence=" + sequence + ", payload=" + payload.length + " bytes]";
  }
}
