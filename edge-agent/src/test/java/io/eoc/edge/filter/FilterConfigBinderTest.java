package io.eoc.edge.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.config.ConfigException;
import io.eoc.config.ConfigReader;
import io.eoc.edge.filter.FilterConfig.Deadband;
import io.eoc.edge.filter.FilterConfig.Hampel;
import io.eoc.edge.filter.FilterConfig.Range;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FilterConfigBinderTest {

  private static List<FilterConfig> bind(String yaml) {
    ConfigReader reader = ConfigReader.parse("agent.yaml", yaml);
    List<FilterConfig> configs = reader.root().list("registers", FilterConfigBinder::bind);
    reader.finish();
    return configs;
  }

  @Test
  void filterMappingBindsEveryFieldAndARegisterWithoutOneGetsTheAnalogDefaults() {
    List<FilterConfig> configs = bind("""
        registers:
          - {tag: steam_pressure, address: 0, type: uint16, scale: 0.01, unit: MPa,
             filter: {range: [0, 2.5], max-rate: 0.5, deadband: 0.01, deadband-percent: 0.5, max-silence: 60s,
                      hampel: {window: 7, threshold: 3}, frozen-after: 10m}}
          - {tag: fuel_flow, address: 2, type: float32}
          - {tag: running, address: 4, filter: {kind: state, max-silence: 5m}}
        """);
    FilterConfig pressure = configs.get(0);
    assertThat(pressure.kind()).isEqualTo(SignalKind.ANALOG);
    assertThat(pressure.range()).contains(new Range(0, 2.5));
    assertThat(pressure.maxRate()).hasValue(0.5);
    assertThat(pressure.hampel()).contains(new Hampel(7, 3));
    assertThat(pressure.frozenAfter()).contains(Duration.ofMinutes(10));
    assertThat(pressure.dropDuplicates()).isTrue();
    assertThat(pressure.deadband()).contains(new Deadband(0.01, 0.5, Duration.ofSeconds(60)));
    assertThat(pressure.deadbandWidth()).hasValue(0.0125); // 0.5 % of 2.5 > 0.01
    assertThat(configs.get(1)).isEqualTo(FilterConfig.ANALOG);
    assertThat(configs.get(2).kind()).isEqualTo(SignalKind.STATE);
    assertThat(configs.get(2).deadband()).contains(new Deadband(0, 0, Duration.ofMinutes(5)));
  }

  @Test
  void analogDefaultsFilterOnlyNanAndDuplicatesAndStateDefaultsReportOnChange() {
    assertThat(FilterConfig.ANALOG.range()).isEmpty();
    assertThat(FilterConfig.ANALOG.maxRate()).isEmpty();
    assertThat(FilterConfig.ANALOG.hampel()).isEmpty();
    assertThat(FilterConfig.ANALOG.frozenAfter()).isEmpty();
    assertThat(FilterConfig.ANALOG.deadband()).isEmpty();
    assertThat(FilterConfig.ANALOG.dropDuplicates()).isTrue();
    assertThat(FilterConfig.STATE.deadband()).contains(new Deadband(0, 0, Duration.ofSeconds(60)));
    assertThat(bind("registers: [{tag: r, filter: {kind: state}}]").get(0)).isEqualTo(FilterConfig.STATE);
  }

  @Test
  void everyProblemIsReportedWithFileLineAndWhatIsAllowed() {
    assertThatThrownBy(() -> bind("""
        registers:
          - tag: a
            filter:
              rang: [0, 1]
              range: [3, 1]
              max-rate: fast
              deadband-percent: 2
              hampel: {window: 2, threshold: -1}
          - tag: b
            filter: {kind: state, hampel: {window: 5}, max-silence: 0s}
          - tag: c
            filter: {max-silence: 30s, kind: digital, drop-duplicates: maybe}
        """))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(11))
        .hasMessageContaining("agent.yaml:4:7: registers[0].filter.rang: unknown field; allowed here: kind, range, "
            + "max-rate, hampel, frozen-after, drop-duplicates, deadband, deadband-percent, max-silence")
        .hasMessageContaining("agent.yaml:5:14: registers[0].filter.range: min 3.0 is greater than max 1.0")
        .hasMessageContaining("agent.yaml:6:17: registers[0].filter.max-rate: expected a number greater than 0, found 'fast'")
        .hasMessageContaining("agent.yaml:7:25: registers[0].filter.deadband-percent: a percent deadband is a percent "
            + "of the range span (OPC UA Part 8 PercentDeadband): set range: [min, max]")
        .hasMessageContaining("agent.yaml:8:24: registers[0].filter.hampel.window: value 2 is out of range; allowed: 3 to 1001")
        .hasMessageContaining("agent.yaml:8:38: registers[0].filter.hampel.threshold: expected a number greater than 0, found '-1'")
        .hasMessageContaining("agent.yaml:10:35: registers[1].filter.hampel: not used for kind state")
        .hasMessageContaining("agent.yaml:10:61: registers[1].filter.max-silence: duration 0s is too short; minimum: 1000ms")
        .hasMessageContaining("agent.yaml:12:38: registers[2].filter.kind: unknown value 'digital'; allowed: analog, state")
        .hasMessageContaining("agent.yaml:12:27: registers[2].filter.max-silence: the heartbeat needs a deadband")
        .hasMessageContaining("agent.yaml:12:64: registers[2].filter.drop-duplicates: expected true or false, found 'maybe'");
  }

  @Test
  void recordsRejectMisuseWithAPreciseMessage() {
    assertThatThrownBy(() -> new Range(2, 1)).hasMessageContaining("min <= max");
    assertThatThrownBy(() -> FilterConfig.ANALOG.withDeadband(0, 1, Duration.ofSeconds(1)))
        .hasMessageContaining("a percent deadband needs a range");
    assertThatThrownBy(() -> FilterConfig.ANALOG.withMaxRate(0)).hasMessageContaining("maxRate must be");
    assertThat(FilterConfig.ANALOG.withRange(0, 1).range()).isEqualTo(Optional.of(new Range(0, 1)));
  }
}
