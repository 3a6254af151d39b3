package io.eoc.edge.config;

import io.eoc.wire.Names;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The agent's whole configuration, loaded once from YAML by {@link AgentConfigLoader}. */
public record AgentConfig(String agentId, Path dataDir, Cloud cloud, Batching batching,
    List<DeviceConfig> devices, Metrics metrics, OutboxSettings outbox) {

  public AgentConfig {
    Names.requireName(agentId, "agent id");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(cloud, "cloud");
    Objects.requireNonNull(batching, "batching");
    devices = List.copyOf(devices);
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(outbox, "outbox");
  }

  public AgentConfig withCloud(Cloud newCloud) {
    return new AgentConfig(agentId, dataDir, newCloud, batching, devices, metrics, outbox);
  }

  public AgentConfig withOutbox(OutboxSettings newOutbox) {
    return new AgentConfig(agentId, dataDir, cloud, batching, devices, metrics, newOutbox);
  }

  /** The disk outbox: its bound and what happens when it is full. */
  public record OutboxSettings(long maxBytes, io.eoc.edge.outbox.FullPolicy whenFull) {
    public static final long DEFAULT_MAX_MB = 1024;

    public OutboxSettings {
      if (maxBytes < (1 << 20)) {
        throw new IllegalArgumentException("outbox size must be at least 1 MB");
      }
      Objects.requireNonNull(whenFull, "whenFull");
    }
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
   * The cloud's MQTT endpoint ({@code ssl://host:port}, or {@code tcp://} on a trusted loopback),
   * its HTTP API for enrolment, the agent's optional token, the number of batches in flight and
   * the age from which a batch is sent as backfill. The token is a secret: never printed.
   */
  public record Cloud(String url, Optional<String> api, Optional<String> token, int window, Duration backfillAfter) {
    public Cloud {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(api, "api");
      Objects.requireNonNull(token, "token");
      if (window < 1) {
        throw new IllegalArgumentException("window must be >= 1");
      }
      Objects.requireNonNull(backfillAfter, "backfillAfter");
    }

    public Cloud(String url, Optional<String> token) {
      this(url, Optional.empty(), token, 100, Duration.ofSeconds(30));
    }

    public Cloud withUrl(String newUrl) {
      return new Cloud(newUrl, api, token, window, backfillAfter);
    }

    @Override
    public String toString() {
      return "Cloud[url=" + url + ", api=" + api.orElse("-") + ", token=" + (token.isPresent() ? "****" : "none")
          + ", window=" + window + "]";
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
