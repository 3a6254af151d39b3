package io.eoc.ingest;

import io.eoc.ingest.host.SelfProbeConfig;
import io.eoc.ingest.mqtt.MqttTransportConfig;
import io.eoc.ingest.users.AccessPolicy;
import io.eoc.ingest.users.UsersRequired;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import io.eoc.config.ConfigException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eoc cloud}: runs the cloud service. */
@Command(name = "cloud", mixinStandardHelpOptions = true, subcommands = {TokenCommand.class, UserCommand.class},
    header = "Run the cloud service (MQTT, Kafka, PostgreSQL, HTTP API).",
    description = {"Run the cloud service: MQTT endpoint for agents, Kafka, PostgreSQL storage and the HTTP API.",
        "Without --kafka-bootstrap / --db-url it runs an in-process Kafka broker and an embedded",
        "PostgreSQL, both keeping their data under --data-dir.", "",
        "Example: eoc cloud --kafka-bootstrap kafka1:9092 --db-url jdbc:postgresql://db/eoc --db-user eoc",
        "         (password from the environment variable EOC_DB_PASSWORD)"})
public final class CloudCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--data-dir", defaultValue = "data", description = "Where embedded services keep data (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--mqtt-port", defaultValue = "1883", description = "MQTT port for agents (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int mqttPort;

  @Option(names = "--http-port", defaultValue = "8080", description = "HTTP API/console port (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int httpPort;

  @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT[,…]", description = "Use an external Kafka cluster.")
  String kafkaBootstrap;

  @Option(names = "--db-url", paramLabel = "JDBC-URL", description = "Use an external PostgreSQL/TimescaleDB, e.g. jdbc:postgresql://db:5432/eoc.")
  String dbUrl;

  @Option(names = "--db-user", description = "Database user for --db-url.")
  String dbUser;

  @Option(names = "--agent-tokens", paramLabel = "FILE",
      description = "YAML file 'agents: {agent-id: token, ...}'; agents connect with user name = agent id, password = token.")
  Path agentTokens;

  @Option(names = "--plain-mqtt", description = "Serve MQTT without TLS (behind a TLS-terminating proxy, or for tests).")
  boolean plainMqtt;

  @Option(names = "--allow-unauthenticated",
      description = "Accept agents without tokens on a non-loopback --host (never in production).")
  boolean allowUnauthenticated;

  @Option(names = "--users-required", defaultValue = "auto", paramLabel = "auto|always",
      description = {"When the data API needs a login session (default: ${DEFAULT-VALUE} = as soon as one user exists;",
          "add the first admin with: eoc cloud user add <id> --role admin)."})
  String usersRequired;

  @Option(names = "--session-ttl", defaultValue = "PT12H", description = "How long a login stays valid, ISO-8601 (default: ${DEFAULT-VALUE}).")
  java.time.Duration sessionTtl;

  @Option(names = "--allow-backfill",
      description = "Accept POST /api/admin/backfill/usage: simulated usage history, marked backfill in every report (never in production).")
  boolean allowBackfill;

  @Option(names = "--host-link-mbps", paramLabel = "MBPS",
      description = {"Measure this cloud's own host as a business host (CPU, bandwidth; jiangsu-2018 综合绩效),",
          "against this DECLARED link capacity in Mbit/s (the bandwidth bought). Without it the host is not measured."})
  Double hostLinkMbps;

  @Option(names = "--host-interface", paramLabel = "IF",
      description = "The NIC whose traffic is measured with --host-link-mbps (default: the only non-loopback one).")
  String hostInterface;

  @Option(names = "--retention", paramLabel = "PERIOD",
      description = {"Drop raw points older than PERIOD (e.g. 400d, or P400D) by whole months, on start and daily;",
          "rollups and batch records are kept. Default: keep everything."})
  String retention;

  @Mixin
  MqttLimitOptions mqttLimits;

  @Override
  public Integer call() throws Exception {
    CloudConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException | ConfigException e) {
      spec.commandLine().getErr().println("eoc cloud: " + e.getMessage());
      return 2;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("eoc cloud: starting (" + config + ")");
    out.flush();
    Cloud cloud = start(config);
    out.printf("eoc cloud: ready. API and console http://%s:%d/  ·  agents connect to %s://%s:%d%n",
        host, cloud.httpPort(), config.tls() ? "ssl" : "tcp", host, cloud.mqttPort());
    out.println("eoc cloud: reports are signed with key " + cloud.secrets().reportKey().fingerprint()
        + " (give this fingerprint to assessors: eoc verify --key-fingerprint)");
    out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      RunFile.remove(dataDir);
      cloud.close();
    }, "eoc-cloud-shutdown"));
    new CountDownLatch(1).await();
    return 0;
  }

  /**
   * The configuration the options describe.
   *
   * @throws picocli.CommandLine.ParameterException for an MQTT transport limit that is not allowed
   * @throws IllegalArgumentException or {@link ConfigException} for any other setting
   */
  CloudConfig config() {
    // First: a limit's error is a usage error, reported by picocli with the option's name.
    MqttTransportConfig limits = mqttLimits.toConfig();
    CloudConfig config = new CloudConfig(dataDir, host, mqttPort, httpPort, Optional.ofNullable(kafkaBootstrap),
        Optional.ofNullable(dbUrl), Optional.ofNullable(dbUser), Optional.ofNullable(System.getenv("EOC_DB_PASSWORD")),
        agentTokens == null ? Map.of() : AgentTokens.load(agentTokens), allowUnauthenticated, !plainMqtt,
        new AccessPolicy(UsersRequired.parse(usersRequired), sessionTtl, allowBackfill)).withMqttLimits(limits);
    if (hostLinkMbps != null) {
      config = config.withSelfProbe(new SelfProbeConfig(hostLinkMbps, Optional.ofNullable(hostInterface)));
    } else if (hostInterface != null) {
      throw new IllegalArgumentException("--host-interface needs --host-link-mbps (the declared link capacity in Mbit/s)");
    }
    if (retention != null) {
      config = config.withRetention(io.eoc.ingest.store.Retention.parse(retention));
    }
    return config;
  }

  /** Starts a cloud and records where it runs in {@code <data-dir>/cloud.json}. */
  public static Cloud start(CloudConfig config) throws Exception {
    Cloud cloud = Cloud.start(config, Clock.systemUTC());
    RunFile.write(config.dataDir(), "http://" + config.host() + ":" + cloud.httpPort(),
        (config.tls() ? "ssl://" : "tcp://") + config.host() + ":" + cloud.mqttPort());
    return cloud;
  }
}
