package io.eoc.ingest.mqtt;

/**
 * Where the transport reports its security decisions: refused connections, failed TLS handshakes,
 * ACL denials, takeovers, rate-limit disconnects. Called on a Netty event loop: must not block. A
 * throw is caught, logged and otherwise ignored: auditing never breaks a connection.
 */
@FunctionalInterface
public interface AuditLog {

  void record(AuditEvent event);

  /** Logs each event on the logger {@value Slf4jAuditLog#LOGGER}: refusals, failures and denials at WARN, the rest at INFO. */
  static AuditLog slf4j() {
    return Slf4jAuditLog.INSTANCE;
  }
}
