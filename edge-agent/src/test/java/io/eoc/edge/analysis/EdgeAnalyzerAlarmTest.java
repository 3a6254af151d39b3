package io.eoc.edge.analysis;

import static io.eoc.edge.analysis.EdgeAnalyzerTest.DEVICE;
import static io.eoc.edge.analysis.EdgeAnalyzerTest.T0;
import static io.eoc.edge.analysis.EdgeAnalyzerTest.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EdgeAnalyzerAlarmTest {
  static final AlarmRule HIGH_PRESSURE =
      AlarmRule.above("high_pressure", "steam_pressure", 1.55, 1.50, Duration.ofSeconds(5));

  private final EdgeAnalyzer analyzer = new EdgeAnalyzer(DEVICE, AnalysisConfig.NONE.withAlarms(List.of(HIGH_PRESSURE)));

  /** steam_pressure sampled once a second from 0 s. */
  private List<Point> pressure(double... values) {
    List<Point> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      out.addAll(analyzer.accept(List.of(at("steam_pressure", i, values[i]))));
    }
    return out;
  }

  @Test
  void alarmRaisesOnceAfterItsDelayAndClearsOnceBelowTheHysteresis() {
    List<Point> transitions = pressure(
        1.50, 1.50, 1.50, 1.56, 1.60, 1.54, // 3‥4 s above, back at 5 s: shorter than the delay
        1.58, 1.58, 1.58, 1.58, 1.58, 1.58, // above from 6 s: raised at 11 s
        1.53, 1.56, 1.52,                   // 12‥14 s between 1.50 and 1.55: still raised
        1.49,                               // 15 s below 1.50: cleared
        1.56, 1.54, 1.51);                  // short excursion again: nothing
    assertThat(transitions).extracting(Point::tag, Point::timestamp, Point::value).containsExactly(
        tuple("alarm:high_pressure", T0.plusSeconds(11), 1.0),
        tuple("alarm:high_pressure", T0.plusSeconds(15), 0.0));
    assertThat(analyzer.activeAlarms()).isEmpty();
  }

  @Test
  void activeAlarmsListTheRaisedAlarmSinceItsTransition() {
    pressure(1.6, 1.6, 1.6, 1.6, 1.6, 1.6);
    assertThat(analyzer.activeAlarms()).containsExactly(
        new ActiveAlarm(DEVICE, "high_pressure", "steam_pressure", T0.plusSeconds(5), 1.6));
  }

  @Test
  void aHeldValueRaisesTheAlarmWhenEventTimePassesTheDelayWithoutNewSamples() {
    analyzer.accept(List.of(at("steam_pressure", 0, 1.6)));
    assertThat(analyzer.flush(T0.plusSeconds(4))).isEmpty();
    assertThat(analyzer.accept(List.of(at("other_tag", 7, 0)))).extracting(Point::timestamp, Point::value)
        .containsExactly(tuple(T0.plusSeconds(5), 1.0));
  }

  @Test
  void badQualityCancelsAPendingAlarmButDoesNotClearAnActiveOne() {
    Point unreachable = Point.bad(DEVICE, "steam_pressure", T0.plusSeconds(3), Quality.BAD_NO_COMMUNICATION);
    analyzer.accept(List.of(at("steam_pressure", 0, 1.6), at("steam_pressure", 2, 1.6), unreachable));
    assertThat(analyzer.flush(T0.plusSeconds(10))).isEmpty();

    EdgeAnalyzer other = new EdgeAnalyzer(DEVICE, AnalysisConfig.NONE.withAlarms(List.of(
        AlarmRule.above("high_pressure", "steam_pressure", 1.55, 1.50, Duration.ZERO))));
    assertThat(other.accept(List.of(at("steam_pressure", 0, 1.6)))).hasSize(1);
    assertThat(other.accept(List.of(Point.bad(DEVICE, "steam_pressure", T0.plusSeconds(1), Quality.BAD_DEVICE_FAILURE))))
        .isEmpty();
    assertThat(other.activeAlarms()).hasSize(1);
  }

  @Test
  void belowAlarmIsTheMirrorImage() {
    EdgeAnalyzer low = new EdgeAnalyzer(DEVICE, AnalysisConfig.NONE.withAlarms(List.of(
        AlarmRule.below("low_level", "drum_level", 20, 25, Duration.ZERO))));
    List<Point> out = new ArrayList<>();
    double[] level = {30, 19, 22, 24, 26, 19};
    for (int i = 0; i < level.length; i++) {
      out.addAll(low.accept(List.of(at("drum_level", i, level[i]))));
    }
    assertThat(out).extracting(Point::timestamp, Point::value).containsExactly(
        tuple(T0.plusSeconds(1), 1.0), tuple(T0.plusSeconds(4), 0.0), tuple(T0.plusSeconds(5), 1.0));
  }

  @Test
  void aClearThresholdBeyondTheLimitIsMisuse() {
    assertThatThrownBy(() -> AlarmRule.above("a", "t", 1.5, 1.6, Duration.ZERO))
        .hasMessageContaining("clear threshold 1.6 must not be beyond the threshold 1.5");
  }
}
