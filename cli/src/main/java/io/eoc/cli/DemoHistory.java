package io.eoc.cli;

import io.eoc.cli.backfill.Backfill;
import io.eoc.criteria.AssessmentText;
import io.eoc.ingest.Assessments;
import io.eoc.ingest.Cloud;
import io.eoc.ingest.report.JdbcBatchLedger;
import io.eoc.ingest.report.ReportFiles;
import io.eoc.ingest.report.ReportService;
import io.eoc.metrics.Window;
import io.eoc.sim.backfill.History;
import io.eoc.sim.plant.PlantScenario;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The demo's history: days of the demo plant pushed through the running cloud as backfill, then the
 * assessments of that period and a signed report with its evidence export, which {@code eoc verify}
 * checks offline. Done once per data directory (a marker file remembers it).
 */
final class DemoHistory {
  private static final Duration STEP = Duration.ofMinutes(15);
  private final Cloud cloud;
  private final Path dataDir;
  private final int days;
  private final PrintWriter out;

  DemoHistory(Cloud cloud, Path dataDir, int days, PrintWriter out) {
    this.cloud = cloud;
    this.dataDir = dataDir;
    this.days = days;
    this.out = out;
  }

  void run() throws Exception {
    Path reports = Files.createDirectories(dataDir.resolve("reports"));
    Path marker = reports.resolve("history.txt");
    Window window;
    if (Files.exists(marker)) {
      String[] w = Files.readString(marker).trim().split("/");
      window = new Window(Instant.parse(w[0]), Instant.parse(w[1]));
      out.println("  history: already pushed for " + window + " (delete " + marker + " and the data directory to start over)");
    } else {
      Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
      window = new Window(end.minus(Duration.ofDays(days)), end);
      out.printf("  history: pushing %d days of the demo plant (every %s), a simulated business host and simulated users%n",
          days, STEP);
      out.flush();
      History.Spec spec = new History.Spec(PlantScenario.demo(), window.from(), window.to(), STEP, List.of(),
          BackfillCommand.defaultHost());
      Backfill.Result r = new Backfill(spec, "history", new Backfill.Target(URI.create("http://127.0.0.1:" + cloud.httpPort()),
          "ssl://127.0.0.1:" + cloud.mqttPort(), dataDir.resolve("backfill").resolve("history")), true, out, Clock.systemUTC()).run();
      awaitStored(r);
      Files.writeString(marker, window.from() + "/" + window.to() + "\n");
    }
    Clock clock = Clock.systemUTC();
    out.println();
    out.print(AssessmentText.render(Assessments.run(cloud.evidence(), "jiangsu-2023", 4, Optional.of(window), clock)));
    out.println();
    out.print(AssessmentText.render(Assessments.run(cloud.evidence(), "jiangsu-2018", 4, Optional.of(window), clock)));
    out.println();
    ReportService service = new ReportService(cloud.evidence(), new JdbcBatchLedger(cloud.dataSource()), cloud.secrets().reportKey());
    for (String book : List.of("jiangsu-2023", "jiangsu-2018")) {
      ReportFiles.direct(service, book, 4, Optional.of(window), clock.instant(),
          new ReportFiles.Targets(Optional.of(reports.resolve(book + ".json")), Optional.of(reports.resolve(book + ".zh.html")),
              "zh", Optional.of(reports.resolve(book + ".evidence.jsonl"))), out);
    }
    out.println("  reports: " + reports.toAbsolutePath() + "  ·  check one offline: ./eoc verify " + reports.resolve("jiangsu-2023.json")
        + " --evidence " + reports.resolve("jiangsu-2023.evidence.jsonl") + " --key-fingerprint "
        + cloud.secrets().reportKey().fingerprint());
    out.println("  note: the history created simulated users, so the data API now needs a login: ./eoc cloud user add <you> --role admin");
    out.println();
    out.flush();
  }

  /** The history is acknowledged once durable in Kafka; wait until the database has it too. */
  private void awaitStored(Backfill.Result r) throws Exception {
    long expected = r.points() - r.dropped() + r.derivedPoints();
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (cloud.queries().pointCount() < expected && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
  }
}
