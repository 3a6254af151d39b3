package io.eoc.ingest.store;

import java.time.Instant;
import java.util.Objects;

/** One uplink message as taken from Kafka, with its position there (kept as provenance). */
public record Incoming(String agentId, String kind, byte[] payload, Instant receivedAt, int partition, long offset) {
  public Incoming {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
