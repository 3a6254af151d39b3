package io.eoc.criteria;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.metrics.EvidenceException;
import io.eoc.metrics.Window;
import io.eoc.metrics.evidence.AgentHour;
import io.eoc.metrics.evidence.Declaration;
import io.eoc.metrics.evidence.DeviceHour;
import io.eoc.metrics.evidence.DropHour;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.EvidenceSource;
import io.eoc.metrics.evidence.LedgerDevice;
import io.eoc.metrics.evidence.ServiceHour;
import io.eoc.metrics.evidence.Source;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** jiangsu-2023 evaluated end to end on a hand-built plant. */
class EvaluatorTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final Instant LAST_HOUR = Instant.parse("2026-11-22T11:00:00Z");
  private final Evaluator evaluator = new Evaluator(Clock.fixed(NOW, ZoneOffset.UTC));
  private final Rulebook jiangsu = RulebookLoader.builtIn("jiangsu-2023");

  /**
   * One simulated boiler delivering 10 good points every hour of the last 100 days (plan 10/h, value
   * 50); agent batches compressed 4× with 5 removals in the last day; derived points every day of the
   * last week; the given services used once a day for the last 100 days; 12 (10k CNY) declared.
   */
  private static EvidenceSource plant(List<String> services, boolean withDeclaration) {
    return window -> {
      List<DeviceHour> hours = new ArrayList<>();
      for (int h = 0; h < 100 * 24; h++) {
        Instant hour = LAST_HOUR.minus(Duration.ofHours(h));
        hours.add(new DeviceHour("a/boiler-1", hour, 10, 0, h % 24 == 0 && h < 7 * 24 ? 3 : 0, 0));
      }
      List<ServiceHour> uses = new ArrayList<>();
      for (String s : services) {
        for (int d = 0; d < 100; d++) {
          uses.add(new ServiceHour(s, LAST_HOUR.minus(Duration.ofDays(d)), 1, false));
        }
      }
      return new EvidenceSet(window, "hand-built plant", Set.of(Source.TELEMETRY, Source.USAGE, Source.DECLARATIONS),
          List.of(new LedgerDevice("a/boiler-1", "a", "boiler", "high-energy", "boiler", "modbus-tcp", true, OptionalDouble.of(50), 10)),
          hours, List.of(new AgentHour("a", LAST_HOUR, 10, 1_000, 4_000, 0, 0)),
          List.of(new DropHour("a", LAST_HOUR, "out-of-range", 5)), uses, List.of(), List.of(), List.of(), List.of(),
          withDeclaration ? List.of(new Declaration("cloud-investment", 12, "10k CNY", "contract 2026-017", LAST_HOUR, "cfo"))
              : List.of());
    };
  }

  private static final List<String> SIX = List.of("ledger", "inspection", "realtime", "reports", "trace", "alarms");

  private static RuleResult result(Assessment a, String id) {
    return a.results().stream().filter(r -> r.rule().id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aPlantWithEquipmentTwoEdgeProofsAndSixServicesReachesFourStars() {
    Assessment a = evaluator.evaluate(jiangsu, 4, Optional.empty(), plant(SIX, true));
    assertThat(a.reasons()).isEmpty();
    assertThat(a.levelReached()).isTrue();
    // 2 edge + 6 services = 8 of 13 >= 8
    assertThat(result(a, "edge-and-device-services").measurement().value()).contains(8.0);
    assertThat(result(a, "equipment-access").members()).containsEntry("equipment-access.high-energy", Outcome.PASS)
        .containsEntry("equipment-access.power", Outcome.FAIL);
    assertThat(result(a, "equipment-access.power").gate()).isFalse();
    assertThat(result(a, "equipment-access.power").countsToward()).contains("equipment-access");
    // 100 days of data, one hour short: the first hour is 99 d 23 h before the last one ends at NOW-1h… run = 100 d − 1 h
    assertThat(result(a, "time-on-cloud").measurement().value().orElseThrow()).isGreaterThan(99).isLessThan(100);
    assertThat(result(a, "cloud-investment").measurement().declared()).isTrue();
    assertThat(result(a, "connected-value").gate()).isFalse();
    assertThat(result(a, "connected-value").measurement().value()).contains(50.0);
    assertThat(a.containsSimulated()).isTrue();
    assertThat(a.notices()).containsExactly("this assessment includes simulated data (devices that identify themselves as simulated)");
  }

  @Test
  void theSameLevelFailsFiveStarsWithTheNamedReasons() {
    Assessment a = evaluator.evaluate(jiangsu, 5, Optional.empty(), plant(SIX, true));
    assertThat(a.levelReached()).isFalse();
    assertThat(a.reasons()).containsExactly(
        "edge and device services: 8 of 13 pass, >= 9 required for 5★ (missing: service.work-order, service.maintenance, "
            + "service.scada, service.remote-control, service.optimisation)",
        "cloud investment (declared): 12 10k CNY (declared), > 30 required for 5★");
  }

  @Test
  void aMissingServiceFailsFourStarsAndSaysWhich() {
    Assessment a = evaluator.evaluate(jiangsu, 4, Optional.empty(), plant(SIX.subList(0, 5), false));
    assertThat(a.levelReached()).isFalse();
    assertThat(a.reasons()).containsExactly(
        "edge and device services: 7 of 13 pass, >= 8 required for 4★ (missing: service.work-order, service.maintenance, "
            + "service.scada, service.alarms, service.remote-control, service.optimisation)",
        "cloud investment (declared): no evidence (nothing was declared for 'cloud-investment' before 2026-11-22T12:00:00Z), "
            + "> 10 required for 4★");
    assertThat(AssessmentText.render(a)).contains("4★ not reached: edge-and-device-services FAIL, cloud-investment NO_EVIDENCE")
        .contains("[FAIL] service.alarms").contains("counts toward edge-and-device-services")
        .contains("NOTE: this assessment includes simulated data");
  }

  @Test
  void noStoreIsNoEvidenceNotZero() {
    Assessment none = evaluator.evaluate(jiangsu, 4, Optional.empty(), w -> { throw new EvidenceException("database down", null); });
    assertThat(result(none, "equipment-access.high-energy").outcome()).isEqualTo(Outcome.NO_EVIDENCE);
    assertThat(result(none, "equipment-access").measurement().value()).contains(0.0);
    assertThat(none.levelReached()).isFalse();
    assertThat(none.reasons()).anySatisfy(r -> assertThat(r).startsWith("equipment access: 0 of 4 pass, >= 1 required for 4★ "
        + "(missing: equipment-access.high-energy (no evidence)"));
  }

  @Test
  void eachRuleIsMeasuredOverItsOwnWindowEndingAtTheEndClippedToTheEvidence() {
    Window given = new Window(NOW.minus(Duration.ofDays(100)), NOW);
    Assessment a = evaluator.evaluate(jiangsu, 4, Optional.of(given), plant(SIX, true));
    assertThat(result(a, "equipment-access.high-energy").measurement().window()).isEqualTo(Window.ending(NOW, Duration.ofDays(1)));
    assertThat(result(a, "time-on-cloud").measurement().window()).isEqualTo(given);
    assertThat(a.window()).isEqualTo(given);
  }

  @Test
  void theJsonIsDeterministicJsonReadyAndStatesBasisAndEvidence() {
    Assessment a = evaluator.evaluate(jiangsu, 4, Optional.empty(), plant(SIX, true));
    Map<String, Object> m = AssessmentJson.toMap(a);
    Assessment again = new Evaluator(Clock.fixed(NOW, ZoneOffset.UTC)).evaluate(jiangsu, 4, Optional.empty(), plant(SIX, true));
    assertThat(AssessmentJson.toMap(again)).isEqualTo(m);
    assertThat(m.toString()).isEqualTo(AssessmentJson.toMap(again).toString());
    assertJsonReady(m);
    @SuppressWarnings("unchecked")
    Map<String, Object> evidence = (Map<String, Object>) m.get("evidence");
    assertThat(evidence).containsEntry("describe", "hand-built plant").containsEntry("containsBackfill", false)
        .containsEntry("containsSimulated", true);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> results = (List<Map<String, Object>>) m.get("results");
    assertThat(results).anySatisfy(r -> assertThat(r).containsEntry("rule", "cloud-investment").containsEntry("basis", "DECLARED"));
    assertThat(results).anySatisfy(r -> assertThat(r).containsEntry("rule", "equipment-access.power")
        .containsEntry("countsToward", "equipment-access").containsEntry("gate", false));
  }

  private static void assertJsonReady(Object o) {
    if (o instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        assertThat(k).isInstanceOf(String.class);
        assertJsonReady(v);
      });
    } else if (o instanceof List<?> list) {
      list.forEach(EvaluatorTest::assertJsonReady);
    } else if (o != null) {
      assertThat(o).isInstanceOfAny(String.class, Number.class, Boolean.class);
      if (o instanceof Double d) {
        assertThat(d).isFinite();
      }
    }
  }
}
