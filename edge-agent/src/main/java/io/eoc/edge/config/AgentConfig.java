package io.eoc.edge.config;

import io.eoc.wire.Names;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The agent's whole configuration, loaded once from YAML by {@link AgentConfigLoader}. */
public record AgentConfig(String agentId, Path dataDir, Cloud cloud, Batching batching,
    List<DeviceConfig> devices, Metrics metrics) {

  public AgentConfig {
    Names.requireName(agentId, "agent id");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(cloud, "cloud");
    Objects.requireNonNull(batching, "batching");
    devices = List.copyOf(devices);
    Objects.requireNonNull(metrics, "metrics");
  }

  public AgentConfig withCloud(Cloud newCloud) {
    return new AgentConfig(agentId, dataDir, newCloud, batching, devices, metrics);
  }

  /**
   * The local Prometheus endpoint. Port 0 picks a free port; a busy configured port falls back to
   * a free one with a warning rather than stopping the agent.
   */
  public record Metrics(boolean enabled, String host, int port) {
    public static final int DEFAULT_PORT = 9464;

    public Metrics {
      Objects.requireNonNull(host, "host");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("metrics port must be 0-65535, was " + port);
      }
    }
  }

  /**
   * The cloud's MQTT endpoint ({@code tcp://host:port}) and the agent's token.
   * The token is a secret: never printed.
   */
  public record Cloud(String url, Optional<String> token) {
    public Cloud {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
      return "Cloud[url=" + url + ", token=" + (token.isPresent() ? "****" : "none") + "]";
    }
  }

  /** A batch is shipped when it holds {@code maxPoints} or its oldest point is {@code maxDelay} old. */
  public record Batching(int maxPoints, Duration maxDelay) {
    public Batching {
      if (maxPoints < 1) {
        throw new IllegalArgumentException("maxPoints must be >= 1");
      }
      Objects.requireNonNull(maxDelay, "maxDelay");
    }
  }
}
