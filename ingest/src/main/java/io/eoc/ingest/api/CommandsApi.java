package io.eoc.ingest.api;

import io.eoc.ingest.control.CommandSender;
import io.eoc.ingest.control.Commands;
import io.eoc.ingest.services.Refusal;
import io.eoc.ingest.services.Service;
import io.eoc.wire.Command;
import io.eoc.wire.Names;
import java.sql.SQLException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * 决策优化/反向控制 (guidelines README §1.2 remote-control): an operator or admin asks an agent to
 * write one tag. The cloud records and sends the command with an expiry; the agent decides whether
 * it is safe and reports back ({@link io.eoc.ingest.control.CommandResultHandler}). Issued through
 * {@link CommandSender}, the path optimisation strategies in auto mode take too.
 */
final class CommandsApi {
  static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(1);
  static final Duration MAX_EXPIRY = Duration.ofMinutes(10);
  static final int DEFAULT_LIST = 100;
  static final int MAX_LIST = 1000;

  private final Commands commands;
  private final CommandSender sender;
  private final Recorded recorded;

  CommandsApi(CommandSender sender, Recorded recorded) {
    this.commands = sender.commands();
    this.sender = sender;
    this.recorded = recorded;
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
    Command c = sender.issue(agent, device, tag, n.doubleValue(), expiry, user, caller.describe());
    return ApiResponse.json(202, Map.of("id", c.id()));
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
