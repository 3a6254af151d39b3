package io.eoc.ingest.mqtt;

/** Why a TLS connection was dropped before MQTT; see {@link TransportStats#tlsFailures()}. */
public enum TlsFailureKind {
  /** The client sent no certificate; one is required. */
  NO_CLIENT_CERTIFICATE,
  /** The client certificate does not chain to the agents' CA (a foreign CA, a forged or misused certificate). */
  UNTRUSTED_CERTIFICATE,
  /** The client certificate is expired or not valid yet. */
  EXPIRED_CERTIFICATE,
  /** The certificate verified but names no valid agent id. */
  NO_AGENT_IDENTITY,
  /** The client speaks no TLS 1.3 or 1.2, or no common cipher suite. */
  UNSUPPORTED_PROTOCOL,
  /** The bytes are not TLS at all: typically plain MQTT sent to the TLS port. */
  NOT_TLS,
  /** The client refused the server (e.g. the server certificate does not name the host it dialled). */
  REJECTED_BY_CLIENT,
  /** No handshake within the connect timeout. */
  HANDSHAKE_TIMEOUT,
  /** The client closed the connection during the handshake (port probes, health checks); not audited. */
  CLOSED_DURING_HANDSHAKE,
  /** Anything else. */
  OTHER
}
