package io.eoc.ingest;

import io.eoc.ingest.host.SelfProbeConfig;
import io.eoc.ingest.mqtt.MqttTransportConfig;
import io.eoc.ingest.users.AccessPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Configuration of one cloud instance. Without {@code kafkaBootstrap} an in-process Kafka broker
 * keeps its log under {@code dataDir/kafka}; without {@code dbUrl} an embedded PostgreSQL keeps
 * its data under {@code dataDir/postgres}. The database password is a secret and never printed.
 * With {@code selfProbe} the cloud measures its own host as a business host (jiangsu-2018 §四
 * 综合绩效); without it, it does not. With {@code retention} raw points older than that are dropped
 * by whole months (rollups and batches are kept); without it, everything is kept. {@code mqttLimits}
 * are what agents meet on the MQTT endpoint (rate limit, packet size, keep-alive, in flight, downlink
 * queue); its host, port and TLS are not used: those are {@code host}, {@code mqttPort} and {@code tls}.
 */
public record CloudConfig(Path dataDir, String host, int mqttPort, int httpPort,
    Optional<String> kafkaBootstrap, Optional<String> dbUrl, Optional<String> dbUser, Optional<String> dbPassword,
    Map<String, String> agentTokens, boolean allowUnauthenticated, boolean tls, AccessPolicy access,
    Optional<SelfProbeConfig> selfProbe, Optional<Duration> retention, MqttTransportConfig mqttLimits) {

  public CloudConfig {
    Objects.requireNonNull(mqttLimits, "mqttLimits");
    Objects.requireNonNull(retention, "retention");
    retention.filter(r -> r.isNegative() || r.isZero()).ifPresent(r -> {
      throw new IllegalArgumentException("retention must be positive, was " + r);
    });
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(selfProbe, "selfProbe");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(host, "host");
    requirePort(mqttPort, "MQTT");
    requirePort(httpPort, "HTTP");
    Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
    Objects.requireNonNull(dbUrl, "dbUrl");
    Objects.requireNonNull(dbUser, "dbUser");
    Objects.requireNonNull(dbPassword, "dbPassword");
    agentTokens = Map.copyOf(agentTokens);
    if (!tls && agentTokens.isEmpty() && !allowUnauthenticated && !isLoopback(host)) {
      throw new IllegalArgumentException("refusing plain MQTT without agent authentication on " + host
          + ": keep TLS on (agents prove who they are with their certificates), give agent tokens "
          + "(--agent-tokens FILE) or, knowingly, --allow-unauthenticated");
    }
    dbUrl.filter(u -> !u.startsWith("jdbc:postgresql:")).ifPresent(u -> {
      throw new IllegalArgumentException("database URL must start with jdbc:postgresql:, was '" + u + "'");
    });
  }

  /** The MQTT transport's default limits ({@link MqttTransportConfig#defaults()}). */
  public CloudConfig(Path dataDir, String host, int mqttPort, int httpPort,
      Optional<String> kafkaBootstrap, Optional<String> dbUrl, Optional<String> dbUser, Optional<String> dbPassword,
      Map<String, String> agentTokens, boolean allowUnauthenticated, boolean tls, AccessPolicy access,
      Optional<SelfProbeConfig> selfProbe, Optional<Duration> retention) {
    this(dataDir, host, mqttPort, httpPort, kafkaBootstrap, dbUrl, dbUser, dbPassword, agentTokens, allowUnauthenticated, tls,
        access, selfProbe, retention, MqttTransportConfig.defaults());
  }

  /** Raw points kept for ever. */
  public CloudConfig(Path dataDir, String host, int mqttPort, int httpPort,
      Optional<String> kafkaBootstrap, Optional<String> dbUrl, Optional<String> dbUser, Optional<String> dbPassword,
      Map<String, String> agentTokens, boolean allowUnauthenticated, boolean tls, AccessPolicy access,
      Optional<SelfProbeConfig> selfProbe) {
    this(dataDir, host, mqttPort, httpPort, kafkaBootstrap, dbUrl, dbUser, dbPassword, agentTokens, allowUnauthenticated, tls,
        access, selfProbe, Optional.empty());
  }

  /** Without measuring the cloud's own host. */
  public CloudConfig(Path dataDir, String host, int mqttPort, int httpPort, Optional<String> kafkaBootstrap,
      Optional<String> dbUrl, Optional<String> dbUser, Optional<String> dbPassword, Map<String, String> agentTokens,
      boolean allowUnauthenticated, boolean tls, AccessPolicy access) {
    this(dataDir, host, mqttPort, httpPort, kafkaBootstrap, dbUrl, dbUser, dbPassword, agentTokens, allowUnauthenticated, tls,
        access, Optional.empty());
  }

  /** Default API access policy: users required once one exists, 12 h sessions, no usage backfill. */
  public CloudConfig(Path dataDir, String host, int mqttPort, int httpPort, Optional<String> kafkaBootstrap,
      Optional<String> dbUrl, Optional<String> dbUser, Optional<String> dbPassword, Map<String, String> agentTokens,
      boolean allowUnauthenticated, boolean tls) {
    this(dataDir, host, mqttPort, httpPort, kafkaBootstrap, dbUrl, dbUser, dbPassword, agentTokens, allowUnauthenticated, tls,
        AccessPolicy.defaults());
  }

  /** Embedded Kafka and PostgreSQL under {@code dataDir}, ephemeral ports on 127.0.0.1 (tests). */
  public static CloudConfig embedded(Path dataDir) {
    return new CloudConfig(dataDir, "127.0.0.1", 0, 0, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Map.of(), false, true);
  }

  public CloudConfig withPorts(int mqtt, int http) {
    return new CloudConfig(dataDir, host, mqtt, http, kafkaBootstrap, dbUrl, dbUser, dbPassword, agentTokens,
        allowUnauthenticated, tls, access, selfProbe, retention, mqttLimits);
  }

  /** Who may use the HTTP API: users required, session lifetime, usage backfill permitted. */
  public CloudConfig withAccess(AccessPolicy policy) {
    return new CloudConfig(dataDir, host, mqttPort, httpPort, kafkaBootstrap, dbUrl, dbUser, dbPassword, agentTokens,
        allowUnauthenticated, tls, policy, selfProbe, retention, mqttLimits);
  }

  public CloudConfig withAgentTokens(Map<String, String> tokens) {
    return new CloudConfig(dataDir, host, mqttPort, httpPort, kafkaBootstrap, dbUrl, dbUser, dbPassword, tokens,
        allowUnauthenticated, tls, access, selfProbe, retention, mqttLimits);
  }

  /** Plain MQTT instead of TLS (tests, or behind a TLS-terminating proxy on a trusted network). */
  public CloudConfig withTls(boolean on) {
    return new CloudConfig(dataDir, host, mqttPort, httpPort, kafkaBootstrap, dbUrl, dbUser, dbPassword, agentTokens,
        allowUnauthenticated, on, access, selfProbe, retention, mqttLimits);
  }

  /** Measures the cloud's own host as a business host, as configured. */
  public CloudConfig withSelfProbe(SelfProbeConfig probe) {
    return new CloudConfig(dataDir, host, mqttPort, httpPort, kafkaBootstrap, dbUrl, dbUser, dbPassword, agentTokens,
        allowUnauthenticated, tls, access, Optional.of(probe), retention, mqttLimits);
  }

  /** Drops raw points (whole months, or TimescaleDB chunks) older than {@code keep}; rollups and batches stay. */
  public CloudConfig withRetention(Duration keep) {
    return new CloudConfig(dataDir, host, mqttPort, httpPort, kafkaBootstrap, dbUrl, dbUser, dbPassword, agentTokens,
        allowUnauthenticated, tls, access, selfProbe, Optional.of(keep), mqttLimits);
  }

  /**
   * What agents meet on the MQTT endpoint: rate limit, packet size, keep-alive, in flight, downlink
   * queue. The host, port and TLS of {@code limits} are ignored.
   */
  public CloudConfig withMqttLimits(MqttTransportConfig limits) {
    return new CloudConfig(dataDir, host, mqttPort, httpPort, kafkaBootstrap, dbUrl, dbUser, dbPassword, agentTokens,
        allowUnauthenticated, tls, access, selfProbe, retention, limits);
  }

  /** The cloud's keys and certificate authority. */
  public Path secretsDir() {
    return dataDir.resolve("secrets");
  }

  /**
   * Without tokens every agent is accepted under its client id, which is safe only on the loopback
   * interface (the demo and tests); anywhere else tokens are required unless explicitly waived.
   */
  public boolean authenticatesAgents() {
    return !agentTokens.isEmpty();
  }

  private static boolean isLoopback(String host) {
    return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
  }

  private static void requirePort(int port, String what) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(what + " port must be 0-65535 (0 = any free port), was " + port);
    }
  }

  @Override
  public String toString() {
    return "CloudConfig[dataDir=" + dataDir + ", host=" + host + ", mqttPort=" + mqttPort + ", httpPort=" + httpPort
        + ", kafka=" + kafkaBootstrap.orElse("embedded") + ", db=" + dbUrl.orElse("embedded")
        + ", dbUser=" + dbUser.orElse("-") + ", dbPassword=" + (dbPassword.isPresent() ? "****" : "-")
        + ", mqtt=" + (tls ? "TLS with agent certificates" : "plain") 
        + ", tokens=" + (agentTokens.isEmpty() ? "none" : agentTokens.size() + " agent(s)")
        + ", users=" + access.usersRequired().name().toLowerCase(java.util.Locale.ROOT) + ", sessions=" + access.sessionTtl()
        + (access.allowBackfill() ? ", usage backfill ALLOWED" : "")
        + ", own host=" + selfProbe.map(SelfProbeConfig::toString).orElse("not measured")
        + ", retention=" + retention.map(Duration::toString).orElse("keep everything") + "]";
  }
}
