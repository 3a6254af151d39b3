package io.eoc.ingest;

import io.eoc.criteria.Assessment;
import io.eoc.criteria.AssessmentJson;
import io.eoc.criteria.AssessmentText;
import io.eoc.criteria.report.ReportKey;
import io.eoc.ingest.api.ApiResponse;
import io.eoc.ingest.enrol.CloudSecrets;
import io.eoc.ingest.report.JdbcBatchLedger;
import io.eoc.ingest.report.ReportFiles;
import io.eoc.ingest.report.ReportService;
import io.eoc.ingest.store.EvidenceQueries;
import io.eoc.metrics.EvidenceException;
import io.eoc.metrics.Window;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eoc assess}: evaluates a rulebook over measured evidence and prints the result. */
@Command(name = "assess", mixinStandardHelpOptions = true,
    header = "Evaluate a rulebook over the measured evidence (pass/fail per indicator).",
    description = {"Evaluate a rulebook over the measured evidence and print each result with the",
        "measured value, the threshold, the method and the window.",
        "Asks the running cloud (found through <data-dir>/cloud.json, or --cloud), or reads a database directly (--db-url).",
        "Once the cloud has users, set EOC_TOKEN to a session token from POST /api/login (an assessor may).", "",
        "With --out, --html or --export it also writes the signed canonical JSON report, its HTML reading",
        "(--lang zh|en) and the evidence export, which `eoc verify` checks offline.", "",
        "Example: eoc assess --level 4 --from 2026-11-01T00:00:00Z --to 2026-11-22T00:00:00Z",
        "         eoc assess --level 4 --from 2026-08-01T00:00:00Z --to 2026-11-22T00:00:00Z \\",
        "           --out report.json --html report.html --lang zh --export evidence.jsonl"})
public final class AssessCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--rulebook", defaultValue = "jiangsu-2023", description = "Rulebook id (default: ${DEFAULT-VALUE}).")
  String rulebook;

  @Option(names = "--level", defaultValue = "4", description = "Star level to assess, 1-5 (default: ${DEFAULT-VALUE}).")
  int level;

  @Option(names = "--from", description = "Window start, ISO-8601 (default: each rule's own window ending now).")
  String from;

  @Option(names = "--to", description = "Window end, ISO-8601 (default: now).")
  String to;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--cloud", paramLabel = "URL", description = "HTTP URL of a running cloud, e.g. http://127.0.0.1:8080.")
  String cloudUrl;

  @Option(names = "--data-dir", defaultValue = "data", description = "Data directory of a local cloud (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--db-url", paramLabel = "JDBC-URL", description = "Read the evidence directly from this database.")
  String dbUrl;

  @Option(names = "--db-user", description = "Database user for --db-url (password from EOC_DB_PASSWORD).")
  String dbUser;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the signed canonical JSON report to FILE.")
  Path out;

  @Option(names = "--html", paramLabel = "FILE", description = "Write the report as one self-contained HTML page to FILE.")
  Path html;

  @Option(names = "--lang", defaultValue = "zh", description = "Language of the HTML report: zh or en (default: ${DEFAULT-VALUE}).")
  String lang;

  @Option(names = "--export", paramLabel = "FILE", description = "Write the evidence export (JSON Lines) to FILE.")
  Path export;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("text") && !format.equals("json")) {
      spec.commandLine().getErr().println("--format must be text or json, was '" + format + "'");
      return 2;
    }
    if (!lang.equals("zh") && !lang.equals("en")) {
      spec.commandLine().getErr().println("--lang must be zh or en, was '" + lang + "'");
      return 2;
    }
    if (dbUrl != null) {
      return direct();
    }
    Optional<String> url = Optional.ofNullable(cloudUrl).or(() -> RunFile.httpUrl(dataDir));
    if (url.isEmpty()) {
      spec.commandLine().getErr().println("no running cloud found in " + RunFile.path(dataDir).toAbsolutePath()
          + ": start one with ./eoc cloud (or ./eoc demo), or pass --cloud URL or --db-url JDBC-URL");
      return 2;
    }
    return viaApi(url.get());
  }

  private int viaApi(String base) throws IOException, InterruptedException {
    StringBuilder q = new StringBuilder("/api/assessment?rulebook=").append(enc(rulebook)).append("&level=").append(level)
        .append("&format=").append(format);
    Optional.ofNullable(from).ifPresent(f -> q.append("&from=").append(enc(f)));
    Optional.ofNullable(to).ifPresent(t -> q.append("&to=").append(enc(t)));
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> resp;
    try {
      resp = client.send(ReportFiles.authorised(URI.create(base + q)).timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      spec.commandLine().getErr().println("cannot reach the cloud at " + base + ": " + e.getMessage());
      return 2;
    }
    if (resp.statusCode() != 200) {
      spec.commandLine().getErr().println("assessment failed (HTTP " + resp.statusCode() + "): " + resp.body());
      return 2;
    }
    spec.commandLine().getOut().print(resp.body());
    spec.commandLine().getOut().flush();
    if (targets().any()) {
      try {
        ReportFiles.viaApi(client, base, q.substring(q.indexOf("?") + 1).replace("&format=" + format, ""), targets(), notes());
      } catch (IOException e) {
        spec.commandLine().getErr().println("report failed: " + e.getMessage());
        return 2;
      }
    }
    return 0;
  }

  private ReportFiles.Targets targets() {
    return new ReportFiles.Targets(Optional.ofNullable(out), Optional.ofNullable(html), lang, Optional.ofNullable(export));
  }

  /** Where the notes about written files go: not into JSON on standard output. */
  private PrintWriter notes() {
    return format.equals("json") ? spec.commandLine().getErr() : spec.commandLine().getOut();
  }

  private int direct() throws IOException, EvidenceException {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(dbUrl);
    Optional.ofNullable(dbUser).ifPresent(ds::setUser);
    Optional.ofNullable(System.getenv("EOC_DB_PASSWORD")).ifPresent(ds::setPassword);
    Clock clock = Clock.systemUTC();
    Optional<Window> window = Assessments.window(Optional.ofNullable(from), Optional.ofNullable(to), clock);
    if (targets().any()) {
      return directReport(ds, window, clock);
    }
    print(Assessments.run(new EvidenceQueries(ds), rulebook, level, window, clock));
    return 0;
  }

  /** Signs with the key of the cloud whose data directory is {@code --data-dir}: a report is the cloud's word. */
  private int directReport(PGSimpleDataSource ds, Optional<Window> window, Clock clock) throws IOException, EvidenceException {
    ReportKey key;
    try {
      key = CloudSecrets.loadReportKey(dataDir.resolve("secrets"));
    } catch (IOException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    }
    ReportService service = new ReportService(new EvidenceQueries(ds), new JdbcBatchLedger(ds), key);
    StringWriter buffered = new StringWriter();
    print(ReportFiles.direct(service, rulebook, level, window, clock.instant(), targets(), new PrintWriter(buffered)).assessment());
    notes().print(buffered);
    notes().flush();
    return 0;
  }

  private void print(Assessment a) {
    String rendered = format.equals("json")
        ? new String(ApiResponse.json(200, AssessmentJson.toMap(a)).body(), StandardCharsets.UTF_8)
        : AssessmentText.render(a);
    spec.commandLine().getOut().print(rendered);
    spec.commandLine().getOut().flush();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
