package io.eoc.ingest.mqtt;

import io.eoc.ingest.enrol.Enrolment;
import java.util.Map;

/**
 * Decides who may connect. Called on a Netty event loop for every CONNECT: must not block.
 * Implementations must never log or keep the password.
 */
@FunctionalInterface
public interface Authenticator {

  /**
   * @param clientId the MQTT client identifier, possibly empty
   * @param username the user name, or null when the CONNECT carries none
   * @param password the password bytes, or null when the CONNECT carries none
   */
  AuthResult authenticate(String clientId, String username, byte[] password);

  /**
   * Accepts everyone whose client id is a valid agent id, as that agent: for tests and demos, and
   * behind mutual TLS ({@link MqttTransportConfig#tls()}), where the client id has already been
   * matched with the verified certificate, as certificate-only authentication. The id the cloud
   * keeps its own host's data under ({@link Enrolment#CLOUD_AGENT_ID}) is refused: no client may
   * write as the cloud.
   */
  static Authenticator allowAll() {
    return (clientId, username, password) -> Topics.isValidAgentId(clientId) && !Enrolment.isReserved(clientId)
        ? AuthResult.accepted(clientId)
        : AuthResult.refused(AuthResult.Refusal.CLIENT_ID_REJECTED);
  }

  /**
   * Accepts an agent whose user name is its agent id and whose password is its token; tokens are
   * compared in constant time.
   *
   * @param tokensByAgentId agent id to token; copied
   */
  static Authenticator tokens(Map<String, String> tokensByAgentId) {
    return new TokenAuthenticator(tokensByAgentId);
  }
}
