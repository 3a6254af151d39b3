package io.eoc.ingest.report;

import io.eoc.criteria.report.CanonicalJson;
import io.eoc.criteria.report.HtmlReport;
import io.eoc.criteria.report.Report;
import io.eoc.metrics.EvidenceException;
import io.eoc.metrics.Window;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The files {@code eoc assess --out/--html/--export} writes, made either here from the database with the
 * cloud's key ({@code --db-url}) or fetched from a running cloud, which signs with its own key. Each
 * written file is announced on {@code notes} with the signing key's fingerprint.
 */
public final class ReportFiles {
  /** What to write; an absent path is not written. */
  public record Targets(Optional<Path> report, Optional<Path> html, String lang, Optional<Path> export) {
    public boolean any() {
      return report.isPresent() || html.isPresent() || export.isPresent();
    }
  }

  private ReportFiles() {}

  /** Makes the report here: one pass writes the export and the signed report. */
  public static Report direct(ReportService service, String rulebook, int level, Optional<Window> window, Instant at,
      Targets targets, PrintWriter notes) throws IOException, EvidenceException {
    Report r;
    try (OutputStream export = targets.export().isPresent() ? Files.newOutputStream(targets.export().get()) : null) {
      r = service.create(rulebook, level, window, at, Optional.ofNullable(export));
    }
    if (targets.report().isPresent()) {
      Files.write(targets.report().get(), r.bytes());
    }
    if (targets.html().isPresent()) {
      Files.writeString(targets.html().get(), HtmlReport.render(r, targets.lang()));
    }
    announce(targets, service.key().fingerprint(), notes);
    return r;
  }

  /**
   * A request carrying the session token in {@code EOC_TOKEN} (from {@code POST /api/login}) as a
   * bearer token, when it is set: needed once the cloud has users.
   */
  public static HttpRequest.Builder authorised(URI uri) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    String token = System.getenv("EOC_TOKEN");
    if (token != null && !token.isBlank()) {
      b.header("Authorization", "Bearer " + token.trim());
    }
    return b;
  }

  /**
   * Fetches the report from a running cloud, then its HTML and export at the report's own instant, so
   * that all three describe the same assessment; the export is streamed to its file ({@link #download}).
   * {@code query} holds rulebook, level and window parameters.
   */
  public static void viaApi(HttpClient client, String base, String query, Targets targets, PrintWriter notes)
      throws IOException, InterruptedException {
    byte[] json = get(client, base + "/api/report?" + query + "&format=json");
    Map<String, Object> doc = CanonicalJson.parseObject(new String(json, StandardCharsets.UTF_8));
    String at = "&at=" + URLEncoder.encode(String.valueOf(doc.get("generatedAt")), StandardCharsets.UTF_8);
    if (targets.report().isPresent()) {
      Files.write(targets.report().get(), json);
    }
    if (targets.html().isPresent()) {
      Files.write(targets.html().get(), get(client, base + "/api/report?" + query + at + "&format=html&lang=" + targets.lang()));
    }
    if (targets.export().isPresent()) {
      download(client, base + "/api/evidence-export?" + query + at, targets.export().get());
    }
    Object sig = doc.get("signature") instanceof Map<?, ?> s ? s.get("keyFingerprint") : "(unsigned)";
    announce(targets, String.valueOf(sig), notes);
  }

  private static byte[] get(HttpClient client, String url) throws IOException, InterruptedException {
    HttpResponse<byte[]> resp = client.send(authorised(URI.create(url)).timeout(Duration.ofMinutes(5)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (resp.statusCode() != 200) {
      throw new IOException("the cloud answered HTTP " + resp.statusCode() + " to " + url + ": "
          + new String(resp.body(), StandardCharsets.UTF_8));
    }
    return resp.body();
  }

  /**
   * Streams a response body straight to {@code target}: into a temporary file beside it, moved over it
   * once the whole body arrived, so that an interrupted or refused download leaves no partial file.
   */
  static void download(HttpClient client, String url, Path target) throws IOException, InterruptedException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, target.getFileName() + ".", ".part");
    boolean moved = false;
    try {
      // The body goes to the file only for a 2xx; otherwise it is the server's message (small).
      HttpResponse<String> resp = client.send(authorised(URI.create(url)).timeout(Duration.ofMinutes(5)).build(),
          info -> info.statusCode() / 100 == 2
              ? HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofFile(tmp, StandardOpenOption.WRITE,
                  StandardOpenOption.TRUNCATE_EXISTING), p -> "")
              : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8));
      if (resp.statusCode() / 100 != 2) {
        throw new IOException("the cloud answered HTTP " + resp.statusCode() + " to " + url + ": " + resp.body());
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static void announce(Targets targets, String fingerprint, PrintWriter notes) {
    targets.report().ifPresent(p -> notes.println("report written to " + p));
    targets.html().ifPresent(p -> notes.println("HTML report (" + targets.lang() + ") written to " + p));
    targets.export().ifPresent(p -> notes.println("evidence export written to " + p));
    notes.println("report-signing key fingerprint: " + fingerprint);
    notes.println("verify with: eoc verify " + targets.report().map(Path::toString).orElse("report.json")
        + targets.export().map(p -> " --evidence " + p).orElse("") + " --key-fingerprint " + fingerprint);
    notes.flush();
  }
}
