package io.eoc.ingest.control;

import io.eoc.ingest.mqtt.UplinkHandler;
import io.eoc.ingest.mqtt.UplinkMessage;
import io.eoc.wire.CommandCodec;
import io.eoc.wire.CommandResult;
import io.eoc.wire.MalformedMessageException;
import io.eoc.wire.Topics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes uplink messages: command results go to the {@code commands} table (they are not
 * telemetry, so not to Kafka); everything else to {@code next}. Database work runs on its own
 * thread, never on the Netty event loop. A malformed result is logged and acknowledged: sending it
 * again would not make it valid.
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
    try {
      if (!commands.result(message.agentId(), result)) {
        log.info("agent {}: result {} for command {} ignored (unknown, not its own, or already reported)",
            message.agentId(), result.status(), result.id());
      }
    } catch (java.sql.SQLException e) {
      throw new java.util.concurrent.CompletionException(e); // no PUBACK: the agent sends it again
    }
  }

  @Override
  public void close() {
    executor.shutdown();
  }
}
