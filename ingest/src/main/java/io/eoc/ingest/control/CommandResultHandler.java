package io.eoc.ingest.control;

import io.eoc.ingest.mqtt.UplinkHandler;
import io.eoc.ingest.mqtt.UplinkMessage;
import io.eoc.wire.CommandCodec;
import io.eoc.wire.CommandResult;
import io.eoc.wire.MalformedMessageException;
import io.eoc.wire.Topics;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes uplink messages: command results go to the {@code commands} table (they are not
 * telemetry, so not to Kafka); everything else to {@code next}. Database work runs on its own
 * thread, never on the Netty event loop. The PUBACK follows the commit, so the agent deletes a
 * result only once it is stored; a result sent again is recognised and acknowledged without effect
 * ({@link Commands#result}). A malformed result is logged and acknowledged: sending it again would
 * not make it valid.
 */
public final class CommandResultHandler implements UplinkHandler, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CommandResultHandler.class);
  static final String KIND = "command-results";

  private final Commands commands;
  private final UplinkHandler next;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "eoc-command-results");
    t.setDaemon(true);
    return t;
  });

  public CommandResultHandler(Commands commands, UplinkHandler next) {
    this.commands = commands;
    this.next = next;
  }

  @Override
  public CompletionStage<Void> onMessage(UplinkMessage message) {
    if (!Topics.kind(message.topic()).equals(KIND)) {
      return next.onMessage(message);
    }
    return CompletableFuture.runAsync(() -> store(message), executor);
  }

  private void store(UplinkMessage message) {
    CommandResult result;
    try {
      result = CommandCodec.decodeResult(message.payload());
    } catch (MalformedMessageException e) {
      log.warn("agent {} sent a malformed command result, dropped: {}", message.agentId(), e.getMessage());
      return;
    }
    Commands.Report report;
    try {
      report = commands.result(message.agentId(), result);
    } catch (SQLException e) {
      throw new CompletionException(e); // no PUBACK: the agent sends it again
    }
    switch (report) {
      case RECORDED -> log.debug("agent {}: command {} {}", message.agentId(), result.id(), result.status());
      case DUPLICATE -> log.debug("agent {}: result {} for command {} received again (a resend), already stored",
          message.agentId(), result.status(), result.id());
      case IGNORED -> log.info("agent {}: result {} for command {} kept for the record; the command already had an outcome",
          message.agentId(), result.status(), result.id());
      case UNKNOWN -> log.warn("agent {} reported {} for command {}, which the cloud has not sent to it: kept in"
          + " command_reports and audited", message.agentId(), result.status(), result.id());
    }
  }

  @Override
  public void close() {
    executor.shutdown();
  }
}
