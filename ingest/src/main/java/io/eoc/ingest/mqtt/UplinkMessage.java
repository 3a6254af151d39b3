package io.eoc.ingest.mqtt;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One accepted PUBLISH from an agent.
 *
 * @param agentId the agent as established by the {@link Authenticator} at CONNECT, never the
 *     client-supplied topic
 * @param topic the MQTT topic, always under {@link Topics#agentRoot(String)} of {@code agentId}
 * @param payload the application bytes; owned by this message, the transport keeps no reference
 * @param receivedAt when the transport decoded the packet
 */
public record UplinkMessage(String agentId, String topic, byte[] payload, Instant receivedAt) {

  public UplinkMessage {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (agentId.isEmpty()) {
      throw new IllegalArgumentException("agentId must not be empty");
    }
  }

  /** Equal when every component is, the payload by content. */
  @Override
  public boolean equals(Object other) {
    return other instanceof UplinkMessage that
        && agentId.equals(that.agentId)
        && topic.equals(that.topic)
        && Arrays.equals(payload, that.payload)
        && receivedAt.equals(that.receivedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(agentId, topic, Arrays.hashCode(payload), receivedAt);
  }

  /** Payloads are binary batches: show their size, not their bytes. */
  @Override
  public String toString() {
    return "UplinkMessage[agentId=" + agentId + ", topic=" + topic + ", payload=" + payload.length
        + " bytes, receivedAt=" + receivedAt + "]";
  }
}
