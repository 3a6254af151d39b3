package io.eoc.ingest.mqtt;

/** Why a packet was rejected and its connection dropped. */
public enum MalformedKind {
  /** Remaining Length above {@link MqttTransportConfig#maxMessageBytes()}. */
  TOO_LARGE,
  /** CONNECT with an unknown protocol name or level, or MQTT 3.1 (only 3.1.1 and 5 are served). */
  UNSUPPORTED_PROTOCOL_VERSION,
  /** Any other failure of the decoder: bad fixed header, bad length, bad UTF-8, bad properties... */
  DECODE_FAILURE,
  /** A well-formed packet not allowed here: anything before CONNECT, a second CONNECT, AUTH, PUBREL. */
  UNEXPECTED_PACKET,
  /** PUBLISH with QoS 2; the server offers QoS 0 and 1 only (MQTT 5 Maximum QoS = 1). */
  QOS_NOT_SUPPORTED
}
