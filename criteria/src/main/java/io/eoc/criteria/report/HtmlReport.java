package io.eoc.criteria.report;

import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.Source;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page, in Chinese or English: the star-level summary and its
 * reasons, every result, banners for backfilled or simulated data, charts drawn from the evidence (inline
 * SVG, no scripts, nothing fetched), and the integrity figures an assessor checks with {@code eoc verify}.
 * The signed JSON remains the authority; this page is its reading.
 */
public final class HtmlReport {
  private static final String CSS = """
      body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:2rem auto;\
      max-width:1000px;color:#222;padding:0 1rem}
      h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
      table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border:1px solid #ddd;padding:.3rem .5rem;vertical-align:top}
      th{background:#f5f5f5;text-align:left}.PASS{color:#1a7f37;font-weight:600}.FAIL,.NO_EVIDENCE{color:#b42318;font-weight:600}
      .banner{padding:.6rem 1rem;margin:.5rem 0;border-radius:4px;background:#fff4e5;border:1px solid #f0a030}
      .verdict{font-size:1.1rem;font-weight:600}.reached{color:#1a7f37}.not-reached{color:#b42318}
      .noevidence{color:#777;font-style:italic;padding:1rem;border:1px dashed #ccc}
      svg.chart{max-width:100%;height:auto}.grid{stroke:#eee}.axis,.legend{font-size:11px;fill:#555}
      code{font-size:.8rem;word-break:break-all}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dd{margin:0}
      """;

  private HtmlReport() {}

  public static String render(Report report, String lang) {
    return render(report.document(), report.evidence(), lang);
  }

  /** {@code lang}: {@code zh} or {@code en}. */
  public static String render(Map<String, Object> document, EvidenceSet evidence, String lang) {
    if (!lang.equals("zh") && !lang.equals("en")) {
      throw new IllegalArgumentException("lang must be zh or en, was '" + lang + "'");
    }
    Page p = new Page(lang);
    Map<String, Object> a = map(document.get("assessment"));
    p.raw("<!DOCTYPE html><html lang=\"").raw(lang.equals("zh") ? "zh-CN" : "en").raw("\"><head><meta charset=\"utf-8\">")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").text(p.m("title"))
        .raw("</title><style>").raw(CSS).raw("</style></head><body>");
    p.raw("<h1>").text(p.m("title")).raw("</h1>");
    banners(p, document);
    summary(p, document, a);
    results(p, list(a.get("results")));
    charts(p, evidence);
    integrity(p, document);
    return p.raw("</body></html>\n").toString();
  }

  private static void banners(Page p, Map<String, Object> doc) {
    if (Boolean.TRUE.equals(doc.get("containsBackfill"))) {
      p.raw("<div class=\"banner backfill\">").text(p.m("backfill")).raw("</div>");
    }
    if (Boolean.TRUE.equals(doc.get("containsSimulated"))) {
      p.raw("<div class=\"banner simulated\">").text(p.m("simulated")).raw("</div>");
    }
  }

  private static void summary(Page p, Map<String, Object> doc, Map<String, Object> a) {
    Map<String, Object> rb = map(doc.get("rulebook"));
    Map<String, Object> w = map(doc.get("window"));
    p.raw("<dl>");
    p.dt("rulebook").text(rb.get("id") + " v" + rb.get("version") + (a.get("title") == null ? "" : " — " + a.get("title"))).raw("</dd>");
    p.dt("level").text(doc.get("level") + "★").raw("</dd>");
    p.dt("window").text(w.get("from") + " — " + w.get("to")).raw("</dd>");
    p.dt("generated").text(doc.get("generatedAt")).raw("</dd>");
    p.raw("</dl>");
    boolean reached = Boolean.TRUE.equals(a.get("levelReached"));
    p.raw("<p class=\"verdict ").raw(reached ? "reached" : "not-reached").raw("\">").text(doc.get("level") + "★ — ")
        .text(p.m(reached ? "reached" : "notReached")).raw("</p>");
    if (!reached) {
      p.raw("<h2>").text(p.m("reasons")).raw("</h2><ul>");
      List<Object> stated = list(a.get("reasons"));
      if (!stated.isEmpty()) {
        stated.forEach(r -> p.raw("<li>").text(r instanceof Map<?, ?> m ? m.values() : r).raw("</li>"));
      } else {
        list(a.get("results")).stream().map(HtmlReport::map).filter(r -> !"PASS".equals(r.get("outcome"))).forEach(r ->
            p.raw("<li><b>").text(r.get("title")).raw("</b> (").text(r.get("rule")).raw("): <span class=\"")
                .text(r.get("outcome")).raw("\">").text(p.outcome(r.get("outcome"))).raw("</span> — ").text(r.get("explanation"))
                .raw("</li>"));
      }
      p.raw("</ul>");
    }
  }

  private static void results(Page p, List<Object> results) {
    p.raw("<h2>").text(p.m("results")).raw("</h2><table><thead><tr>");
    for (String h : List.of("rule", "measured", "threshold", "outcome", "method", "resultWindow", "explanation")) {
      p.raw("<th>").text(p.m(h)).raw("</th>");
    }
    p.raw("</tr></thead><tbody>");
    for (Object o : results) {
      Map<String, Object> r = map(o);
      Map<String, Object> w = map(r.get("window"));
      Object measured = r.get("measured");
      boolean declared = Boolean.TRUE.equals(r.get("declared")) || "declared".equals(r.get("kind"));
      p.raw("<tr><td><b>").text(r.get("title")).raw("</b><br><code>").text(r.get("rule")).raw("</code><br><small>")
          .text(r.getOrDefault("section", "")).raw("</small></td><td>")
          .text(measured == null ? p.m("noValue") : number(measured) + " " + r.getOrDefault("unit", ""))
          .text(declared ? " (" + p.m("declared") + ")" : "").raw("</td><td>").text(r.getOrDefault("condition", ""))
          .raw("</td><td class=\"").text(r.get("outcome")).raw("\">").text(p.outcome(r.get("outcome"))).raw("</td><td><code>")
          .text(r.getOrDefault("method", "")).raw("</code></td><td><small>").text(w.getOrDefault("from", "")).raw("<br>")
          .text(w.getOrDefault("to", "")).raw("</small></td><td><small>").text(r.getOrDefault("explanation", ""))
          .raw("</small></td></tr>");
    }
    p.raw("</tbody></table>");
  }

  private static void charts(Page p, EvidenceSet evidence) {
    DailySeries d = new DailySeries(evidence);
    p.raw("<h2>").text(p.m("charts")).raw("</h2>");
    p.raw("<h3>").text(p.m("volume")).raw("</h3>");
    boolean telemetry = evidence.has(Source.TELEMETRY);
    chart(p, telemetry && !evidence.agentHours().isEmpty(), () -> Svg.bars(d.days, d.points(), "points"));
    p.raw("<h3>").text(p.m("online")).raw("</h3>");
    chart(p, telemetry && !evidence.devices().isEmpty(), () -> Svg.lines(d.days, d.onlineRate(), "%"));
    p.raw("<h3>").text(p.m("hosts")).raw("</h3>");
    Map<String, double[]> hosts = d.hosts(p.m("cpu"), p.m("bandwidth"));
    chart(p, evidence.has(Source.HOSTS) && hosts.values().stream().anyMatch(DailySeries::anyNumber),
        () -> Svg.lines(d.days, hosts, "%"));
  }

  private static void chart(Page p, boolean present, java.util.function.Supplier<String> svg) {
    if (present) {
      p.raw("<figure>").raw(svg.get()).raw("</figure>");
    } else {
      p.raw("<p class=\"noevidence\">").text(p.m("noEvidence")).raw("</p>");
    }
  }

  private static void integrity(Page p, Map<String, Object> doc) {
    Map<String, Object> ev = map(doc.get("evidence"));
    Map<String, Object> sig = map(doc.get("signature"));
    p.raw("<h2>").text(p.m("integrity")).raw("</h2><dl>");
    p.dt("evidenceSource").text(ev.getOrDefault("describe", "")).raw("</dd>");
    p.dt("batches").text(ev.getOrDefault("batchCount", 0)).raw("</dd>");
    p.dt("merkleRoot").raw("<code>").text(ev.getOrDefault("merkleRoot", "")).raw("</code></dd>");
    p.dt("key").raw("<code>").text(sig.getOrDefault("keyFingerprint", p.m("unsigned"))).raw("</code></dd>");
    p.raw("</dl><p><small>").text(p.m("verifyHint")).raw("</small></p>");
  }

  private static String number(Object v) {
    if (v instanceof Double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : String.format(Locale.ROOT, "%.4g", d);
    }
    return String.valueOf(v);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return o instanceof List<?> l ? (List<Object>) l : List.of();
  }

  /** The page being written, in one language. */
  private static final class Page {
    private final StringBuilder sb = new StringBuilder(64 * 1024);
    private final String lang;

    Page(String lang) {
      this.lang = lang;
    }

    String m(String key) {
      return Messages.get(lang, key);
    }

    String outcome(Object outcome) {
      return Messages.has(String.valueOf(outcome)) ? m(String.valueOf(outcome)) : String.valueOf(outcome);
    }

    Page raw(String html) {
      sb.append(html);
      return this;
    }

    Page text(Object value) {
      sb.append(Html.escape(value));
      return this;
    }

    Page dt(String key) {
      return raw("<dt>").text(m(key)).raw("</dt><dd>");
    }

    @Override
    public String toString() {
      return sb.toString();
    }
  }
}
