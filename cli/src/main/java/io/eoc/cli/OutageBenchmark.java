package io.eoc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.eoc.edge.Agent;
import io.eoc.edge.AgentStatus;
import io.eoc.edge.config.AgentConfig;
import io.eoc.edge.config.AgentConfigLoader;
import io.eoc.edge.identity.Enroller;
import io.eoc.ingest.Cloud;
import io.eoc.ingest.CloudConfig;
import io.eoc.sim.plant.LoadSpec;
import io.eoc.sim.plant.Plant;
import io.eoc.wire.seal.Suite;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eoc bench outage}: a simulated plant at a steady rate, the cloud stopped for a while and
 * started again; reports what was read, stored, lost and duplicated, and how long the backlog took
 * to drain compared with the outage (DESIGN target: 0 lost, 0 duplicated, drained in ≤ 2× outage).
 */
@Command(name = "outage", mixinStandardHelpOptions = true,
    header = "Stop the cloud while a load plant runs; measure loss, duplicates and backlog drain time.")
public final class OutageBenchmark implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--devices", defaultValue = "100", description = "Simulated devices (default: ${DEFAULT-VALUE}).")
  int devices;

  @Option(names = "--tags", defaultValue = "100", description = "Tags per device (default: ${DEFAULT-VALUE}).")
  int tags;

  @Option(names = "--warmup", defaultValue = "30", description = "Seconds of normal operation before the outage (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(names = "--outage", defaultValue = "600", description = "Seconds the cloud is down (default: ${DEFAULT-VALUE}).")
  int outageSeconds;

  @Option(names = "--data-dir", defaultValue = "data/bench-outage", description = "Working directory, emptied first (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    deleteRecursively(dir);
    Files.createDirectories(dir);
    int mqtt = freePort();
    int http = freePort();
    CloudConfig cloudConfig = CloudConfig.embedded(dir.resolve("cloud")).withPorts(mqtt, http);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("devices", devices);
    result.put("tagsPerDevice", tags);
    result.put("outageSeconds", outageSeconds);
    try (Plant plant = Plant.load(LoadSpec.of(devices, tags, Duration.ofSeconds(1)), Clock.systemUTC())) {
      Cloud cloud = Cloud.start(cloudConfig, Clock.systemUTC());
      AgentConfig config = agent(plant, cloud, mqtt, http);
      try (Agent agent = Agent.start(config, Clock.systemUTC())) {
        progress(out, "warm-up " + warmupSeconds + " s");
        Thread.sleep(warmupSeconds * 1000L);
        long readBefore = agent.status().pointsRead();
        long t0 = System.nanoTime();
        cloud.close();
        progress(out, "cloud stopped for " + outageSeconds + " s");
        Thread.sleep(outageSeconds * 1000L);
        double rate = (agent.status().pointsRead() - readBefore) / ((System.nanoTime() - t0) / 1e9);
        result.put("pointsPerSecondRead", Math.round(rate));
        result.put("backlogBatches", agent.status().outbox().depthRecords());
        result.put("backlogBytes", agent.status().outbox().depthBytes());
        long restarted = System.nanoTime();
        try (Cloud again = Cloud.start(cloudConfig, Clock.systemUTC())) {
          progress(out, "cloud back; draining the backlog");
          await(Duration.ofSeconds(outageSeconds * 4L + 120), () -> agent.status().outbox().depthRecords() < 3);
          double drain = (System.nanoTime() - restarted) / 1e9;
          result.put("drainSeconds", Math.round(drain * 10) / 10.0);
          result.put("drainToOutageRatio", Math.round(drain / outageSeconds * 100) / 100.0);
          agent.close();
          AgentStatus s = agent.status();
          long shipped = s.batches().points();
          await(Duration.ofSeconds(300), () -> count(again, "SELECT coalesce(sum(points), 0) FROM batches") >= shipped);
          result.put("pointsRead", s.pointsRead());
          result.put("pointsStoredByAgent", shipped);
          result.put("pointsInDatabase", count(again, "SELECT count(*) FROM points"));
          result.put("lost", shipped - count(again, "SELECT coalesce(sum(points), 0) FROM batches"));
          result.put("duplicated", count(again, "SELECT count(*) FROM (SELECT series_id, time FROM points GROUP BY 1, 2 HAVING count(*) > 1) d"));
          result.put("droppedByFullOutbox", s.batches().droppedOldest() + s.batches().refused());
          result.put("backfillBatches", count(again, "SELECT count(*) FROM batches WHERE backfill"));
          result.put("bytesPerPoint", Math.round(s.batches().bytesPerPoint() * 100) / 100.0);
        }
      }
    }
    out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
    out.flush();
    return 0;
  }

  private AgentConfig agent(Plant plant, Cloud cloud, int mqtt, int http) throws Exception {
    String yaml = plant.agentYaml("bench-agent", "ssl://127.0.0.1:" + mqtt)
        .replace("agent:\n  id: bench-agent\n", "agent:\n  id: bench-agent\n  data-dir: agent\nmetrics: {port: 0}\n")
        .replace("cloud:\n  url: ", "batch: {max-points: 5000, max-delay: 1s}\ncloud:\n  api: http://127.0.0.1:" + http + "\n  url: ");
    Path file = Files.writeString(dir.resolve("agent.yaml"), yaml);
    AgentConfig config = AgentConfigLoader.load(file);
    String token = cloud.enrolment().issueToken(config.agentId(), Duration.ofMinutes(5)).token();
    Enroller.enrol(config.agentId(), config.dataDir(), URI.create("http://127.0.0.1:" + http), token, Suite.DEFAULT);
    return config;
  }

  private static void progress(PrintWriter out, String what) {
    out.println("bench: " + what);
    out.flush();
  }

  private static long count(Cloud cloud, String sql) {
    try (Connection c = cloud.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (Exception e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static void await(Duration bound, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not reached within " + bound);
      }
      Thread.sleep(200);
    }
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void deleteRecursively(Path root) throws java.io.IOException {
    if (Files.exists(root)) {
      try (var paths = Files.walk(root)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
