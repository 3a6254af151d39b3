package io.eoc.ingest;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Configuration of one cloud instance. Without {@code kafkaBootstrap} an in-process Kafka broker
 * keeps its log under {@code dataDir/kafka}; without {@code dbUrl} an embedded PostgreSQL keeps
 * its data under {@code dataDir/postgres}. The database password is a secret and never printed.
 */
public record CloudConfig(Path dataDir, String host, int mqttPort, int httpPort,
    Optional<String> kafkaBootstrap, Optional<String> dbUrl, Optional<String> dbUser, Optional<String> dbPassword) {

  public CloudConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(host, "host");
    requirePort(mqttPort, "MQTT");
    requirePort(httpPort, "HTTP");
    Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
    Objects.requireNonNull(dbUrl, "dbUrl");
    Objects.requireNonNull(dbUser, "dbUser");
    Objects.requireNonNull(dbPassword, "dbPassword");
    dbUrl.filter(u -> !u.startsWith("jdbc:postgresql:")).ifPresent(u -> {
      throw new IllegalArgumentException("database URL must start with jdbc:postgresql:, was '" + u + "'");
    });
  }

  /** Embedded Kafka and PostgreSQL under {@code dataDir}, ephemeral ports on 127.0.0.1 (tests). */
  public static CloudConfig embedded(Path dataDir) {
    return new CloudConfig(dataDir, "127.0.0.1", 0, 0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public CloudConfig withPorts(int mqtt, int http) {
    return new CloudConfig(dataDir, host, mqtt, http, kafkaBootstrap, dbUrl, dbUser, dbPassword);
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
        + ", dbUser=" + dbUser.orElse("-") + ", dbPassword=" + (dbPassword.isPresent() ? "****" : "-") + "]";
  }
}
