package io.eoc.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.Source;
import io.eoc.metrics.evidence.TestEvidence;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.OptionalLong;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The jiangsu-2018 综合绩效 indicators and the declared items, on evidence computed by hand. */
class PerformanceIndicatorsTest {
  private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
  private static final Window DAYS3 = new Window(FROM, FROM.plus(Duration.ofDays(3)));

  private static Instant at(String t) {
    return Instant.parse(t);
  }

  @Test
  void hostCpuIsTheSamplesWeightedMeanOverAllHosts() {
    // h1: 10 % × 60 + 20 % × 60 = 1,800; h2: 40 % × 30 = 1,200; samples 150 → 3,000 / 150 = 20 %
    // (a plain mean of the three host-hours would be 23.33 %); the hour with 0 samples is left out
    EvidenceSet e = new TestEvidence(DAYS3, Source.HOSTS).host("p/h1", at("2026-11-01T01:00:00Z"), 10, 0, 0, 0, 60)
        .host("p/h1", at("2026-11-01T02:00:00Z"), 20, 0, 0, 0, 60).host("p/h2", at("2026-11-01T01:00:00Z"), 40, 0, 0, 0, 30)
        .host("p/h2", at("2026-11-01T03:00:00Z"), 99, 0, 0, 0, 0).build();
    Measurement m = Indicators.create("host-cpu", Map.of()).measure(DAYS3, e);
    assertThat(m.value()).contains(20.0);
    assertThat(m.evidence()).containsExactly("host p/h1: mean CPU 15 % over 120 sample(s) in 2 hour(s)",
        "host p/h2: mean CPU 40 % over 30 sample(s) in 1 hour(s)");
    assertThat(new HostCpu().measure(DAYS3, new TestEvidence(DAYS3, Source.HOSTS).build()).explanation())
        .contains("no business host reported");
    assertThat(new HostCpu().measure(DAYS3, new TestEvidence(DAYS3).build()).hasValue()).isFalse();
  }

  @Test
  void bandwidthIsTheMeanOfTheBusierDirectionOverTheLinkInBusinessHours() {
    // Shanghai 08-18 = 00:00–10:00 UTC. 01:00Z: max(30, 10) / 100 = 30 %; 02:00Z: max(20, 60) / 100 = 60 %;
    // 12:00Z (20:00 Shanghai) is outside; 03:00Z has no link declared → left out. Mean (30 + 60) / 2 = 45 %
    EvidenceSet e = new TestEvidence(DAYS3, Source.HOSTS).host("p/h1", at("2026-11-01T01:00:00Z"), 1, 30e6, 10e6, 100e6, 60)
        .host("p/h1", at("2026-11-01T02:00:00Z"), 1, 20e6, 60e6, 100e6, 60)
        .host("p/h1", at("2026-11-01T12:00:00Z"), 1, 90e6, 90e6, 100e6, 60)
        .host("p/h1", at("2026-11-01T03:00:00Z"), 1, 90e6, 90e6, 0, 60).build();
    Measurement m = Indicators.create("bandwidth-usage", Map.of("hours", "08-18", "zone", "Asia/Shanghai")).measure(DAYS3, e);
    assertThat(m.value()).contains(45.0);
    assertThat(m.evidence()).contains("1 host-hour(s) left out: no declared link capacity");
    // the whole day: (30 + 60 + 90) / 3 = 60 %
    assertThat(new BandwidthUsage(0, 24, ZoneId.of("Asia/Shanghai")).measure(DAYS3, e).value()).contains(60.0);
    assertThatThrownBy(() -> Indicators.create("bandwidth-usage", Map.of("hours", "18-08")))
        .hasMessageContaining("must be local hours such as 08-18");
  }

  @Test
  void dailyReadWriteDividesByEveryWholeDayAndFlagsCountsAboveTheDatabase() {
    // days 11-01, 11-02, 11-03: 1,000+500 (commits 2,000) · no row (0) · 3,000+0 (commits 2,500: flagged)
    // (1,500 + 0 + 3,000) / 3 = 1,500 per day
    EvidenceSet e = new TestEvidence(DAYS3, Source.DATA_OPS).ops(LocalDate.parse("2026-11-01"), 1_000, 500, OptionalLong.of(2_000))
        .ops(LocalDate.parse("2026-11-03"), 3_000, 0, OptionalLong.of(2_500)).ops(LocalDate.parse("2026-11-04"), 9, 9, OptionalLong.empty())
        .build();
    Measurement m = Indicators.create("data-read-write", Map.of()).measure(DAYS3, e);
    assertThat(m.value()).contains(1_500.0);
    assertThat(m.evidence()).containsExactly("2026-11-01: 1000 write(s) + 500 read(s) = 1500; database commits 2000",
        "2026-11-02: no count recorded, counted as 0",
        "2026-11-03: 3000 write(s) + 0 read(s) = 3000; database commits 2500; FLAG: the cloud counted more operations than the database committed");
    assertThat(m.explanation()).contains("1 day(s) without a count counted as 0").contains("1 day(s) flagged");
    // a window that is not day-aligned holds only its whole days: [11-01 12:00, 11-04 00:00) → 11-02, 11-03 → 1,500
    assertThat(new DataReadWrite().measure(new Window(FROM.plus(Duration.ofHours(12)), DAYS3.to()), e).value()).contains(1_500.0);
    assertThat(new DataReadWrite().measure(DAYS3, new TestEvidence(DAYS3, Source.DATA_OPS).build()).hasValue()).isFalse();
  }

  @Test
  void monthlyUsageIsTheLatestCompleteMonthOfTheZone() {
    // window 2026-09-20 .. 2026-11-20 UTC; complete Shanghai months: October only
    // (Oct starts 2026-09-30T16:00Z, ends 2026-10-31T16:00Z). Registered at its end: u1, u2, u3, u4 (u5 created
    // 2026-11-05). Active in October (Shanghai): u1, u2 and u3 (u3 at 2026-09-30T16:00Z = Oct 1 00:00 Shanghai),
    // u4 at 2026-10-31T17:00Z is Nov 1 in Shanghai → 3 of 4 = 75 %
    Window w = new Window(at("2026-09-20T00:00:00Z"), at("2026-11-20T00:00:00Z"));
    TestEvidence t = new TestEvidence(w, Source.USAGE);
    for (String u : new String[] {"u1", "u2", "u3", "u4"}) {
      t.user(u, at("2026-01-01T00:00:00Z"));
    }
    t.user("u5", at("2026-11-05T00:00:00Z"));
    t.active("u1", at("2026-10-10T03:00:00Z")).active("u1", at("2026-10-11T03:00:00Z")).active("u2", at("2026-10-20T03:00:00Z"))
        .active("u3", at("2026-09-30T16:00:00Z")).active("u4", at("2026-10-31T17:00:00Z"));
    Measurement m = Indicators.create("monthly-user-usage", Map.of()).measure(w, t.build());
    assertThat(m.value()).contains(75.0);
    assertThat(m.evidence()).containsExactly("2026-10: 3 active of 4 registered = 75 %");
    // in UTC, October is also complete and u3 falls in September, u4 in October: u1, u2, u4 → 75 % as well,
    // but a 10-day window holds no month at all
    assertThat(new MonthlyUserUsage(ZoneId.of("Asia/Shanghai")).measure(DAYS3, t.build()).explanation())
        .contains("no calendar month");
  }

  @Test
  void declaredItemsShowTheLatestDeclarationAsDeclared() {
    EvidenceSet e = new TestEvidence(DAYS3, Source.DECLARATIONS).declare("cloud-investment", 8, "10k CNY", at("2026-06-01T00:00:00Z"))
        .declare("cloud-investment", 12.5, "10k CNY", at("2026-10-01T00:00:00Z"))
        .declare("cloud-investment", 99, "10k CNY", at("2026-12-01T00:00:00Z")).build();
    Measurement m = Indicators.create("declared", Map.of("item", "cloud-investment")).measure(DAYS3, e);
    assertThat(m.value()).contains(12.5);
    assertThat(m.basis()).isEqualTo(Basis.DECLARED);
    assertThat(m.explanation()).startsWith("DECLARED by the enterprise, not measured");
    assertThat(m.evidence()).hasSize(2).first().asString().startsWith("in force: 12.5 10k CNY");
    Measurement none = new Declared("it-om-cost-reduction").measure(DAYS3, e);
    assertThat(none.hasValue()).isFalse();
    assertThat(none.basis()).isEqualTo(Basis.DECLARED);
    assertThat(new HostCpu().measure(DAYS3, e).basis()).isEqualTo(Basis.MEASURED);
  }

  @Test
  void resultsDoNotDependOnTheOrderOfTheRows() {
    TestEvidence a = new TestEvidence(DAYS3, Source.HOSTS);
    TestEvidence b = new TestEvidence(DAYS3, Source.HOSTS);
    double[] cpu = {0.1, 0.2, 0.3, 17.77, 3.3333, 99.9};
    for (int i = 0; i < cpu.length; i++) {
      a.host("p/h" + (i % 2), FROM.plus(Duration.ofHours(i)), cpu[i], 0, 0, 0, 7 + i);
      b.host("p/h" + ((cpu.length - 1 - i) % 2), FROM.plus(Duration.ofHours(cpu.length - 1 - i)), cpu[cpu.length - 1 - i], 0, 0, 0,
          7 + cpu.length - 1 - i);
    }
    double x = new HostCpu().measure(DAYS3, a.build()).value().orElseThrow();
    assertThat(new HostCpu().measure(DAYS3, b.build()).value().orElseThrow()).isEqualTo(x).isCloseTo(x, Offset.offset(0.0));
  }
}
