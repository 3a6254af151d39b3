package io.eoc.ingest.api;

import io.eoc.ingest.services.TimeRange;
import java.time.Instant;
import java.util.Optional;

import io.eoc.ingest.services.Refusal;
import io.eoc.ingest.users.LoginResult;
import io.eoc.ingest.users.Role;
import io.eoc.ingest.users.Session;
import io.eoc.ingest.users.User;
import io.eoc.ingest.users.Users;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Login, logout and user administration. Every login, accepted or refused, is audited with the
 * user id, the peer address and the reason — never the password. A refused login says the same
 * whatever the reason, so that user ids cannot be probed.
 */
final class UsersApi {
  private final Users users;
  private final Audit audit;

  private final boolean allowBackfill;

  UsersApi(Users users, Audit audit, boolean allowBackfill) {
    this.allowBackfill = allowBackfill;
    this.users = users;
    this.audit = audit;
  }

  void register(Router router) {
    router.post("/api/login", Access.OPEN, (req, g) -> login(req));
    router.post("/api/logout", Access.OPEN, (req, g) -> logout(req));
    router.post("/api/admin/users", Access.ADMIN_OR_LOCAL, (req, g) -> add(req));
    router.get("/api/admin/users", Access.ADMIN_OR_LOCAL, (req, g) -> list());
    router.post("/api/admin/users/([^/]+)/disable", Access.ADMIN_OR_LOCAL, (req, g) -> disable(req, g.get(0)));
  }

  private ApiResponse login(ApiRequest req) throws SQLException {
    Map<String, Object> body = JsonBody.object(req);
    String id = JsonBody.text(body, "user");
    char[] password = JsonBody.text(body, "password").toCharArray();
    LoginResult r = users.login(id, password);
    if (r.session().isEmpty()) {
      audit.record("user:" + id, "login", req.remoteAddress(), "refused", r.refusal());
      throw Refusal.unauthorized("unknown user or wrong password");
    }
    Session s = r.session().get();
    audit.record("user:" + id, "login", req.remoteAddress(), "ok", "role " + s.user().role().id() + ", session until " + s.expiresAt());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("token", s.token());
    out.put("user", s.user().id());
    out.put("role", s.user().role().id());
    out.put("expiresAt", s.expiresAt().toString());
    return ApiResponse.json(200, out);
  }

  private ApiResponse logout(ApiRequest req) throws SQLException {
    String token = req.bearer().orElseThrow(() -> Refusal.unauthorized("logout needs the session as 'Authorization: Bearer <token>'"));
    var user = users.authenticate(token);
    if (!users.logout(token)) {
      throw Refusal.unauthorized("session token is unknown or expired");
    }
    audit.record(user.map(u -> "user:" + u.id()).orElse("unknown"), "logout", req.remoteAddress(), "ok", "");
    return ApiResponse.json(200, Map.of("loggedOut", true));
  }

  private ApiResponse add(ApiRequest req) throws SQLException {
    Map<String, Object> body = JsonBody.object(req);
    String id = JsonBody.text(body, "id");
    Role role = Role.parse(JsonBody.text(body, "role"));
    char[] password = JsonBody.text(body, "password").toCharArray();
    String actor = req.requireCaller().describe();
    Optional<Instant> createdAt = Optional.ofNullable(body.get("createdAt")).map(v -> TimeRange.instant("createdAt", v.toString()));
    if (createdAt.isPresent() && !allowBackfill) {
      audit.record(actor, "user-add", "user:" + id, "refused", "back-dated registration without --allow-backfill");
      throw Refusal.forbidden("'createdAt' registers a user in the past, which only a usage backfill of simulated history may do:"
          + " start the cloud with --allow-backfill");
    }
    try {
      User u = users.add(id, role, password, createdAt);
      audit.record(actor, "user-add", "user:" + id, "ok", "role " + role.id());
      return ApiResponse.json(201, view(u));
    } catch (IllegalArgumentException e) {
      audit.record(actor, "user-add", "user:" + id, "refused", e.getMessage());
      throw e;
    }
  }

  private ApiResponse list() throws SQLException {
    List<Map<String, Object>> out = users.list().stream().map(UsersApi::view).toList();
    return ApiResponse.json(200, out);
  }

  private ApiResponse disable(ApiRequest req, String id) throws SQLException {
    if (!users.disable(id)) {
      throw Refusal.notFound("no user '" + id + "'");
    }
    audit.record(req.requireCaller().describe(), "user-disable", "user:" + id, "ok", "sessions ended");
    return ApiResponse.json(200, view(users.find(id).orElseThrow()));
  }

  private static Map<String, Object> view(User u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", u.id());
    m.put("role", u.role().id());
    m.put("createdAt", u.createdAt().toString());
    m.put("disabledAt", u.disabledAt().map(Object::toString).orElse(null));
    return m;
  }
}
