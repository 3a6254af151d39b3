package io.eoc.ingest.mqtt;

import java.util.Objects;

/** The outcome of {@link Authenticator#authenticate}: accepted as an agent, or refused with a reason. */
public sealed interface AuthResult permits AuthResult.Accepted, AuthResult.Refused {

  /** Why a connection was refused; each maps to a CONNACK code of MQTT 3.1.1 and of MQTT 5. */
  enum Refusal {
    /** 3.1.1: 0x04; 5: 0x86 Bad User Name or Password. */
    BAD_USER_NAME_OR_PASSWORD,
    /** 3.1.1: 0x05; 5: 0x87 Not authorized. */
    NOT_AUTHORIZED,
    /** 3.1.1: 0x02 Identifier rejected; 5: 0x85 Client Identifier not valid. */
    CLIENT_ID_REJECTED,
    /** 3.1.1: 0x03; 5: 0x88 Server unavailable (e.g. the credential store is down). */
    SERVER_UNAVAILABLE
  }

  static AuthResult accepted(String agentId) {
    return new Accepted(agentId);
  }

  static AuthResult refused(Refusal reason) {
    return new Refused(reason);
  }

  /** The connection belongs to {@code agentId}, which becomes one topic level: no '/', '+', '#'. */
  record Accepted(String agentId) implements AuthResult {
    public Accepted {
      if (!Topics.isValidAgentId(agentId)) {
        throw new IllegalArgumentException(
            "agentId must be a non-empty topic level without '/', '+', '#' or NUL: " + agentId);
      }
    }
  }

  record Refused(Refusal reason) implements AuthResult {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
