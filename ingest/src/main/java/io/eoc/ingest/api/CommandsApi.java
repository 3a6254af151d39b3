package io.eoc.ingest.api;

import io.eoc.ingest.control.Commands;
import io.eoc.ingest.mqtt.DownlinkDrop;
import io.eoc.ingest.mqtt.DownlinkDroppedException;
import io.eoc.ingest.mqtt.MqttTransport;
import io.eoc.ingest.services.Refusal;
import io.eoc.ingest.services.Service;
import io.eoc.wire.Command;
import io.eoc.wire.CommandCodec;
import io.eoc.wire.CommandResult;
import io.eoc.wire.Names;
import io.eoc.wire.Topics;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 决策优化/反向控制 (guidelines README §1.2 remote-control): an operator or admin asks an agent to
 * write one tag. The cloud records and sends the command with an expiry; the agent decides whether
 * it is safe and reports back ({@link io.eoc.ingest.control.CommandResultHandler}).
 */
final class CommandsApi {
  private static final Logger log = LoggerFactory.getLogger(CommandsApi.class);
  static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(1);
  static final Duration MAX_EXPIRY = Duration.ofMinutes(10);
  static final int DEFAULT_LIST = 100;
  static final int MAX_LIST = 1000;

  private final Commands commands;
  private final MqttTransport transport;
  private final Audit audit;
  private final Recorded recorded;
  private final Clock clock;

  CommandsApi(Commands commands, MqttTransport transport, Audit audit, Recorded recorded, Clock clock) {
    this.commands = commands;
    this.transport = transport;
    this.audit = audit;
    this.recorded = recorded;
    this.clock = clock;
  }

  void register(Router router) {
    router.post("/api/commands", Access.WRITE, recorded.use(Service.REMOTE_CONTROL, (req, g) -> issue(req)));
    router.get("/api/commands", Access.READ, recorded.ops((req, g) -> list(req)));
    router.get("/api/commands/([^/]+)", Access.READ, recorded.ops((req, g) -> find(g.get(0))));
  }

  private ApiResponse issue(ApiRequest req) throws SQLException {
    Caller caller = req.requireCaller();
    // Remote control changes equipment: it needs a named operator or admin, never the anonymous
    // local caller that is let through while no user exists.
    String user = caller.user().orElseThrow(() -> Refusal.unauthorized(
        "remote control needs a logged-in operator or admin; " + SessionGate.LOGIN_HINT));
    Map<String, Object> body = JsonBody.object(req);
    String agent = name(body, "agent");
    String device = name(body, "device");
    String tag = name(body, "tag");
    if (!(body.get("value") instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw new IllegalArgumentException("field 'value' is required (a finite number)");
    }
    Duration expiry = expiry(body.get("expiresIn"));
    Instant now = clock.instant();
    Command c = new Command(UUID.randomUUID().toString(), device, tag, n.doubleValue(), now, now.plus(expiry), user);
    commands.sent(agent, c);
    audit.record(caller.describe(), "command", "device:" + agent + "/" + device, "sent",
        "id " + c.id() + ": " + tag + " = " + c.value() + ", expires " + c.expiresAt());
    transport.sendToAgent(agent, Topics.commands(agent), CommandCodec.encode(c), expiry)
        .whenComplete((ok, failure) -> { if (failure != null) { undelivered(agent, c, failure); } });
    return ApiResponse.json(202, Map.of("id", c.id()));
  }

  /** The transport gave up (expired while the agent was away, queue full): the agent never saw it. */
  private void undelivered(String agent, Command c, Throwable failure) {
    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    CommandResult.Status status = cause instanceof DownlinkDroppedException d && d.reason() == DownlinkDrop.EXPIRED
        ? CommandResult.Status.EXPIRED : CommandResult.Status.FAILED;
    try {
      commands.undelivered(agent, c.id(), status, "not delivered to the agent: " + cause.getMessage());
    } catch (SQLException | RuntimeException e) {
      log.warn("command {} not delivered ({}), and that could not be recorded: {}", c.id(), cause.getMessage(), e.toString());
    }
  }

  private ApiResponse find(String id) throws SQLException {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + id + "' is not a command id (a UUID)");
    }
    return ApiResponse.json(200, commands.find(uuid).orElseThrow(() -> Refusal.notFound("no command " + id)));
  }

  /** {@code ?agent=&limit=}: the latest commands, newest first, with the same states as one command. */
  private ApiResponse list(ApiRequest req) throws SQLException {
    Optional<String> agent = req.param("agent");
    agent.filter(a -> !Names.isValid(a)).ifPresent(a -> {
      throw new IllegalArgumentException("parameter 'agent': '" + a + "' is not a valid name; allowed: " + Names.rule());
    });
    int limit = req.param("limit").map(CommandsApi::limit).orElse(DEFAULT_LIST);
    return ApiResponse.json(200, Map.of("commands", commands.list(agent, limit)));
  }

  private static int limit(String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= MAX_LIST) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("parameter 'limit' must be a whole number from 1 to " + MAX_LIST + ", not '" + value + "'");
  }

  private static String name(Map<String, Object> body, String field) {
    String v = JsonBody.text(body, field);
    if (!Names.isValid(v)) {
      throw new IllegalArgumentException("field '" + field + "': '" + v + "' is not a valid name; allowed: " + Names.rule());
    }
    return v;
  }

  private static Duration expiry(Object value) {
    if (value == null) {
      return DEFAULT_EXPIRY;
    }
    Duration d;
    try {
      d = Duration.parse(value.toString());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("field 'expiresIn' must be an ISO-8601 duration such as PT1M, not '" + value + "'");
    }
    if (d.isNegative() || d.isZero() || d.compareTo(MAX_EXPIRY) > 0) {
      throw new IllegalArgumentException("field 'expiresIn' must be more than 0 and at most " + MAX_EXPIRY + ", not " + d);
    }
    return d;
  }
}
