package io.eoc.ingest.mqtt;

import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default {@link AuditLog}: one line per event on its own logger, to route to its own file. */
final class Slf4jAuditLog implements AuditLog {

  static final String LOGGER = "io.eoc.audit";
  static final Slf4jAuditLog INSTANCE = new Slf4jAuditLog();

  private static final Logger log = LoggerFactory.getLogger(LOGGER);
  private static final Set<String> WARNINGS = Set.of(
      AuditEvent.CONNECTION_REFUSED, AuditEvent.TLS_HANDSHAKE_FAILED, AuditEvent.ACL_DENIED);

  private Slf4jAuditLog() {}

  @Override
  public void record(AuditEvent event) {
    String format = "{} agent={} remote={} at={}: {}";
    Object[] arguments = {event.kind(), event.agentId(), event.remoteAddress(), event.at(), event.reason()};
    if (WARNINGS.contains(event.kind())) {
      log.warn(format, arguments);
    } else {
      log.info(format, arguments);
    }
  }
}
