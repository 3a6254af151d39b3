package io.eoc.ingest.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One message for the store as taken from Kafka, with its position there (kept as provenance).
 * Kinds: {@code batches} (a verified, decoded batch), {@code devices} (a device catalogue),
 * {@code chain-event} (gap, fork, replay, rejection), {@code dead-letter} (refused, with reason).
 */
public record Incoming(String agentId, String kind, byte[] payload, Instant receivedAt, int partition, long offset,
    Map<String, byte[]> headers) {
  public Incoming {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(receivedAt, "receivedAt");
    headers = Map.copyOf(headers);
  }

  public Incoming(String agentId, String kind, byte[] payload, Instant receivedAt, int partition, long offset) {
    this(agentId, kind, payload, receivedAt, partition, offset, Map.of());
  }

  public Optional<byte[]> header(String key) {
    return Optional.ofNullable(headers.get(key));
  }
}
