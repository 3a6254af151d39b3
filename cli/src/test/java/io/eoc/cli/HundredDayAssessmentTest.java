package io.eoc.cli;

import static io.eoc.cli.Fixtures.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.eoc.cli.backfill.Backfill;
import io.eoc.criteria.Assessment;
import io.eoc.criteria.Outcome;
import io.eoc.criteria.RuleResult;
import io.eoc.ingest.Assessments;
import io.eoc.ingest.Cloud;
import io.eoc.ingest.CloudConfig;
import io.eoc.ingest.users.AccessPolicy;
import io.eoc.metrics.Window;
import io.eoc.sim.backfill.History;
import io.eoc.sim.plant.PlantScenario;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6 acceptance: the demo plant's 100-day history (equipment, a business host, users and their
 * service use) goes through the real transport, Kafka and database as backfill; the jiangsu-2023
 * equipment-access and time-on-cloud results and the jiangsu-2018 results are what that history must
 * give. A plant with a 60-day outage fails time on cloud and says why.
 */
class HundredDayAssessmentTest {
  /** A fixed past end, so that what happens today (the backfill itself) lies outside every window. */
  private static final Instant END = Instant.parse("2026-10-01T00:00:00Z");
  private static final Clock AT_END = Clock.fixed(END, ZoneOffset.UTC);

  @TempDir
  Path dir;

  private Backfill.Result backfill(Cloud cloud, int mqtt, int http, History.Spec spec, boolean usage) throws Exception {
    return new Backfill(spec, "history", new Backfill.Target(URI.create("http://127.0.0.1:" + http), "ssl://127.0.0.1:" + mqtt,
        dir.resolve("agent")), usage, new PrintWriter(new StringWriter()), Clock.systemUTC()).run();
  }

  private static RuleResult result(Assessment a, String rule) {
    return a.results().stream().filter(r -> r.rule().id().equals(rule)).findFirst()
        .orElseThrow(() -> new AssertionError("no result for rule " + rule + " in " + a.results().stream().map(r -> r.rule().id()).toList()));
  }

  private static double value(Assessment a, String rule) {
    return result(a, rule).measurement().value().orElseThrow(() -> new AssertionError(rule + " has no value: "
        + result(a, rule).measurement().explanation()));
  }

  @Test
  void hundredDaysOfTheDemoPlantGiveTheResultsTheHistoryMustGive() throws Exception {
    int mqtt = Fixtures.freePort();
    int http = Fixtures.freePort();
    CloudConfig config = CloudConfig.embedded(dir.resolve("cloud")).withPorts(mqtt, http)
        .withAccess(AccessPolicy.defaults().withAllowBackfill(true));
    History.Spec spec = new History.Spec(PlantScenario.demo(), END.minus(Duration.ofDays(100)), END, Duration.ofMinutes(30),
        List.of(), BackfillCommand.defaultHost());
    try (Cloud cloud = Cloud.start(config, Clock.systemUTC())) {
      Backfill.Result r = backfill(cloud, mqtt, http, spec, true);
      Fixtures.await(Duration.ofSeconds(120), () -> count(cloud, "SELECT count(*) FROM points") >= r.points() - r.dropped() + r.derivedPoints());
      Window hundredDays = new Window(spec.from(), END);

      Assessment j2023 = Assessments.run(cloud.evidence(), "jiangsu-2023", 4, Optional.of(hundredDays), AT_END);
      // Equipment access: the demo plant has 2 boilers, 3 power machines, 4 new-energy and 3 intelligent devices.
      assertThat(value(j2023, "equipment-access.high-energy")).isEqualTo(2);
      assertThat(value(j2023, "equipment-access.power")).isEqualTo(3);
      assertThat(value(j2023, "equipment-access.new-energy")).isEqualTo(4);
      assertThat(value(j2023, "equipment-access.intelligent")).isEqualTo(3);
      assertThat(result(j2023, "equipment-access").outcome()).isEqualTo(Outcome.PASS);
      // Time on cloud: equipment data every half hour and services every working day for 100 days;
      // the shortest run starts at the window's first use, within a day of its start.
      assertThat(result(j2023, "time-on-cloud").outcome()).isEqualTo(Outcome.PASS);
      assertThat(value(j2023, "time-on-cloud")).isBetween(97.0, 100.0);
      // The history uses all 13 subdomains, so the services pass; 4★ is not reached only because no
      // investment is declared.
      assertThat(value(j2023, "edge-and-device-services")).as(j2023.results().stream()
          .map(x -> x.rule().id() + " " + x.outcome() + ": " + x.measurement().explanation()).toList().toString()).isEqualTo(13);
      assertThat(result(j2023, "edge-and-device-services").outcome()).isEqualTo(Outcome.PASS);
      assertThat(result(j2023, "service.scada").outcome()).isEqualTo(Outcome.PASS);
      assertThat(result(j2023, "service.optimisation").outcome()).isEqualTo(Outcome.PASS);
      assertThat(j2023.levelReached()).isFalse();
      assertThat(result(j2023, "cloud-investment").outcome()).isEqualTo(Outcome.NO_EVIDENCE);
      assertThat(j2023.reasons()).singleElement().asString().contains("cloud investment");
      assertThat(j2023.notices()).anySatisfy(n -> assertThat(n).containsIgnoringCase("backfill"))
          .anySatisfy(n -> assertThat(n).containsIgnoringCase("simulated"));

      Assessment j2018 = Assessments.run(cloud.evidence(), "jiangsu-2018", 5, Optional.of(hundredDays), AT_END);
      // CPU over the last 30 days: the samples' own mean, recomputed from the stored points.
      double cpu = Fixtures.number(cloud, "SELECT avg(p.value) FROM points p JOIN series s ON s.id = p.series_id "
          + "WHERE s.tag = 'cpu_percent' AND p.time >= '" + END.minus(Duration.ofDays(30)) + "' AND p.time < '" + END + "'");
      assertThat(value(j2018, "host-cpu")).isCloseTo(cpu, within(1e-6));
      // Busy 30 % ±20 % in 50 of 168 weekly hours, quiet 6 % otherwise: about 13 %, so 3★ and 4★ but not 5★.
      assertThat(cpu).isBetween(10.0, 25.0);
      assertThat(Assessments.run(cloud.evidence(), "jiangsu-2018", 4, Optional.of(hundredDays), AT_END).results().stream()
          .filter(x -> x.rule().id().equals("host-cpu")).findFirst().orElseThrow().outcome()).isEqualTo(Outcome.PASS);
      assertThat(result(j2018, "host-cpu").outcome()).isEqualTo(Outcome.FAIL);
      // Bandwidth in 08–18 China time: 55 % ±20 % of the link on weekdays, 12 % at weekends, the busier
      // direction being rx: (5 × 55 + 2 × 12) / 7 ≈ 42.7 %, so 4★ (>= 40) but not 5★ (>= 50).
      assertThat(value(j2018, "bandwidth-usage")).isBetween(40.0, 46.0);
      assertThat(result(j2018, "bandwidth-usage").outcome()).isEqualTo(Outcome.FAIL);
      // Monthly users: 9 of the 10 registered users are active in every whole month.
      assertThat(value(j2018, "monthly-user-usage")).isCloseTo(90.0, within(1e-9));
      assertThat(result(j2018, "monthly-user-usage").outcome()).isEqualTo(Outcome.PASS);
      // Data operations: one write per stored batch on the day the agent made it; the backfilled usage is
      // history, not reads this system served. A few large batches a day are far below 1,000 operations.
      long batches30 = count(cloud, "SELECT count(*) FROM batches WHERE created_at >= '" + END.minus(Duration.ofDays(30))
          + "' AND created_at < '" + END + "'");
      assertThat(value(j2018, "data-read-write")).isCloseTo(batches30 / 30.0, within(1e-9));
      assertThat(result(j2018, "data-read-write").outcome()).isEqualTo(Outcome.FAIL);
      assertThat(result(j2018, "it-om-cost-reduction").outcome()).isEqualTo(Outcome.NO_EVIDENCE);
    }
  }

  @Test
  void aPlantWithASixtyDayOutageFailsTimeOnCloudAndTheGapIsNamed() throws Exception {
    int mqtt = Fixtures.freePort();
    int http = Fixtures.freePort();
    CloudConfig config = CloudConfig.embedded(dir.resolve("cloud")).withPorts(mqtt, http)
        .withAccess(AccessPolicy.defaults().withAllowBackfill(true));
    Instant gapFrom = END.minus(Duration.ofDays(80));
    Instant gapTo = gapFrom.plus(Duration.ofDays(60));
    History.Spec spec = new History.Spec(PlantScenario.demo(), END.minus(Duration.ofDays(100)), END, Duration.ofHours(2),
        List.of(new History.Gap(gapFrom, gapTo)), null);
    try (Cloud cloud = Cloud.start(config, Clock.systemUTC())) {
      Backfill.Result r = backfill(cloud, mqtt, http, spec, true);
      Fixtures.await(Duration.ofSeconds(120), () -> count(cloud, "SELECT count(*) FROM points") >= r.points() - r.dropped() + r.derivedPoints());

      Assessment a = Assessments.run(cloud.evidence(), "jiangsu-2023", 4, Optional.of(new Window(spec.from(), END)), AT_END);
      assertThat(result(a, "equipment-access").outcome()).as("data did arrive in the window").isEqualTo(Outcome.PASS);
      RuleResult time = result(a, "time-on-cloud");
      assertThat(time.outcome()).isEqualTo(Outcome.FAIL);
      // Since the outage ended 20 days before the end, no service has been in continuous use for more than ~20 days.
      assertThat(time.measurement().value().orElseThrow()).isBetween(19.0, 21.0);
      String why = time.measurement().explanation() + "\n" + String.join("\n", time.measurement().evidence());
      // Named per service: "gap without use from <last use before the outage> to <first use after it> (60+ days)".
      assertThat(why).contains("equipment-data: gap without use from 2026-07-12T23:00:00Z to 2026-09-11T00:00:00Z (60.04")
          .contains("time-on-cloud".equals(time.rule().id()) ? "ledger: gap without use from 2026-07-10" : "");
      assertThat(String.join("\n", a.reasons())).contains("time");
    }
  }
}
