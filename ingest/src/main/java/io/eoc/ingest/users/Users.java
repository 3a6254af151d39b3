package io.eoc.ingest.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Users, their passwords and bearer sessions, in {@code users} and {@code user_sessions}. A session
 * token is 32 random bytes (base64url); only its SHA-256 is stored, so a copy of the database
 * cannot be used to log in.
 */
public final class Users {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final DataSource dataSource;
  private final Clock clock;
  private final Passwords passwords;
  private final Duration sessionTtl;

  public Users(DataSource dataSource, Clock clock, Passwords passwords, Duration sessionTtl) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.passwords = passwords;
    this.sessionTtl = sessionTtl;
  }

  /** Adds a user; the password array is wiped. Throws with what is wrong for a bad id, a weak password or a taken id. */
  public User add(String id, Role role, char[] password) throws SQLException {
    return add(id, role, password, Optional.empty());
  }

  /**
   * Adds a user; {@code backdatedTo} registers it at a past instant, marked as backfill (simulated
   * history only: the API allows it only on a cloud started with --allow-backfill).
   */
  public User add(String id, Role role, char[] password, Optional<Instant> backdatedTo) throws SQLException {
    try {
      User.requireId(id);
      Passwords.requireAcceptable(password);
      Instant now = clock.instant();
      if (backdatedTo.isPresent() && backdatedTo.get().isAfter(now)) {
        throw new IllegalArgumentException("createdAt " + backdatedTo.get() + " is in the future");
      }
      User user = new User(id, role, backdatedTo.orElse(now), Optional.empty());
      try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
          "INSERT INTO users (id, role, password_hash, created_at, backfill) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
        ps.setBoolean(5, backdatedTo.isPresent());
        ps.setString(1, id);
        ps.setString(2, role.id());
        ps.setString(3, passwords.hash(password));
        ps.setTimestamp(4, Timestamp.from(user.createdAt()));
        if (ps.executeUpdate() == 0) {
          throw new IllegalArgumentException("user '" + id + "' exists already");
        }
      }
      return user;
    } finally {
      Passwords.wipe(password);
    }
  }

  public Optional<User> find(String id) throws SQLException {
    return query("SELECT id, role, created_at, disabled_at FROM users WHERE id = ?", id).stream().findFirst();
  }

  public List<User> list() throws SQLException {
    return query("SELECT id, role, created_at, disabled_at FROM users ORDER BY id", null);
  }

  /** True when at least one user was ever added: from then on the data API asks for sessions (auto mode). */
  public boolean anyExist() throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM users)");
         ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /** Disables a user and ends their sessions; false when there is no such user. */
  public boolean disable(String id) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement up = c.prepareStatement("UPDATE users SET disabled_at = coalesce(disabled_at, ?) WHERE id = ?");
           PreparedStatement del = c.prepareStatement("DELETE FROM user_sessions WHERE user_id = ?")) {
        up.setTimestamp(1, Timestamp.from(clock.instant()));
        up.setString(2, id);
        boolean found = up.executeUpdate() > 0;
        del.setString(1, id);
        del.executeUpdate();
        c.commit();
        return found;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Checks the password and opens a session, marking the user active in this hour. Takes the time of
   * a password check whether or not the user exists. The password array is wiped.
   */
  public LoginResult login(String id, char[] password) throws SQLException {
    try {
      Optional<User> user = find(id);
      Optional<String> hash = user.isPresent() ? storedHash(id) : Optional.empty();
      if (hash.isEmpty()) {
        passwords.verifyNothing(password);
        return LoginResult.refused("unknown user");
      }
      if (!passwords.verify(password, hash.get())) {
        return LoginResult.refused("wrong password");
      }
      if (!user.get().enabled()) {
        return LoginResult.refused("user disabled");
      }
      return LoginResult.ok(openSession(user.get()));
    } finally {
      Passwords.wipe(password);
    }
  }

  /** The user of a valid, unexpired session of an enabled user. */
  public Optional<User> authenticate(String token) throws SQLException {
    String sql = """
        SELECT u.id, u.role, u.created_at, u.disabled_at FROM user_sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL""";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setBytes(1, sha256(token));
      ps.setTimestamp(2, Timestamp.from(clock.instant()));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(user(rs)) : Optional.empty();
      }
    }
  }

  /** Ends a session; false when the token was unknown. */
  public boolean logout(String token) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM user_sessions WHERE token_hash = ?")) {
      ps.setBytes(1, sha256(token));
      return ps.executeUpdate() > 0;
    }
  }

  private Session openSession(User user) throws SQLException {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Instant now = clock.instant();
    Instant expires = now.plus(sessionTtl);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement purge = c.prepareStatement("DELETE FROM user_sessions WHERE expires_at <= ?");
           PreparedStatement ins = c.prepareStatement(
               "INSERT INTO user_sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
        purge.setTimestamp(1, Timestamp.from(now));
        purge.executeUpdate();
        ins.setBytes(1, sha256(token));
        ins.setString(2, user.id());
        ins.setTimestamp(3, Timestamp.from(now));
        ins.setTimestamp(4, Timestamp.from(expires));
        ins.executeUpdate();
        UserActivity.mark(c, user.id(), now, false);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    return new Session(token, user, expires);
  }

  private Optional<String> storedHash(String id) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM users WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private List<User> query(String sql, String param) throws SQLException {
    List<User> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      if (param != null) {
        ps.setString(1, param);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(user(rs));
        }
      }
    }
    return out;
  }

  private static User user(ResultSet rs) throws SQLException {
    Timestamp disabled = rs.getTimestamp(4);
    return new User(rs.getString(1), Role.parse(rs.getString(2)), rs.getTimestamp(3).toInstant(),
        Optional.ofNullable(disabled).map(Timestamp::toInstant));
  }

  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
