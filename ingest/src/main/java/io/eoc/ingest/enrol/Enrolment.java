package io.eoc.ingest.enrol;

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
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One-time enrolment tokens and the agents' public keys. A token is random, shown once, stored
 * only as its SHA-256, bound to one agent id, expires, and can be used once.
 */
public final class Enrolment {
  /**
   * The agent id under which the cloud stores the measurements of its own host (see
   * {@code io.eoc.ingest.host.SelfProbe}). Reserved: no agent may enrol or be issued a token under it,
   * or its data would mix with the cloud's own.
   */
  public static final String CLOUD_AGENT_ID = "cloud";
  private static final SecureRandom RANDOM = new SecureRandom();
  private final DataSource dataSource;
  private final CloudIdentity cloud;
  private final Clock clock;

  public Enrolment(DataSource dataSource, CloudIdentity cloud, Clock clock) {
    this.dataSource = dataSource;
    this.cloud = cloud;
    this.clock = clock;
  }

  /** A token issued for one agent. {@code token} is the secret: show it once, never log it. */
  public record IssuedToken(String agentId, String token, Instant expiresAt) {
    @Override
    public String toString() {
      return "IssuedToken[agentId=" + agentId + ", token=****, expiresAt=" + expiresAt + "]";
    }
  }

  public IssuedToken issueToken(String agentId, Duration validFor) throws SQLException {
    io.eoc.wire.Names.requireName(agentId, "agent id");
    if (isReserved(agentId)) {
      throw new IllegalArgumentException(reservedMessage(agentId));
    }
    byte[] raw = new byte[24];
    RANDOM.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Instant now = clock.instant();
    Instant expires = now.plus(validFor);
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO enrolment_tokens (token_hash, agent_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
      ps.setBytes(1, sha256(token));
      ps.setString(2, agentId);
      ps.setTimestamp(3, Timestamp.from(now));
      ps.setTimestamp(4, Timestamp.from(expires));
      ps.executeUpdate();
    }
    return new IssuedToken(agentId, token, expires);
  }

  /** Consumes the token and records the agent's keys, in one transaction. */
  public EnrolmentResult enrol(EnrolmentRequest request) throws SQLException, EnrolmentException {
    if (isReserved(request.agentId())) {
      throw new EnrolmentException(reservedMessage(request.agentId()));
    }
    byte[] cloudKey = cloud.agreementKey(request.suite());
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        consumeToken(c, request);
        Optional<String> certificate = request.csrPem().isPresent()
            ? cloud.signCsr(request.csrPem().get(), request.agentId()) : Optional.empty();
        storeKeys(c, request, certificate);
        c.commit();
        return new EnrolmentResult(request.agentId(), request.suite(), cloudKey, certificate, cloud.caCertificatePem());
      } catch (SQLException | EnrolmentException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Whether {@code agentId} is reserved for the cloud itself ({@link #CLOUD_AGENT_ID}). */
  public static boolean isReserved(String agentId) {
    return CLOUD_AGENT_ID.equals(agentId);
  }

  /** Why a reserved agent id is refused, for enrolment, tokens and the agent tokens file. */
  public static String reservedMessage(String agentId) {
    return "agent id '" + agentId + "' is reserved: the cloud stores the measurements of its own host under it; "
        + "choose another id for this agent";
  }

  private void consumeToken(Connection c, EnrolmentRequest request) throws SQLException, EnrolmentException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT agent_id, expires_at, used_at FROM enrolment_tokens WHERE token_hash = ? FOR UPDATE")) {
      ps.setBytes(1, sha256(request.token()));
      try (ResultSet rs = ps.executeQuery()) {
        // One message for unknown, foreign and used tokens: a caller learns nothing about other agents.
        if (!rs.next() || !rs.getString(1).equals(request.agentId()) || rs.getTimestamp(3) != null) {
          throw new EnrolmentException("enrolment token not valid for agent '" + request.agentId() + "' (unknown, already used, or issued for another agent)");
        }
        if (rs.getTimestamp(2).toInstant().isBefore(clock.instant())) {
          throw new EnrolmentException("enrolment token for agent '" + request.agentId() + "' expired at " + rs.getTimestamp(2).toInstant());
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE enrolment_tokens SET used_at = ? WHERE token_hash = ?")) {
      ps.setTimestamp(1, Timestamp.from(clock.instant()));
      ps.setBytes(2, sha256(request.token()));
      ps.executeUpdate();
    }
  }

  private void storeKeys(Connection c, EnrolmentRequest r, Optional<String> certificate) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_keys (agent_id, suite, signing_key, agreement_key, certificate, enrolled_at) "
        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (agent_id) DO UPDATE SET suite = EXCLUDED.suite, signing_key = EXCLUDED.signing_key, "
        + "agreement_key = EXCLUDED.agreement_key, certificate = EXCLUDED.certificate, enrolled_at = EXCLUDED.enrolled_at")) {
      ps.setString(1, r.agentId());
      ps.setString(2, r.suite());
      ps.setBytes(3, r.signingKey());
      ps.setBytes(4, r.agreementKey());
      ps.setString(5, certificate.orElse(null));
      ps.setTimestamp(6, Timestamp.from(clock.instant()));
      ps.executeUpdate();
    }
  }

  /** The enrolled keys of an agent. */
  public record AgentKeyRecord(String agentId, String suite, byte[] signingKey, byte[] agreementKey) {}

  public Optional<AgentKeyRecord> keys(String agentId) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT suite, signing_key, agreement_key FROM agent_keys WHERE agent_id = ?")) {
      ps.setString(1, agentId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new AgentKeyRecord(agentId, rs.getString(1), rs.getBytes(2), rs.getBytes(3))) : Optional.empty();
      }
    }
  }

  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
