package io.eoc.criteria.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.criteria.RulebookLoader;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.Source;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static final ReportKey KEY = ReportKey.generate();

  private static Report report(EvidenceSet evidence) throws Exception {
    return Reports.create(new ReportRequest(RulebookLoader.builtIn("jiangsu-2023"), 4, Optional.of(Samples.WINDOW), Samples.AT),
        evidence, Samples.ledgerSource(Samples.ledger()), KEY, Optional.empty());
  }

  @Test
  void englishReportHasSummaryResultsBannersChartsAndIntegrity() throws Exception {
    String html = HtmlReport.render(report(Samples.evidence()), "en");
    assertThat(html).startsWith("<!DOCTYPE html><html lang=\"en\">").contains("Star-rating assessment report")
        .contains("<div class=\"banner backfill\">This report includes backfilled data")
        .contains("<div class=\"banner simulated\">").contains("<th>Threshold</th>").contains("equipment-access.high-energy")
        .contains("Daily data volume").contains(KEY.fingerprint()).doesNotContain("No evidence: this cloud holds");
    assertThat(html.split("<svg ", -1)).hasSize(4); // three charts
    assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
  }

  @Test
  void chineseReportUsesChineseLabels() throws Exception {
    String html = HtmlReport.render(report(Samples.evidence()), "zh");
    assertThat(html).contains("<html lang=\"zh-CN\">").contains("星级上云评估报告").contains("本报告包含回填数据").contains("评估结果")
        .contains("每日数据量").contains("业务主机每日平均CPU利用率与带宽使用率");
  }

  @Test
  void everyTextIsEscaped() throws Exception {
    EvidenceSet e = Samples.evidence();
    EvidenceSet hostile = new EvidenceSet(e.window(), "<script>alert(1)</script>", e.available(), e.devices(), e.deviceHours(),
        e.agentHours(), e.drops(), e.services(), e.users(), e.userHours(), e.hosts(), e.dataOps(), e.declarations());
    String html = HtmlReport.render(report(hostile), "en");
    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void aSourceThisCloudDoesNotHoldIsSaidInsteadOfAnEmptyChart() throws Exception {
    EvidenceSet e = Samples.evidence();
    EvidenceSet noHosts = new EvidenceSet(e.window(), "x", Set.of(Source.TELEMETRY), e.devices(), e.deviceHours(), e.agentHours(),
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    String html = HtmlReport.render(report(noHosts), "en");
    assertThat(html.split("<svg ", -1)).hasSize(3);
    assertThat(html).contains("No evidence: this cloud holds no data for this chart in the window.");
    assertThat(HtmlReport.render(report(noHosts), "zh")).contains("无证据：本时间窗内云端没有此图所需的数据。");
  }

  @Test
  void onlineRateCountsDeviceHoursWithGoodDataPerCategoryAndDay() {
    DailySeries d = new DailySeries(Samples.evidence());
    assertThat(d.days).hasSize(3);
    // the boiler: 24 h, then 6 of 24 (hours 24-29; off-line 30-40, back 41-47), then 24 of 24
    assertThat(d.onlineRate().get("high-energy")).containsExactly(100.0, 100.0 * 13 / 24, 100.0);
    assertThat(d.onlineRate().get("power")).containsExactly(50.0, 50.0, 50.0);
    assertThat(d.points()).containsExactly(24 * 3662.0, 24 * 3662.0, 24 * 3662.0);
  }

  @Test
  void anUnknownLanguageIsRefused() {
    assertThatThrownBy(() -> HtmlReport.render(report(Samples.evidence()), "fr")).hasMessageContaining("lang must be zh or en");
  }
}
