package io.eoc.ingest.control;

import io.eoc.ingest.mqtt.DownlinkDrop;
import io.eoc.ingest.mqtt.DownlinkDroppedException;
import io.eoc.wire.Command;
import io.eoc.wire.CommandCodec;
import io.eoc.wire.CommandResult;
import io.eoc.wire.Topics;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path by which the cloud issues a remote-control command, whoever asks (an operator through
 * {@code POST /api/commands}, or an optimisation strategy in auto mode): the command is recorded as
 * SENT ({@link Commands#sent}), audited, and handed to the agent's downlink with its expiry; if the
 * transport gives up on it (expired while the agent was away, queue full), that is recorded too
 * ({@link Commands#undelivered}). Whether the write is safe stays the agent's decision.
 */
public final class CommandSender {
  private static final Logger log = LoggerFactory.getLogger(CommandSender.class);

  /** How a command reaches an agent: {@code MqttTransport::sendToAgent} with an expiry. */
  @FunctionalInterface
  public interface Link {
    CompletionStage<Void> send(String agent, String topic, byte[] payload, Duration expiry);
  }

  /** Where an issued command is audited: {@code (actor, action, subject, outcome, detail)}. */
  @FunctionalInterface
  public interface Trail {
    void record(String actor, String action, String subject, String outcome, String detail);
  }

  private final Commands commands;
  private final Link link;
  private final Trail trail;
  private final Clock clock;

  public CommandSender(Commands commands, Link link, Trail trail, Clock clock) {
    this.commands = commands;
    this.link = link;
    this.trail = trail;
    this.clock = clock;
  }

  public Commands commands() {
    return commands;
  }

  /**
   * Records, audits and sends a command to write {@code value} to {@code tag} of {@code device}.
   *
   * @param issuedBy who the command says issued it (the user, or {@code optimiser:<strategy id>})
   * @param actor who the audit log names (the caller as described by the API, or the same as issuedBy)
   */
  public Command issue(String agent, String device, String tag, double value, Duration expiry, String issuedBy, String actor)
      throws SQLException {
    Instant now = clock.instant();
    Command c = new Command(UUID.randomUUID().toString(), device, tag, value, now, now.plus(expiry), issuedBy);
    commands.sent(agent, c);
    trail.record(actor, "command", "device:" + agent + "/" + device, "sent",
        "id " + c.id() + ": " + tag + " = " + c.value() + ", expires " + c.expiresAt());
    link.send(agent, Topics.commands(agent), CommandCodec.encode(c), expiry)
        .whenComplete((ok, failure) -> { if (failure != null) { undelivered(agent, c, failure); } });
    return c;
  }

  /** The transport gave up (expired while the agent was away, queue full): the agent never saw it. */
  private void undelivered(String agent, Command c, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    CommandResult.Status status = cause instanceof DownlinkDroppedException d && d.reason() == DownlinkDrop.EXPIRED
        ? CommandResult.Status.EXPIRED : CommandResult.Status.FAILED;
    try {
      commands.undelivered(agent, c.id(), status, "not delivered to the agent: " + cause.getMessage());
    } catch (SQLException | RuntimeException e) {
      log.warn("command {} not delivered ({}), and that could not be recorded: {}", c.id(), cause.getMessage(), e.toString());
    }
  }
}
