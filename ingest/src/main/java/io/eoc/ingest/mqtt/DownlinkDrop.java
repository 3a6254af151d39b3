package io.eoc.ingest.mqtt;

/** Why a downlink message with an expiry was not delivered; each is counted in {@link TransportStats}. */
public enum DownlinkDrop {
  /** Its expiry passed while it waited for the agent (MQTT 5 §3.3.2.3.3: it must not be sent). */
  EXPIRED,
  /** The agent's queue already held {@link MqttTransportConfig#downlinkQueueCapacity()} messages. */
  QUEUE_FULL,
  /** The transport closed while it waited. */
  TRANSPORT_CLOSED
}
