package io.eoc.cli;

import static io.eoc.cli.Fixtures.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.cli.backfill.Backfill;
import io.eoc.ingest.Cloud;
import io.eoc.ingest.CloudConfig;
import io.eoc.sim.backfill.History;
import io.eoc.sim.model.Models;
import io.eoc.sim.plant.PlantScenario;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History of the demo plant goes through the real transport, Kafka and database, marked as backfill. */
class BackfillTest {
  @TempDir
  Path dir;

  @Test
  void twoDaysOfHistoryWithAGapAreStoredOnceWithPastTimestampsAndMarkedBackfill() throws Exception {
    Instant end = Instant.parse("2026-10-01T00:00:00Z");
    Instant from = end.minus(Duration.ofDays(2));
    History.Gap gap = new History.Gap(from.plus(Duration.ofHours(10)), from.plus(Duration.ofHours(16)));
    PlantScenario plant = PlantScenario.demo();
    History.Spec spec = new History.Spec(plant, from, end, Duration.ofMinutes(30), List.of(gap), null);
    long tagsPerSample = plant.devices().stream().mapToLong(d -> Models.type(d.kind()).orElseThrow().tags().size()).sum();
    long samples = 2 * 48 - 12; // 96 half hours, 12 of them in the 6-hour gap

    int mqtt = Fixtures.freePort();
    int http = Fixtures.freePort();
    try (Cloud cloud = Cloud.start(CloudConfig.embedded(dir.resolve("cloud")).withPorts(mqtt, http), Clock.systemUTC())) {
      StringWriter progress = new StringWriter();
      Backfill.Result r = new Backfill(spec, "history-test", new Backfill.Target(URI.create("http://127.0.0.1:" + http),
          "ssl://127.0.0.1:" + mqtt, dir.resolve("agent")), false, new PrintWriter(progress), Clock.systemUTC()).run();

      assertThat(r.samples()).isEqualTo(samples);
      assertThat(r.points()).isEqualTo(samples * tagsPerSample);
      assertThat(r.dropped()).as("unchanged states removed as redundant by the agent's filters").isPositive();
      assertThat(r.derivedPoints()).as("hourly aggregates from the real edge analysis").isPositive();
      assertThat(progress.toString()).contains("enrolled agent history-test").contains("done:");
      Fixtures.await(Duration.ofSeconds(60), () -> count(cloud, "SELECT count(*) FROM points") >= r.points() - r.dropped() + r.derivedPoints());
      String raw = "SELECT count(*) FROM points p JOIN series s ON s.id = p.series_id WHERE strpos(s.tag, ':') = 0";
      assertThat(count(cloud, raw)).isEqualTo(r.points() - r.dropped());
      assertThat(count(cloud, "SELECT sum(count) FROM drop_counts")).as("every removed reading counted with its reason").isEqualTo(r.dropped());
      assertThat(count(cloud, "SELECT count(*) FROM batches WHERE created_at < '" + from + "' OR created_at >= '" + end + "'"))
          .as("batches are dated when the history was read").isZero();
      assertThat(count(cloud, raw + " AND p.time >= '" + gap.from() + "' AND p.time < '" + gap.to() + "'")).isZero();
      assertThat(count(cloud, raw + " AND (p.time < '" + from + "' OR p.time >= '" + end + "')")).isZero();
      assertThat(count(cloud, "SELECT count(*) FROM batches WHERE NOT backfill")).isZero();
      assertThat(count(cloud, "SELECT count(*) FROM batches")).isEqualTo(r.batches());
      assertThat(count(cloud, "SELECT count(*) FROM devices WHERE agent_id = 'history-test' AND simulated")).isEqualTo(plant.devices().size());
      assertThat(Fixtures.duplicatePoints(cloud)).isZero();
    }
  }
}
