package io.eoc.metrics.evidence;

import java.time.Instant;
import java.util.Objects;

/**
 * What one agent's stored batches carried, by the hour the batch was created at the edge.
 *
 * @param batches stored batches (each verified: signature, chain, decryption)
 * @param points points in them (raw and derived)
 * @param wireBytes bytes of the sealed envelopes as received (compressed, encrypted, signed)
 * @param backfillBatches batches sent from the outbox backlog or by a backfill
 * @param rejected envelopes of this agent the cloud refused (bad signature, undecodable)
 */
public record AgentHour(String agentId, Instant hour, long batches, long points, long wireBytes,
    long backfillBatches, long rejected) {
  public AgentHour {
    Objects.requireNonNull(agentId, "agentId");
    Hours.requireHour(hour);
    Hours.requireCounts(batches, points, wireBytes, backfillBatches, rejected);
  }
}
