package io.eoc.ingest.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored batch as the cloud recorded it, for reports that commit to the period's signed
 * batches (a Merkle root over their envelope hashes).
 *
 * @param seq the agent's batch sequence number
 * @param createdAt when the agent created the batch (edge clock)
 * @param receivedAt when the cloud received it
 * @param wireBytes size of the sealed envelope as received, 0 when not recorded
 * @param envelopeHash hash of the sealed envelope, null when the batch was stored without one
 */
public record BatchRow(String agentId, long seq, Instant createdAt, Instant receivedAt, int points, int wireBytes,
    boolean backfill, byte[] envelopeHash) {
  public BatchRow {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(receivedAt, "receivedAt");
    envelopeHash = envelopeHash == null ? null : envelopeHash.clone();
  }

  @Override
  public byte[] envelopeHash() {
    return envelopeHash == null ? null : envelopeHash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BatchRow r && agentId.equals(r.agentId) && seq == r.seq && createdAt.equals(r.createdAt)
        && receivedAt.equals(r.receivedAt) && points == r.points && wireBytes == r.wireBytes && backfill == r.backfill
        && java.util.Arrays.equals(envelopeHash, r.envelopeHash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(agentId, seq, createdAt, points) * 31 + java.util.Arrays.hashCode(envelopeHash);
  }

  @Override
  public String toString() {
    return "BatchRow[" + agentId + "#" + seq + " created " + createdAt + ", " + points + " points"
        + (backfill ? ", backfill" : "") + "]";
  }
}
