package io.eoc.ingest.mqtt;

import java.time.Instant;
import java.util.Objects;

/**
 * One security-relevant decision of the transport, for {@link AuditLog}. Never carries a password,
 * token or key. Text that came from the network (client ids, topics, certificate names) has its
 * control characters replaced, so that it cannot forge lines in a log.
 *
 * @param at when it happened
 * @param kind what happened: one of the constants below
 * @param agentId the agent as established (by certificate or authenticator), or {@value #UNKNOWN}
 * @param remoteAddress the peer's address, or {@value #UNKNOWN}
 * @param reason why, in words; at most {@value #MAX_REASON} characters
 */
public record AuditEvent(Instant at, String kind, String agentId, String remoteAddress, String reason) {

  /** A CONNECT answered with a failure CONNACK. */
  public static final String CONNECTION_REFUSED = "connection-refused";
  /** A TLS handshake that failed, or produced no usable agent identity; the connection was dropped. */
  public static final String TLS_HANDSHAKE_FAILED = "tls-handshake-failed";
  /** A PUBLISH or SUBSCRIBE outside the agent's own topics. */
  public static final String ACL_DENIED = "acl-denied";
  /** An agent connected again; its previous connection was closed. */
  public static final String TAKEOVER = "takeover";
  /** An agent stayed over its publish rate limit and was disconnected (MQTT 5 reason 0x96). */
  public static final String RATE_LIMITED = "rate-limited";
  public static final String UNKNOWN = "unknown";
  public static final int MAX_REASON = 500;

  public AuditEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    agentId = agentId == null || agentId.isEmpty() ? UNKNOWN : printable(agentId);
    remoteAddress = remoteAddress == null ? UNKNOWN : printable(remoteAddress);
    reason = reason == null ? "" : printable(reason);
    if (reason.length() > MAX_REASON) {
      reason = reason.substring(0, MAX_REASON) + "...";
    }
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.toString();
  }
}
