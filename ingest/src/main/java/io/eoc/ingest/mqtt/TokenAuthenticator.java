package io.eoc.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** User name = agent id, password = token. See {@link Authenticator#tokens(Map)}. */
final class TokenAuthenticator implements Authenticator {

  /** Compared against when the agent is unknown, so that timing does not reveal which ids exist. */
  private static final byte[] UNKNOWN_AGENT_TOKEN = new byte[32];

  private final Map<String, byte[]> tokens;

  TokenAuthenticator(Map<String, String> tokensByAgentId) {
    Objects.requireNonNull(tokensByAgentId, "tokensByAgentId");
    Map<String, byte[]> copy = new HashMap<>();
    tokensByAgentId.forEach((agentId, token) -> {
      if (!Topics.isValidAgentId(agentId)) {
        throw new IllegalArgumentException("not a valid agent id: " + agentId);
      }
      if (token == null || token.isEmpty()) {
        throw new IllegalArgumentException("empty token for agent " + agentId);
      }
      copy.put(agentId, token.getBytes(StandardCharsets.UTF_8));
    });
    this.tokens = Map.copyOf(copy);
  }

  @Override
  public AuthResult authenticate(String clientId, String username, byte[] password) {
    if (username == null || password == null) {
      return AuthResult.refused(AuthResult.Refusal.BAD_USER_NAME_OR_PASSWORD);
    }
    byte[] expected = tokens.get(username);
    // MessageDigest.isEqual is constant-time in the length of its arguments' contents.
    boolean matches = MessageDigest.isEqual(
        expected == null ? UNKNOWN_AGENT_TOKEN : expected, password);
    return matches && expected != null
        ? AuthResult.accepted(username)
        : AuthResult.refused(AuthResult.Refusal.BAD_USER_NAME_OR_PASSWORD);
  }

  /** Never the tokens. */
  @Override
  public String toString() {
    return "TokenAuthenticator[" + tokens.size() + " agents]";
  }
}
