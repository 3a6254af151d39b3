package io.eoc.edge.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.config.ConfigException;
import io.eoc.config.ConfigNode;
import io.eoc.config.ConfigReader;
import io.eoc.edge.analysis.AnalysisConfig.Aggregates;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalysisConfigBinderTest {
  static final List<String> TAGS = List.of("steam_pressure", "fuel_flow", "steam_flow", "running", "active_power");

  private static AnalysisConfig bind(String yaml) {
    ConfigReader reader = ConfigReader.parse("agent.yaml", yaml);
    ConfigNode device = reader.root().list("devices").get(0);
    AnalysisConfig config = AnalysisConfigBinder.bind(device, TAGS);
    reader.finish();
    return config;
  }

  @Test
  void analysisMappingBindsEveryField() {
    AnalysisConfig config = bind("""
        devices:
          - id: boiler-1
            analysis:
              window: 60s
              aggregates: [steam_pressure, fuel_flow]
              running: {tag: running}
              energy: {power-tag: active_power, unit: MW}
              specific: {name: gas_per_steam, numerator: fuel_flow, denominator: steam_flow}
              capacity-factor: {power-tag: active_power, rated: 2000}
              alarms:
                - {name: high_pressure, tag: steam_pressure, above: 1.55, for: 5s, clear-below: 1.50}
                - {name: low_pressure, tag: steam_pressure, below: 0.2}
        """);
    assertThat(config.window()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.maxGap()).isEqualTo(AnalysisConfig.DEFAULT_MAX_GAP);
    assertThat(config.aggregates()).isEqualTo(Aggregates.of("steam_pressure", "fuel_flow"));
    assertThat(config.running()).contains(new AnalysisConfig.Running("running", 0.5));
    assertThat(config.energy()).contains(new AnalysisConfig.Energy("active_power", 1000));
    assertThat(config.specific()).containsExactly(new AnalysisConfig.Specific("gas_per_steam", "fuel_flow", "steam_flow"));
    assertThat(config.capacityFactor()).contains(new AnalysisConfig.CapacityFactor("active_power", 2000));
    assertThat(config.alarms()).containsExactly(
        AlarmRule.above("high_pressure", "steam_pressure", 1.55, 1.50, Duration.ofSeconds(5)),
        AlarmRule.below("low_pressure", "steam_pressure", 0.2, 0.2, Duration.ZERO));
  }

  @Test
  void aDeviceWithoutAnalysisComputesNothingAndAllAggregatesEveryTag() {
    assertThat(bind("devices: [{id: d}]")).isEqualTo(AnalysisConfig.NONE);
    assertThat(AnalysisConfig.NONE.isEmpty()).isTrue();
    AnalysisConfig all = bind("devices: [{id: d, analysis: {aggregates: [all], window: 5m, max-gap: 1h}}]");
    assertThat(all.aggregates()).isEqualTo(Aggregates.ALL);
    assertThat(all.windowLabel()).isEqualTo("300s");
    assertThat(all.maxGap()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void specificMayBeAList() {
    AnalysisConfig config = bind("""
        devices:
          - analysis:
              specific:
                - {name: gas_per_steam, numerator: fuel_flow, denominator: steam_flow}
                - {name: power_per_steam, numerator: active_power, denominator: steam_flow}
        """);
    assertThat(config.specific()).extracting(AnalysisConfig.Specific::name)
        .containsExactly("gas_per_steam", "power_per_steam");
  }

  @Test
  void everyProblemIsReportedWithFileLineAndWhatIsAllowed() {
    assertThatThrownBy(() -> bind("""
        devices:
          - id: boiler-1
            analysis:
              window: 1500ms
              aggregate: [steam_pressure]
              aggregates: [steam_presure]
              running: {tag: runing}
              energy: {power-tag: active_power, unit: kWh}
              capacity-factor: {power-tag: active_power, rated: 0}
              alarms:
                - {name: high_pressure, tag: steam_pressure, above: 1.55, below: 0.1}
                - {name: high_pressure2, tag: steam_pressure, above: 1.55, clear-below: 1.60}
                - {name: "bad name", tag: steam_pressure, above: 1.55, clear-above: 1.0}
        """))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(10))
        .hasMessageContaining("agent.yaml:4:15: devices[0].analysis.window: expected whole seconds (such as 10s, 1m, 1h), found 1500ms")
        .hasMessageContaining("agent.yaml:5:7: devices[0].analysis.aggregate: unknown field; allowed here: window, "
            + "max-gap, aggregates, running, energy, specific, capacity-factor, alarms")
        .hasMessageContaining("agent.yaml:6:20: devices[0].analysis.aggregates[0]: unknown tag 'steam_presure'; "
            + "tags of this device: active_power, fuel_flow, running, steam_flow, steam_pressure")
        .hasMessageContaining("agent.yaml:7:22: devices[0].analysis.running.tag: unknown tag 'runing'")
        .hasMessageContaining("agent.yaml:8:47: devices[0].analysis.energy.unit: unknown value 'kWh'; allowed: W, kW, MW")
        .hasMessageContaining("agent.yaml:9:57: devices[0].analysis.capacity-factor.rated: expected a rated power greater than 0")
        .hasMessageContaining("agent.yaml:11:11: devices[0].analysis.alarms[0]: set exactly one of above or below")
        .hasMessageContaining("agent.yaml:12:81: devices[0].analysis.alarms[1].clear-below: clear-below 1.6 must not be above the limit 1.55")
        .hasMessageContaining("devices[0].analysis.alarms[2].name: 'bad name' is not a valid name")
        .hasMessageContaining("devices[0].analysis.alarms[2].clear-above: clear-above does not go with above; use clear-below");
  }

  @Test
  void withoutTheDeviceTagsReferencesAreNotChecked() {
    ConfigReader reader = ConfigReader.parse("agent.yaml", "analysis: {running: {tag: anything}}");
    AnalysisConfig config = AnalysisConfigBinder.bind(reader.root());
    reader.finish();
    assertThat(config.running()).contains(new AnalysisConfig.Running("anything", 0.5));
  }
}
