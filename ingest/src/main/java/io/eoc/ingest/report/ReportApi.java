package io.eoc.ingest.report;

import io.eoc.criteria.report.HtmlReport;
import io.eoc.criteria.report.Report;
import io.eoc.ingest.Assessments;
import io.eoc.ingest.api.ApiRequest;
import io.eoc.ingest.api.ApiResponse;
import io.eoc.ingest.api.Router;
import io.eoc.metrics.EvidenceException;
import io.eoc.metrics.Window;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reports over HTTP, read-only:
 * <ul>
 *   <li>{@code GET /api/report?level=&rulebook=&from=&to=&at=&format=json|html&lang=zh|en}: the signed
 *       canonical JSON report, or its HTML reading;</li>
 *   <li>{@code GET /api/evidence-export?level=&rulebook=&from=&to=&at=}: the evidence export (JSON Lines).
 *       With the report's {@code generatedAt} as {@code at} and the same other parameters, it is the export
 *       of that report: batches received after {@code at} are left out. Hourly facts that changed since
 *       (late data) show as an altered section when verified, which is what they are.</li>
 * </ul>
 */
public final class ReportApi {
  private final ReportService reports;
  private final Clock clock;

  public ReportApi(ReportService reports, Clock clock) {
    this.reports = reports;
    this.clock = clock;
  }

  /**
   * Registers the routes, readable by every role (the assessor's read-only role included);
   * {@code asReportUse} records each answer as a use of the reports service.
   */
  public void register(Router router, java.util.function.UnaryOperator<io.eoc.ingest.api.Route> asReportUse) {
    router.get("/api/report", io.eoc.ingest.api.Access.READ, asReportUse.apply((req, g) -> report(req)));
    router.get("/api/evidence-export", io.eoc.ingest.api.Access.READ, asReportUse.apply((req, g) -> export(req)));
  }

  private ApiResponse report(ApiRequest req) throws EvidenceException, IOException {
    String format = req.param("format").orElse("json");
    String lang = req.param("lang").orElse("zh");
    if (!format.equals("json") && !format.equals("html")) {
      throw new IllegalArgumentException("format must be json or html, was '" + format + "'");
    }
    if (!lang.equals("zh") && !lang.equals("en")) {
      throw new IllegalArgumentException("lang must be zh or en, was '" + lang + "'");
    }
    Report r = asked(req).create(reports, Optional.empty());
    return format.equals("html") ? ApiResponse.html(HtmlReport.render(r, lang))
        : new ApiResponse(200, "application/json; charset=utf-8", r.bytes());
  }

  /**
   * Streamed as it is written, never held whole: a year of a large plant is gigabytes. The parameters are
   * checked before the answer starts. The report made in the same pass is not sent: the export matches the
   * report {@code /api/report} signed for the same parameters and {@code at} (same ledger; hourly facts as
   * they are now).
   */
  private ApiResponse export(ApiRequest req) {
    Asked asked = asked(req);
    return ApiResponse.streamed(200, "application/x-ndjson; charset=utf-8", out -> asked.create(reports, Optional.of(out)));
  }

  /** What a request asks for, checked; {@code at} is fixed here, so a streamed export is of the instant asked. */
  private record Asked(String rulebook, int level, Optional<Window> window, Instant at) {
    Report create(ReportService reports, Optional<OutputStream> export) throws EvidenceException, IOException {
      return reports.create(rulebook, level, window, at, export);
    }
  }

  private Asked asked(ApiRequest req) {
    int level = integer(req.param("level").orElse("4"), "level");
    Instant now = clock.instant();
    Instant at = req.param("at").map(a -> instant(a, "at")).orElse(now);
    if (at.isAfter(now)) {
      throw new IllegalArgumentException("'at' must not be in the future, was " + at);
    }
    Clock atClock = Clock.fixed(at, clock.getZone());
    Optional<Window> window = Assessments.window(req.param("from"), req.param("to"), atClock);
    if (level < 1 || level > 5) {
      throw new IllegalArgumentException("level must be 1-5, was " + level);
    }
    return new Asked(req.param("rulebook").orElse("jiangsu-2023"), level, window, at);
  }

  private static int integer(String text, String what) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + what + "' must be a whole number, was '" + text + "'");
    }
  }

  private static Instant instant(String text, String what) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + what + "' must be an ISO-8601 instant like 2026-11-01T00:00:00Z, was '" + text + "'");
    }
  }
}
