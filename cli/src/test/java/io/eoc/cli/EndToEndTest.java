package io.eoc.cli;

import static io.eoc.cli.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.edge.Agent;
import io.eoc.edge.config.AgentConfig;
import io.eoc.ingest.Cloud;
import io.eoc.ingest.CloudConfig;
import io.eoc.sim.modbus.ModbusBoilerServer;
import io.eoc.sim.modbus.ServedRead;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain with real parts: j2mod slave → agent (j2mod master) → MQTT (Paho → Netty) →
 * Kafka (in-process KRaft) → PostgreSQL (embedded, COPY). What is stored must be exactly what the
 * simulator served, tag by tag, with the time it was read.
 */
class EndToEndTest {
  private static final List<String> TAGS = List.of("steam_pressure", "steam_temperature", "fuel_flow", "running", "steam_flow");

  @TempDir
  Path dir;

  @Test
  void storedValuesEqualServedValuesTagByTagAndSurviveACloudRestart() throws Exception {
    List<StoredPoint> stored;
    List<ServedRead> served;
    try (ModbusBoilerServer sim = ModbusBoilerServer.start(ModbusBoilerServer.Options.defaults().withPort(0).withSeed(7))) {
      CloudConfig cloudConfig = CloudConfig.embedded(dir.resolve("cloud"));
      try (Cloud cloud = Cloud.start(cloudConfig, Clock.systemUTC())) {
        // The real enrolment: one-time token from the cloud, keys created here, certificate issued there.
        AgentConfig config = Fixtures.boilerAgent(dir, "e2e-agent", cloud, cloud.mqttPort(), cloud.httpPort(), sim.port(), "");
        long shipped;
        try (Agent agent = Agent.start(config, Clock.systemUTC())) {
          await(Duration.ofSeconds(60), () -> cloud.sinkStats().points() >= 40 * TAGS.size());
          agent.close(); // stops polling and waits until the cloud acknowledged every stored batch
          assertThat(agent.status().outbox().depthRecords()).as("outbox drained").isZero();
          shipped = agent.status().batches().points();
        }
        await(Duration.ofSeconds(30), () -> cloud.sinkStats().points() >= shipped);
        assertThat(cloud.sinkStats().points()).isEqualTo(shipped);
        served = sim.servedLog().reads();
        stored = storedPoints(cloud);
        assertThat(get(cloud, "/health")).contains("\"status\" : \"UP\"");
      }
    }

    assertThat(stored).hasSize(served.size() * TAGS.size());
    for (int i = 0; i < served.size(); i++) {
      ServedRead read = served.get(i);
      Instant next = i + 1 < served.size() ? served.get(i + 1).servedAt() : Instant.MAX;
      for (String tag : TAGS) {
        StoredPoint p = stored.stream().filter(s -> s.tag.equals(tag) && !s.time.isBefore(read.servedAt()) && s.time.isBefore(next))
            .findFirst().orElseThrow(() -> new AssertionError("no stored " + tag + " for the read served at " + read.servedAt()));
        assertThat(p.value).as("%s read at %s", tag, read.servedAt()).isEqualTo(read.values().get(tag));
        assertThat(p.quality).isZero();
        assertThat(Duration.between(read.servedAt(), p.time)).isLessThan(Duration.ofSeconds(1));
      }
    }

    try (Cloud again = Cloud.start(CloudConfig.embedded(dir.resolve("cloud")), Clock.systemUTC())) {
      assertThat(storedPoints(again)).containsExactlyElementsOf(stored);
      String latest = get(again, "/api/devices/boiler-1/latest");
      StoredPoint last = stored.stream().filter(s -> s.tag.equals("steam_pressure")).reduce((a, b) -> b).orElseThrow();
      assertThat(latest).contains("\"tag\" : \"steam_pressure\"").contains("\"time\" : \"" + last.time + "\"")
          .contains("\"value\" : " + last.value);
    }
  }

  private record StoredPoint(String tag, Instant time, double value, int quality) {}

  private static List<StoredPoint> storedPoints(Cloud cloud) throws Exception {
    List<StoredPoint> out = new ArrayList<>();
    try (Connection c = cloud.dataSource().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT s.tag, p.time, p.value, p.quality FROM points p JOIN series s ON s.id = p.series_id "
             + "WHERE s.agent_id = 'e2e-agent' AND s.device_id = 'boiler-1' ORDER BY p.time, s.tag")) {
      while (rs.next()) {
        out.add(new StoredPoint(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getDouble(3), rs.getInt(4)));
      }
    }
    return out;
  }

  private static String get(Cloud cloud, String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cloud.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
    return r.body();
  }
}
