package io.eoc.ingest.api;

import io.eoc.ingest.services.Refusal;
import io.eoc.ingest.users.AccessPolicy;
import io.eoc.ingest.users.Role;
import io.eoc.ingest.users.User;
import io.eoc.ingest.users.Users;
import io.eoc.ingest.users.UsersRequired;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Bearer sessions and roles. A request with {@code Authorization: Bearer <token>} is that session's
 * user, or 401 when the token is unknown or expired. Without a token: open routes pass; while users
 * are not required (policy {@code auto} and no user exists yet) reads pass as anonymous and writes
 * pass only from the cloud's own machine; once they are, 401. Assessors may only GET; admin routes
 * need the admin role (403 otherwise).
 */
final class SessionGate implements Gate {
  static final String LOGIN_HINT = "log in with POST /api/login {\"user\": ..., \"password\": ...} and send the token as "
      + "'Authorization: Bearer <token>'";
  private final Users users;
  private final AccessPolicy policy;

  SessionGate(Users users, AccessPolicy policy) {
    this.users = users;
    this.policy = policy;
  }

  @Override
  public ApiRequest admit(ApiRequest request, Access access) throws SQLException {
    if (access == Access.OPEN) {
      return request;
    }
    Caller caller = caller(request, access);
    authorise(request, access, caller);
    return request.withCaller(caller);
  }

  private Caller caller(ApiRequest request, Access access) throws SQLException {
    Optional<String> token = request.bearer();
    if (token.isPresent()) {
      User u = users.authenticate(token.get()).orElseThrow(() ->
          Refusal.unauthorized("session token is unknown or expired; " + LOGIN_HINT));
      return Caller.user(u.id(), u.role());
    }
    if (request.header("authorization").isPresent()) {
      throw Refusal.unauthorized("the Authorization header must be 'Bearer <token>'; " + LOGIN_HINT);
    }
    if (access == Access.ADMIN_OR_LOCAL && request.fromLoopback()) {
      return Caller.local();
    }
    if (usersRequired()) {
      throw Refusal.unauthorized(request.method() + " " + request.path() + " needs a session; " + LOGIN_HINT);
    }
    if (access == Access.READ) {
      return Caller.anonymous();
    }
    if (request.fromLoopback()) {
      return Caller.local();
    }
    throw Refusal.unauthorized(request.method() + " " + request.path() + " changes data: it needs a session, or a request "
        + "from the cloud's own machine while no user exists; add an admin with 'eoc cloud user add <id> --role admin'");
  }

  private static void authorise(ApiRequest request, Access access, Caller caller) {
    boolean isGet = request.method().equals("GET") || request.method().equals("HEAD");
    if (caller.role() == Role.ASSESSOR && !isGet) {
      throw Refusal.forbidden("role assessor is read-only: " + request.method() + " " + request.path()
          + " needs role operator or admin");
    }
    if ((access == Access.ADMIN || access == Access.ADMIN_OR_LOCAL) && caller.role() != Role.ADMIN) {
      throw Refusal.forbidden(request.method() + " " + request.path() + " needs role admin; " + caller.describe()
          + " has role " + caller.role().id());
    }
    if (access == Access.WRITE && !caller.role().mayWrite()) {
      throw Refusal.forbidden(request.method() + " " + request.path() + " needs role operator or admin");
    }
  }

  /** {@link UsersRequired#AUTO}: as soon as one user exists; see docs/operations.md, "Users and roles". */
  private boolean usersRequired() throws SQLException {
    return policy.usersRequired() == UsersRequired.ALWAYS || users.anyExist();
  }
}
