package io.eoc.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.Source;
import io.eoc.metrics.evidence.TestEvidence;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** edge-processing, edge-analysis, service-use and time-on-cloud on hand-built evidence. */
class EdgeAndServiceIndicatorsTest {
  private static final Instant END = Instant.parse("2026-11-22T00:00:00Z");
  private static final Window WEEK = Window.ending(END, Duration.ofDays(7));

  private static Instant daysBefore(int d) {
    return END.minus(Duration.ofDays(d));
  }

  @Test
  void edgeProcessingIsInUseWhenBatchesCompressionAndRemovalsAreProven() {
    // 1,000 points × 16 bytes = 16,000 plain bytes in 4,000 wire bytes → compression 4 (>= 2);
    // removed 3 (out-of-range) + 2 (duplicate) = 5 (>= 1); 10 batches stored → 1
    EvidenceSet e = new TestEvidence(WEEK, Source.TELEMETRY).agent("a", daysBefore(1), 6, 600, 2_500)
        .agent("a", daysBefore(2), 4, 400, 1_500).drop("a", daysBefore(1), "out-of-range", 3)
        .drop("a", daysBefore(2), "duplicate", 2).build();
    Measurement m = Indicators.create("edge-processing", Map.of()).measure(WEEK, e);
    assertThat(m.value()).contains(1.0);
    assertThat(m.explanation()).startsWith("in use").contains("compression 4 ");
    assertThat(m.evidence()).contains("removed at the edge, reason duplicate: 2 point(s)",
        "removed at the edge, reason out-of-range: 3 point(s)");
  }

  @Test
  void edgeProcessingNamesEveryMissingProof() {
    // 100 points × 16 = 1,600 bytes in 1,000 wire bytes → 1.6 < 2; nothing removed
    EvidenceSet e = new TestEvidence(WEEK, Source.TELEMETRY).agent("a", daysBefore(1), 1, 100, 1_000).build();
    Measurement m = new EdgeProcessing(2, 1).measure(WEEK, e);
    assertThat(m.value()).contains(0.0);
    assertThat(m.explanation()).contains("compression 1.6 is below 2").contains("removed 0 point(s), fewer than 1")
        .doesNotContain("no signed and encrypted batch");
    assertThat(new EdgeProcessing(2, 1).measure(WEEK, new TestEvidence(WEEK, Source.TELEMETRY).build()).explanation())
        .contains("no signed and encrypted batch was stored");
  }

  @Test
  void edgeAnalysisCountsDaysWithDerivedPointsInTheZone() {
    // derived points at 2026-11-20T15:00Z (= 11-20 23:00 Shanghai) and 16:00Z (= 11-21 00:00 Shanghai)
    // and 2026-11-18T01:00Z: 3 Shanghai days; in UTC only 2 (11-20 twice, 11-18)
    EvidenceSet e = new TestEvidence(WEEK, Source.TELEMETRY).derived("a/x", Instant.parse("2026-11-20T15:00:00Z"), 4)
        .derived("a/x", Instant.parse("2026-11-20T16:00:00Z"), 4).derived("a/x", Instant.parse("2026-11-18T01:00:00Z"), 1)
        .build();
    assertThat(Indicators.create("edge-analysis", Map.of("min-days", "3")).measure(WEEK, e).value()).contains(1.0);
    Measurement utc = new EdgeAnalysis(3, ZoneId.of("UTC")).measure(WEEK, e);
    assertThat(utc.value()).contains(0.0);
    assertThat(utc.explanation()).contains("derived points on 2 day(s)");
  }

  @Test
  void serviceUseNeedsEnoughUsesInEveryOneOfTheLastWeeks() {
    Window w = Window.ending(END, Duration.ofDays(28));
    // weeks (oldest first) end at END-21d, -14d, -7d, END; uses 2, 3 (1 backfill), 2, 1
    TestEvidence t = new TestEvidence(w, Source.USAGE).use("alarms", daysBefore(25), 2, false)
        .use("alarms", daysBefore(20), 2, false).use("alarms", daysBefore(15), 1, true)
        .use("alarms", daysBefore(10), 2, false).use("alarms", daysBefore(1), 1, false);
    Measurement once = Indicators.create("service-use", Map.of("service", "alarms")).measure(w, t.build());
    assertThat(once.value()).contains(1.0);
    assertThat(once.evidence()).hasSize(4).contains("week 2026-11-01T00:00:00Z to 2026-11-08T00:00:00Z: 3 use(s) (1 of them backfill)");
    Measurement twice = new ServiceUse("alarms", 4, 2).measure(w, t.build());
    assertThat(twice.value()).contains(0.0);
    assertThat(twice.explanation()).contains("week 2026-11-15T00:00:00Z to 2026-11-22T00:00:00Z (1)");
    assertThat(new ServiceUse("scada", 4, 1).measure(w, t.build()).value()).contains(0.0);
    assertThat(new ServiceUse("alarms", 4, 1).measure(WEEK, t.build()).explanation()).contains("shorter than the 4 week(s)");
    assertThat(new ServiceUse("alarms", 4, 1).measure(w, new TestEvidence(w, Source.TELEMETRY).build()).hasValue()).isFalse();
    assertThatThrownBy(() -> Indicators.create("service-use", Map.of("service", "coffee")))
        .hasMessageContaining("must be one of ledger, inspection");
  }

  @Test
  void timeOnCloudIsTheShortestRunEndingAtTheWindowEndWithGapsListed() {
    Window w = Window.ending(END, Duration.ofDays(120));
    TestEvidence t = new TestEvidence(w, Source.TELEMETRY, Source.USAGE).device("a/boiler", "high-energy", true);
    // equipment data: every day from END-120d to END-1d at 00:00 → run starts END-120d: 120 days
    for (int d = 120; d >= 1; d--) {
      t.hour("a/boiler", daysBefore(d), 5, 0);
    }
    // alarms: used every 5 days from END-100d…END-60d, a 20-day gap, then every 5 days END-40d…END-5d
    // gap: last use END-60d (hour ends END-60d+1h) to next use END-40d = 19d23h > 7d → run starts END-40d: 40 days
    for (int d = 100; d >= 60; d -= 5) {
      t.use("alarms", daysBefore(d), 1, false);
    }
    for (int d = 40; d >= 5; d -= 5) {
      t.use("alarms", daysBefore(d), 1, false);
    }
    // trace: last used END-10d → not used in the last 7 days, so not "in use" and not declared
    t.use("trace", daysBefore(10), 1, false);
    Measurement m = Indicators.create("time-on-cloud", Map.of("services", "equipment-data, in-use")).measure(w, t.build());
    assertThat(m.value()).contains(40.0);
    assertThat(m.unit()).isEqualTo("days");
    assertThat(m.explanation()).contains("shortest continuous use: alarms, 40 day(s)").contains("alarms (40 d)");
    assertThat(m.evidence()).contains("equipment-data: in continuous use since 2026-07-25T00:00:00Z, 120 day(s)",
        "alarms: gap without use from 2026-09-23T01:00:00Z to 2026-10-13T00:00:00Z (19.9583 day(s))",
        "alarms: gap without use from 2026-07-25T00:00:00Z to 2026-08-14T00:00:00Z (20 day(s))");
    assertThat(m.evidence()).noneMatch(s -> s.startsWith("trace"));
    // named explicitly, trace is not still in use: 0
    assertThat(new TimeOnCloud(List.of("trace"), Duration.ofDays(7), Duration.ofDays(90)).measure(w, t.build()).value())
        .contains(0.0);
    assertThat(new TimeOnCloud(List.of("equipment-data"), Duration.ofDays(7), Duration.ofDays(90)).measure(w, t.build())
        .explanation()).contains("every service has been in use >= 90 day(s)");
  }

  @Test
  void timeOnCloudWithoutUsageRecordsIsNoEvidence() {
    Window w = Window.ending(END, Duration.ofDays(120));
    EvidenceSet telemetryOnly = new TestEvidence(w, Source.TELEMETRY).build();
    assertThat(new TimeOnCloud(List.of("equipment-data", "in-use"), Duration.ofDays(7), Duration.ofDays(90))
        .measure(w, telemetryOnly).explanation()).contains("no service usage is recorded");
    assertThatThrownBy(() -> Indicators.create("time-on-cloud", Map.of("services", "equipment-data", "max-gap", "a week")))
        .hasMessageContaining("must be a duration such as 12h or 7d");
    assertThatThrownBy(() -> Indicators.create("time-on-cloud", Map.of("services", "equipment-data", "maxgap", "7d")))
        .hasMessageContaining("unknown parameter(s) maxgap; allowed: services, max-gap, min-continuous");
  }
}
