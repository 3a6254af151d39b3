package io.eoc.criteria;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.metrics.evidence.DataOpsDay;
import io.eoc.metrics.evidence.Declaration;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.EvidenceSource;
import io.eoc.metrics.evidence.HostHour;
import io.eoc.metrics.evidence.Source;
import io.eoc.metrics.evidence.UserAccount;
import io.eoc.metrics.evidence.UserHour;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** jiangsu-2018 综合绩效 at the exact 3★/4★/5★ thresholds and just below them. */
class Jiangsu2018Test {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private final Evaluator evaluator = new Evaluator(Clock.fixed(NOW, ZoneOffset.UTC));
  private final Rulebook book = RulebookLoader.builtIn("jiangsu-2018");

  /**
   * usage: 10 users, {@code active} of them active in October (the only complete Shanghai month of
   * the 62-day window [09-21T12:00Z, 11-22T12:00Z)) → active × 10 %; one host-hour at 02:00Z
   * (10:00 Shanghai) with CPU {@code cpu} and rx = {@code bw} % of a 100 Mbit/s link; {@code perDay}
   * writes on each of the 29 whole UTC days of the 30-day window (10-24 … 11-21); declarations.
   */
  private static EvidenceSource plant(int active, double cpu, double bw, long perDay, double costCut, double invest) {
    return window -> {
      List<UserAccount> users = new ArrayList<>();
      List<UserHour> hours = new ArrayList<>();
      for (int u = 0; u < 10; u++) {
        users.add(new UserAccount("u" + u, "operator", Instant.parse("2026-01-01T00:00:00Z"), Optional.empty()));
        if (u < active) {
          hours.add(new UserHour("u" + u, Instant.parse("2026-10-15T02:00:00Z"), false));
        }
      }
      List<DataOpsDay> days = new ArrayList<>();
      for (LocalDate d = LocalDate.parse("2026-10-24"); d.isBefore(LocalDate.parse("2026-11-22")); d = d.plusDays(1)) {
        days.add(new DataOpsDay(d, perDay, 0, OptionalLong.of(perDay * 2)));
      }
      Instant at = Instant.parse("2026-11-01T00:00:00Z");
      return new EvidenceSet(window, "hand-built", Set.of(Source.USAGE, Source.HOSTS, Source.DATA_OPS, Source.DECLARATIONS),
          List.of(), List.of(), List.of(), List.of(), List.of(), users, hours,
          List.of(new HostHour("p/erp", Instant.parse("2026-11-20T02:00:00Z"), cpu, bw * 1e6, 0, 100e6, 60, false)), days,
          List.of(new Declaration("it-om-cost-reduction", costCut, "%", "audit 2026", at, "cfo"),
              new Declaration("annual-cloud-investment", invest, "10k CNY", "contracts 2026", at, "cfo")));
    };
  }

  private Assessment assess(int level, EvidenceSource plant) {
    return evaluator.evaluate(book, level, Optional.empty(), plant);
  }

  @Test
  void exactlyTheThreeStarThresholdsReachThreeStarsButNotFour() {
    EvidenceSource plant = plant(3, 5, 30, 1_000, 30, 5);
    assertThat(assess(3, plant).levelReached()).isTrue();
    Assessment four = assess(4, plant);
    assertThat(four.levelReached()).isFalse();
    assertThat(four.reasons()).containsExactly("monthly user usage: 30 %, >= 50 required for 4★",
        "business hosts' CPU: 5 %, >= 10 required for 4★", "business hosts' bandwidth: 30 %, >= 40 required for 4★",
        "daily data reads and writes: 1000 per day, >= 10000 required for 4★",
        "annual cloud investment (declared): 5 10k CNY (declared), >= 50 required for 4★");
  }

  @Test
  void exactlyTheFourStarThresholdsReachFourButNotFive() {
    EvidenceSource plant = plant(5, 10, 40, 10_000, 30, 50);
    assertThat(assess(4, plant).levelReached()).isTrue();
    assertThat(assess(5, plant).reasons()).hasSize(5);
  }

  @Test
  void exactlyTheFiveStarThresholdsReachFive() {
    Assessment five = assess(5, plant(8, 25, 50, 50_000, 30, 400));
    assertThat(five.reasons()).isEmpty();
    assertThat(five.levelReached()).isTrue();
  }

  @Test
  void justBelowTheThreeStarThresholdsFailsEveryRule() {
    Assessment three = assess(3, plant(2, 4.99, 29.99, 999, 29.9, 4.99));
    assertThat(three.levelReached()).isFalse();
    assertThat(three.gates()).hasSize(6).noneMatch(RuleResult::passed);
    assertThat(three.reasons()).contains("IT O&M cost reduction (declared): 29.9 % (declared), >= 30 required for 3★");
  }
}
