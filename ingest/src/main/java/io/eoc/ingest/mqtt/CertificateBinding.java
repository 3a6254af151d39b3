package io.eoc.ingest.mqtt;

import java.util.Optional;

/**
 * With mutual TLS the verified client certificate names the agent; the CONNECT packet may only
 * agree with it. The client id must be the agent id (an empty one, which MQTT 5 §3.1.3.1 lets the
 * server replace, is refused too: the id is not the client's to leave open); a user name, if
 * present, must be the agent id as well.
 */
final class CertificateBinding {

  private CertificateBinding() {}

  /** Why the CONNECT conflicts with the certificate; empty when it agrees. */
  static Optional<String> conflict(Optional<String> certifiedAgent, String clientId, String userName) {
    if (certifiedAgent.isEmpty()) {
      return Optional.of("no verified client certificate");
    }
    String agentId = certifiedAgent.get();
    if (!agentId.equals(clientId)) {
      return Optional.of("client id '" + clientId + "' is not the certificate's agent '" + agentId + "'");
    }
    if (userName != null && !agentId.equals(userName)) {
      return Optional.of("user name '" + userName + "' is not the certificate's agent '" + agentId + "'");
    }
    return Optional.empty();
  }
}
