package io.eoc.cli;

import static io.eoc.cli.Fixtures.await;
import static io.eoc.cli.Fixtures.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.edge.Agent;
import io.eoc.edge.config.AgentConfig;
import io.eoc.ingest.Cloud;
import io.eoc.ingest.CloudConfig;
import io.eoc.sim.modbus.ModbusBoilerServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cloud goes away while the plant runs: the agent keeps reading into its disk outbox and,
 * when the cloud is back, sends the backlog marked as backfill. Every point is stored exactly once.
 */
class CloudOutageTest {
  @TempDir
  Path dir;

  @Test
  void afterAnOutageEveryPointIsStoredExactlyOnceAndTheBacklogIsMarkedAsBackfill() throws Exception {
    int mqtt = Fixtures.freePort();
    int http = Fixtures.freePort();
    CloudConfig cloudConfig = CloudConfig.embedded(dir.resolve("cloud")).withPorts(mqtt, http);
    try (ModbusBoilerServer sim = ModbusBoilerServer.start(ModbusBoilerServer.Options.defaults().withPort(0))) {
      Cloud cloud = Cloud.start(cloudConfig, Clock.systemUTC());
      AgentConfig config = Fixtures.boilerAgent(dir, "outage-agent", cloud, mqtt, http, sim.port(), "");
      try (Agent agent = Agent.start(config, Clock.systemUTC())) {
        await(Duration.ofSeconds(60), () -> cloud.sinkStats().points() > 100);
        cloud.close();

        long storedBefore = agent.status().batches().batches();
        await(Duration.ofSeconds(30), () -> agent.status().batches().batches() > storedBefore + 20
            && agent.status().outbox().depthRecords() > 20);
        Thread.sleep(2500); // outlast backfill-after (2 s), so the backlog is sent as backfill
        long backlog = agent.status().outbox().depthRecords();

        try (Cloud again = Cloud.start(cloudConfig, Clock.systemUTC())) {
          await(Duration.ofSeconds(60), () -> agent.status().outbox().depthRecords() < 5);
          agent.close();
          long shipped = agent.status().batches().points();
          await(Duration.ofSeconds(60), () -> count(again, "SELECT coalesce(sum(points), 0) FROM batches") >= shipped);

          assertThat(count(again, "SELECT coalesce(sum(points), 0) FROM batches")).isEqualTo(shipped);
          assertThat(count(again, "SELECT count(*) FROM points")).isEqualTo(shipped);
          assertThat(Fixtures.duplicatePoints(again)).isZero();
          assertThat(count(again, "SELECT count(*) FROM batches WHERE backfill")).isGreaterThanOrEqualTo(backlog / 2);
          assertThat(count(again, "SELECT count(*) FROM chain_events WHERE kind IN ('gap', 'fork', 'replay', 'rejected')")).isZero();
          assertThat(agent.status().batches().refused() + agent.status().batches().droppedOldest()).isZero();
        }
      }
    }
  }
}
