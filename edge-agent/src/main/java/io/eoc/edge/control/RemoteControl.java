package io.eoc.edge.control;

import io.eoc.edge.config.DeviceConfig;
import io.eoc.edge.config.RegisterConfig;
import io.eoc.edge.config.RemoteLimits;
import io.eoc.wire.Command;
import io.eoc.wire.CommandCodec;
import io.eoc.wire.CommandResult;
import io.eoc.wire.CommandResult.Status;
import io.eoc.wire.MalformedMessageException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote control from the cloud under guaranteed safety (guidelines README §1.2 remote-control):
 * the agent, not the cloud, decides. A command is applied only if it has not expired, its id was
 * never seen before, and its tag is configured {@code remote: {min, max}} with the value inside
 * that range; everything else is refused with the reason. Every command is logged and answered.
 */
public final class RemoteControl {
  private static final Logger log = LoggerFactory.getLogger(RemoteControl.class);
  static final int REMEMBERED_IDS = 1000;

  private final Map<String, RemoteLimits> limits = new HashMap<>();
  private final SeenCommands seen;
  private final DeviceWriter writer;
  private final Consumer<CommandResult> results;
  private final Clock clock;

  /**
   * @param results told every result, to store and send until the cloud acknowledges it
   *     ({@link CommandResults#offer}); must not block for long: it runs on the MQTT callback
   *     thread for a refusal and on the device's thread after a write
   */
  public RemoteControl(List<DeviceConfig> devices, Path dataDir, DeviceWriter writer, Consumer<CommandResult> results,
      Clock clock) throws IOException {
    for (DeviceConfig d : devices) {
      for (RegisterConfig r : d.registers()) {
        r.remote().ifPresent(l -> limits.put(key(d.id(), r.tag()), l));
      }
    }
    this.seen = new SeenCommands(dataDir.resolve("commands-seen"), REMEMBERED_IDS);
    this.writer = writer;
    this.results = results;
    this.clock = clock;
  }

  private static String key(String device, String tag) {
    return device + "\u0000" + tag;
  }

  /** Takes one message from the commands topic. Does not block: the write runs on the device's thread. */
  public void accept(byte[] payload) {
    Command c;
    try {
      c = CommandCodec.decodeCommand(payload);
    } catch (MalformedMessageException e) {
      log.warn("remote command refused: malformed ({}); no id to answer to", e.getMessage());
      return;
    }
    Optional<Refused> refusal;
    try {
      refusal = refusal(c);
    } catch (IOException e) {
      refusal = Optional.of(new Refused(Status.FAILED, "cannot record the command id in the data directory: " + e.getMessage()));
    }
    if (refusal.isPresent()) {
      finish(c, refusal.get().status(), refusal.get().reason(), OptionalDouble.empty());
      return;
    }
    writer.write(c.device(), c.tag(), c.value()).whenComplete((readBack, failure) -> {
      if (failure == null) {
        finish(c, Status.APPLIED, "wrote " + c.value() + " to " + c.device() + "/" + c.tag(), readBack);
      } else {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        finish(c, Status.FAILED, "write failed: " + cause.getMessage(), OptionalDouble.empty());
      }
    });
  }

  private record Refused(Status status, String reason) {
    static Optional<Refused> because(String reason) {
      return Optional.of(new Refused(Status.REFUSED, reason));
    }
  }

  /** Why the command may not run, checked in this order; empty when it may. */
  private Optional<Refused> refusal(Command c) throws IOException {
    if (!clock.instant().isBefore(c.expiresAt())) {
      return Optional.of(new Refused(Status.EXPIRED, "expired at " + c.expiresAt()));
    }
    if (!seen.firstTime(c.id())) {
      return Refused.because("command id " + c.id() + " was received before (replay)");
    }
    RemoteLimits l = limits.get(key(c.device(), c.tag()));
    if (l == null) {
      return Refused.because("tag " + c.device() + "/" + c.tag() + " is not configured for remote writing");
    }
    if (!l.allows(c.value())) {
      return Refused.because("value " + c.value() + " is outside the remote limits [" + l.min() + ", " + l.max() + "] of "
          + c.device() + "/" + c.tag());
    }
    return Optional.empty();
  }

  private void finish(Command c, Status status, String detail, OptionalDouble readBack) {
    log.info("remote command {} by {}: {}/{} = {} -> {} ({}){}", c.id(), c.issuedBy(), c.device(), c.tag(), c.value(),
        status, detail, readBack.isPresent() ? ", read back " + readBack.getAsDouble() : "");
    try {
      results.accept(new CommandResult(c.id(), status, detail, clock.instant(), readBack));
    } catch (RuntimeException e) {
      log.error("result {} of remote command {} lost: {}", status, c.id(), e.toString(), e);
    }
  }
}
