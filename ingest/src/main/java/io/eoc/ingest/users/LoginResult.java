package io.eoc.ingest.users;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a login: a session, or the reason it was refused. The reason is for the audit log
 * only; the client is told the same thing whatever it is, so that user ids cannot be probed.
 */
public record LoginResult(Optional<Session> session, String refusal) {
  public LoginResult {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(refusal, "refusal");
  }

  static LoginResult ok(Session s) {
    return new LoginResult(Optional.of(s), "");
  }

  static LoginResult refused(String why) {
    return new LoginResult(Optional.empty(), why);
  }
}
