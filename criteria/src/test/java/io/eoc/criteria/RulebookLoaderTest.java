package io.eoc.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulebookLoaderTest {
  @TempDir
  Path dir;

  private Path write(String rules) throws Exception {
    return Files.writeString(dir.resolve("book.yaml"), "rulebook: other\nversion: 1\ntitle: t\nsource: s\nrules:\n" + rules);
  }

  @Test
  void everyBuiltInRulebookLoadsAndCitesASectionInEveryRule() {
    for (String id : RulebookLoader.BUILT_IN) {
      Rulebook book = RulebookLoader.builtIn(id);
      assertThat(book.rules()).isNotEmpty().allSatisfy(r -> assertThat(r.section()).startsWith(id));
    }
    Rulebook j23 = RulebookLoader.builtIn("jiangsu-2023");
    assertThat(j23.rule("edge-and-device-services").orElseThrow().members()).hasSize(13);
    assertThat(j23.rule("edge-and-device-services").orElseThrow().condition(4)).isEqualTo(">= 8");
    assertThat(j23.rule("edge-and-device-services").orElseThrow().condition(5)).isEqualTo(">= 9");
    assertThat(j23.rulesFor(3)).extracting(Rule::id).containsExactly("time-on-cloud", "cloud-investment");
    assertThat(j23.rulesFor(4).get(0).section()).contains("jiangsu-2023 §四 设备上云");
  }

  @Test
  void perLevelThresholdsApplyFromTheirLevelUp() throws Exception {
    Rulebook book = RulebookLoader.load(write("""
          - id: cpu
            title: t
            section: s
            indicator: host-cpu
            pass-if:
              3: {op: ">=", threshold: 5}
              5: {op: ">=", threshold: 25}
        """));
    Rule cpu = book.rules().get(0);
    assertThat(cpu.level()).isEqualTo(3);
    assertThat(cpu.condition(3)).isEqualTo(">= 5");
    assertThat(cpu.condition(4)).isEqualTo(">= 5");
    assertThat(cpu.condition(5)).isEqualTo(">= 25");
    assertThat(book.rulesFor(2)).isEmpty();
  }

  @Test
  void groupsCountMembersThatNeedNoLevelAndDoNotGate() throws Exception {
    Rulebook book = RulebookLoader.load(write("""
          - id: a
            title: t
            section: s
            indicator: host-cpu
            pass-if: {op: ">=", threshold: 5}
          - id: g
            title: t
            label: the group
            section: s
            count-of: [a]
            pass-if: {4: {op: ">=", threshold: 1}}
          - id: info
            title: t
            section: s
            indicator: data-read-write
            level: 4
            gate: false
            pass-if: {op: ">=", threshold: 1}
        """));
    assertThat(book.countsToward("a")).contains("g");
    assertThat(book.gates(book.rule("a").orElseThrow())).isFalse();
    assertThat(book.gates(book.rule("g").orElseThrow())).isTrue();
    assertThat(book.gates(book.rule("info").orElseThrow())).isFalse();
    assertThat(book.rulesFor(4)).extracting(Rule::id).containsExactly("a", "g", "info");
    assertThat(book.rulesFor(3)).isEmpty();
  }

  @Test
  void groupMistakesAreReportedTogetherWithLineAndColumn() throws Exception {
    Path file = write("""
          - id: a
            title: t
            section: s
            count-of: [b, nobody]
            pass-if: {4: {op: ">=", threshold: 1}}
          - id: b
            title: t
            section: s
            count-of: [a]
            gate: true
            pass-if: {op: ">=", threshold: 1}
          - id: c
            title: t
            section: s
            indicator: host-cpu
            pass-if: {op: ">=", threshold: 1}
          - id: d
            title: t
            section: s
            indicator: host-cpu
            level: 4
            pass-if: {four: {op: ">=", threshold: 1}}
        """);
    assertThatThrownBy(() -> RulebookLoader.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(":9:19: rules[0].count-of[1]: no rule with id 'nobody' in this rulebook")
        .hasMessageContaining(":9:15: rules[0].count-of: groups form a cycle: a -> b -> a")
        .hasMessageContaining(":14:15: rules[1].count-of: groups form a cycle: b -> a -> b")
        .hasMessageContaining(":15:11: rules[1].gate: rule counts toward 'a', so only that group decides the level; remove 'gate'")
        .hasMessageContaining(":17:5: rules[2].level: missing value; a rule needs a level (1 to 5)")
        .hasMessageContaining(":26:12: rules[3].level: give either 'level' with one threshold")
        .hasMessageContaining(":27:21: rules[3].pass-if.four: a key of 'pass-if' must be a star level 1 to 5");
  }

  @Test
  void aRuleIsAnIndicatorOrAGroupAndIndicatorParametersAreChecked() throws Exception {
    Path file = write("""
          - id: a
            title: t
            section: s
            level: 4
            indicator: host-cpu
            count-of: [a]
            pass-if: {op: ">=", threshold: 1}
          - id: b
            title: t
            section: s
            level: 4
            indicator: service-use
            params: {service: coffee}
            pass-if: {op: ">=", threshold: 1}
        """);
    assertThatThrownBy(() -> RulebookLoader.load(file))
        .hasMessageContaining("rules[0].count-of: a rule is either an indicator or a group ('count-of'), not both")
        .hasMessageContaining("rules[0].count-of[0]: a group cannot count itself")
        .hasMessageContaining(":17:16: rules[1].indicator: indicator 'service-use' parameter 'service' must be one of ledger");
  }

  @Test
  void theOldSingleFormStillReportsItsProblems() throws Exception {
    Path file = write("""
          - id: r1
            title: t
            section: s
            level: 4
            indicator: equipment-acess
            pass-if: {op: "=>", threshold: 1}
        """);
    assertThatThrownBy(() -> RulebookLoader.load(file))
        .hasMessageContaining(":11:19: rules[0].pass-if.op: unknown value '=>'; allowed: >=, >, <=, <")
        .hasMessageContaining(":10:16: rules[0].indicator: unknown indicator 'equipment-acess'; known: equipment-access");
  }

  @Test
  void unknownBuiltInIsNamed() {
    assertThatThrownBy(() -> RulebookLoader.builtIn("zhejiang")).hasMessageContaining("no built-in rulebook 'zhejiang'");
  }
}
