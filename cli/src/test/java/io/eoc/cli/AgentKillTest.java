package io.eoc.cli;

import static io.eoc.cli.Fixtures.await;
import static io.eoc.cli.Fixtures.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.edge.config.AgentConfig;
import io.eoc.ingest.Cloud;
import io.eoc.ingest.CloudConfig;
import io.eoc.sim.modbus.ModbusBoilerServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent, in its own JVM, is killed with SIGKILL again and again while it reads and sends.
 * Every batch it reported durable reaches the database, and nothing is stored twice.
 */
class AgentKillTest {
  private static final Pattern DURABLE = Pattern.compile("durable batch (\\d+) \\((\\d+) points");

  @TempDir
  Path dir;

  @Test
  void killedRepeatedlyWhileSendingTheAgentLosesNoDurableBatchAndDuplicatesNothing() throws Exception {
    int mqtt = Fixtures.freePort();
    int http = Fixtures.freePort();
    Set<Long> durable = new ConcurrentSkipListSet<>();
    Random random = new Random(9);
    try (ModbusBoilerServer sim = ModbusBoilerServer.start(ModbusBoilerServer.Options.defaults().withPort(0));
         Cloud cloud = Cloud.start(CloudConfig.embedded(dir.resolve("cloud")).withPorts(mqtt, http), Clock.systemUTC())) {
      AgentConfig config = Fixtures.boilerAgent(dir, "kill-agent", cloud, mqtt, http, sim.port(), "");
      for (int round = 0; round < 4; round++) {
        Process agent = startAgent();
        try {
          int before = durable.size();
          follow(agent, durable);
          await(Duration.ofSeconds(60), () -> durable.size() >= before + 5 + random.nextInt(10));
        } finally {
          agent.destroyForcibly().waitFor();
        }
      }
      Process last = startAgent();
      try {
        follow(last, durable);
        long target = durable.stream().mapToLong(Long::longValue).max().orElseThrow();
        await(Duration.ofSeconds(90), () -> count(cloud, "SELECT count(*) FROM batches WHERE agent_id = 'kill-agent' AND seq >= " + target) > 0
            && storedSequences(cloud).containsAll(durable));
      } finally {
        last.destroy();
        last.waitFor();
      }
      assertThat(storedSequences(cloud)).containsAll(durable);
      assertThat(Fixtures.duplicatePoints(cloud)).isZero();
      assertThat(count(cloud, "SELECT count(*) FROM points")).isEqualTo(count(cloud, "SELECT sum(points) FROM batches"));
      assertThat(count(cloud, "SELECT count(*) FROM chain_events WHERE kind IN ('fork', 'replay', 'rejected')")).isZero();
      assertThat(config.agentId()).isEqualTo("kill-agent");
    }
  }

  private Process startAgent() throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.log.io.eoc.edge.BatchStore=debug",
        "-cp", System.getProperty("java.class.path"), "io.eoc.cli.Main", "agent", "--config", dir.resolve("agent.yaml").toString()));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  /** Reads the child's output on a daemon thread, collecting every batch it reported durable. */
  private static void follow(Process p, Set<Long> durable) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          Matcher m = DURABLE.matcher(line);
          if (m.find()) {
            durable.add(Long.parseLong(m.group(1)));
          }
        }
      } catch (java.io.IOException e) {
        // the process was killed
      }
    }, "agent-output");
    t.setDaemon(true);
    t.start();
  }

  private static Set<Long> storedSequences(Cloud cloud) {
    Set<Long> out = new TreeSet<>();
    try (Connection c = cloud.dataSource().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT seq FROM batches WHERE agent_id = 'kill-agent'")) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
