package io.eoc.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.config.ConfigException;
import io.eoc.metrics.EvidenceException;
import io.eoc.metrics.evidence.DeviceHour;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.EvidenceSource;
import io.eoc.metrics.evidence.Hours;
import io.eoc.metrics.evidence.LedgerDevice;
import io.eoc.metrics.evidence.Source;
import io.eoc.metrics.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private final Evaluator evaluator = new Evaluator(Clock.fixed(NOW, ZoneOffset.UTC));
  private final Rulebook jiangsu = RulebookLoader.builtIn("jiangsu-2023");

  private static EvidenceSource telemetry(long goodPoints) {
    return window -> new EvidenceSet(window, "test", Set.of(Source.TELEMETRY),
        List.of(new LedgerDevice("a/boiler-1", "a", "boiler", "high-energy", "boiler", "modbus-tcp", true, OptionalDouble.empty(), 0)),
        goodPoints == 0 ? List.of() : List.of(new DeviceHour("a/boiler-1", Hours.floor(NOW.minusSeconds(3600)), goodPoints, 0, 0, 0)),
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }

  @Test
  void builtInRulebookHasTheHighEnergyAccessRuleForLevelFour() {
    assertThat(jiangsu.rulesFor(4)).extracting(Rule::id).contains("equipment-access.high-energy");
    assertThat(jiangsu.rulesFor(4).get(0).section()).contains("jiangsu-2023 §四 设备上云");
  }

  @Test
  void aDeliveringHighEnergyDevicePassesWithMeasuredValueAndWindow() {
    Assessment a = evaluator.evaluate(jiangsu, 4, Optional.empty(), telemetry(5));
    RuleResult r = a.results().get(0);
    assertThat(r.outcome()).isEqualTo(Outcome.PASS);
    assertThat(r.measurement().value()).contains(1.0);
    assertThat(r.measurement().window()).isEqualTo(Window.ending(NOW, Duration.ofDays(1)));
    assertThat(a.levelReached()).isTrue();
    assertThat(AssessmentText.render(a)).contains("[PASS] equipment-access.high-energy")
        .contains("measured 1 devices (required >= 1)").contains("method equipment-access/v1");
  }

  @Test
  void noDataFailsAndNoStoreIsNoEvidence() {
    assertThat(evaluator.evaluate(jiangsu, 4, Optional.empty(), telemetry(0)).results().get(0).outcome())
        .isEqualTo(Outcome.FAIL);
    Assessment none = evaluator.evaluate(jiangsu, 4, Optional.empty(), w -> { throw new EvidenceException("database down", null); });
    assertThat(none.results().get(0).outcome()).isEqualTo(Outcome.NO_EVIDENCE);
    assertThat(none.levelReached()).isFalse();
    assertThat(AssessmentText.render(none)).contains("4★ not reached: equipment-access.high-energy NO_EVIDENCE");
  }

  @Test
  void badRulebookReportsEveryProblemWithItsLine(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("other.yaml"), """
        rulebook: other
        version: 1
        title: t
        source: s
        rules:
          - id: r1
            title: t
            section: s
            level: 4
            indicator: equipment-acess
            pass-if: {op: "=>", threshold: 1}
        """);
    assertThatThrownBy(() -> RulebookLoader.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(":11:19: rules[0].pass-if.op: unknown value '=>'; allowed: >=, >, <=, <")
        .hasMessageContaining(":10:16: rules[0].indicator: unknown indicator 'equipment-acess'; known: equipment-access");
  }

  @Test
  void unknownBuiltInIsNamed() {
    assertThatThrownBy(() -> RulebookLoader.builtIn("zhejiang")).hasMessageContaining("no built-in rulebook 'zhejiang'");
  }
}
