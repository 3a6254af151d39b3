package io.eoc.cli;

import static io.eoc.cli.Fixtures.await;
import static io.eoc.cli.Fixtures.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.edge.Agent;
import io.eoc.edge.config.AgentConfig;
import io.eoc.ingest.Cloud;
import io.eoc.ingest.CloudConfig;
import io.eoc.ingest.enrol.CloudSecrets;
import io.eoc.ingest.infra.EmbeddedDatabase;
import io.eoc.ingest.infra.EmbeddedKafka;
import io.eoc.sim.modbus.ModbusBoilerServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two cloud instances share one Kafka and one database. The agent is connected to the first; the
 * first is killed (SIGKILL, in its own JVM) mid-stream. The agent moves to the second, the second
 * takes over the partitions, and every point is stored exactly once.
 */
class TwoInstancesTest {
  @TempDir
  Path dir;

  @Test
  void killingOneInstanceMidStreamLosesNothingAndTheOtherTakesOver() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
         EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("db"));
         ModbusBoilerServer sim = ModbusBoilerServer.start(ModbusBoilerServer.Options.defaults().withPort(0))) {
      CloudSecrets.openOrCreate(dir.resolve("a/secrets"), Clock.systemUTC());
      copy(dir.resolve("a/secrets"), dir.resolve("b/secrets")); // instances share their secrets
      int mqttA = Fixtures.freePort();
      int mqttB = Fixtures.freePort();
      int httpB = Fixtures.freePort();
      Process a = startCloud(kafka.bootstrapServers(), db.jdbcUrl(), mqttA, Fixtures.freePort());
      try {
        CloudConfig configB = new CloudConfig(dir.resolve("b"), "127.0.0.1", mqttB, httpB,
            Optional.of(kafka.bootstrapServers()), Optional.of(db.jdbcUrl()), Optional.empty(), Optional.empty(), Map.of(), false, true);
        try (Cloud b = Cloud.start(configB, Clock.systemUTC())) {
          AgentConfig config = Fixtures.boilerAgent(dir, "ha-agent", b,
              "ssl://127.0.0.1:" + mqttA + ",ssl://127.0.0.1:" + mqttB, httpB, sim.port(), "");
          try (Agent agent = Agent.start(config, Clock.systemUTC())) {
            await(Duration.ofSeconds(90), () -> count(b, "SELECT count(*) FROM points") > 200);
            a.destroyForcibly().waitFor();
            long atKill = count(b, "SELECT count(*) FROM points");
            await(Duration.ofSeconds(120), () -> count(b, "SELECT count(*) FROM points") > atKill + 500);
            agent.close();
            long shipped = agent.status().batches().points();
            await(Duration.ofSeconds(120), () -> count(b, "SELECT coalesce(sum(points), 0) FROM batches") >= shipped);
            assertThat(count(b, "SELECT coalesce(sum(points), 0) FROM batches")).isEqualTo(shipped);
            assertThat(count(b, "SELECT count(*) FROM points")).isEqualTo(shipped);
            assertThat(Fixtures.duplicatePoints(b)).isZero();
            assertThat(agent.status().uplink().connects()).as("reconnected to the other instance").isGreaterThanOrEqualTo(2);
          }
        }
      } finally {
        a.destroyForcibly().waitFor();
      }
    }
  }

  private Process startCloud(String bootstrap, String jdbcUrl, int mqtt, int http) throws Exception {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "io.eoc.cli.Main", "cloud",
        "--kafka-bootstrap", bootstrap, "--db-url", jdbcUrl, "--data-dir", dir.resolve("a").toString(),
        "--mqtt-port", Integer.toString(mqtt), "--http-port", Integer.toString(http));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    CountDownLatch ready = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.contains("eoc cloud: ready")) {
            ready.countDown();
          }
        }
      } catch (java.io.IOException e) {
        // killed
      }
    }, "cloud-a-output");
    reader.setDaemon(true);
    reader.start();
    if (!ready.await(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("cloud instance A did not start within 90 s");
    }
    return p;
  }

  private static void copy(Path from, Path to) throws java.io.IOException {
    try (var paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
