package io.eoc.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.config.ConfigException;
import io.eoc.wire.EquipmentCategory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigLoaderTest {
  static final String VALID = """
      agent:
        id: plant-1
      cloud:
        url: tcp://127.0.0.1:1883
        token: s3cret
      devices:
        - id: boiler-1
          name: "1# 工业锅炉"
          category: high-energy
          kind: industrial-boiler
          protocol: modbus-tcp
          host: 127.0.0.1
          port: 5020
          poll: 500ms
          registers:
            - {tag: steam_pressure, address: 0, type: uint16, scale: 0.01, unit: MPa}
            - {tag: fuel_flow, address: 2, type: float32, unit: m3/h}
      """;

  @Test
  void validFileBindsEveryField(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), VALID);
    AgentConfig cfg = AgentConfigLoader.load(file);
    assertThat(cfg.agentId()).isEqualTo("plant-1");
    assertThat(cfg.dataDir()).isEqualTo(dir.resolve("data/agent"));
    assertThat(cfg.cloud().token()).contains("s3cret");
    assertThat(cfg.cloud().toString()).doesNotContain("s3cret");
    DeviceConfig boiler = cfg.devices().get(0);
    assertThat(boiler.category()).isEqualTo(EquipmentCategory.HIGH_ENERGY);
    assertThat(boiler.poll()).isEqualTo(Duration.ofMillis(500));
    assertThat(boiler.modbus().unitId()).isEqualTo(1);
    assertThat(boiler.registers()).extracting(RegisterConfig::type)
        .containsExactly(RegisterType.UINT16, RegisterType.FLOAT32);
    assertThat(boiler.registers().get(0).engineering(123)).isEqualTo(1.23);
  }

  @Test
  void unknownFieldWrongTypeAndMissingValueAreAllReportedWithFileAndLine(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), """
        agent:
          id: plant-1
        cloud:
          url: tcp://127.0.0.1:1883
        devices:
          - id: boiler-1
            category: high-energy
            protocol: modbus-tcp
            port: fivethousand
            pol: 1s
            registers:
              - {tag: steam_pressure, address: 0, type: flaot32}
        """);
    assertThatThrownBy(() -> AgentConfigLoader.load(file))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(4))
        .hasMessageContaining(file + ":9:11: devices[0].port: expected an integer (1 to 65535), found 'fivethousand'")
        .hasMessageContaining(file + ":10:5: devices[0].pol: unknown field; allowed here: id, name, category")
        .hasMessageContaining(file + ":6:5: devices[0].host: missing value")
        .hasMessageContaining(file + ":12:49: devices[0].registers[0].type: unknown value 'flaot32'; allowed: int16, uint16, int32, uint32, float32, int64, float64");
  }

  @Test
  void duplicateIdsInvalidNamesAndBadUrlAreReported() {
    assertThatThrownBy(() -> AgentConfigLoader.parse("a.yaml", """
        agent: {id: "bad id"}
        cloud: {url: "http://x"}
        devices:
          - id: d1
            category: windmill
            protocol: modbus-tcp
            host: h
            registers: [{tag: t, address: 0, type: int16}, {tag: t, address: 1, type: int16}]
          - {id: d1, protocol: modbus-tcp, host: h, registers: []}
        """, Path.of(".")))
        .hasMessageContaining("agent.id: 'bad id' is not a valid name")
        .hasMessageContaining("cloud.url: expected ssl://host:port (or tcp://host:port on a trusted network; several separated by commas), found 'http://x'")
        .hasMessageContaining("devices[0].category: unknown value 'windmill'; allowed: high-energy, power, new-energy, intelligent, other")
        .hasMessageContaining("devices[0].registers[1].tag: duplicate tag 't'")
        .hasMessageContaining("devices[1].id: duplicate device id 'd1'")
        .hasMessageContaining("devices[1]: device has no registers");
  }

  @Test
  void filtersAndAnalysisAreBoundPerRegisterAndDevice() {
    AgentConfig cfg = AgentConfigLoader.parse("a.yaml", """
        agent: {id: a1}
        cloud: {url: "tcp://127.0.0.1:1883"}
        devices:
          - id: boiler-1
            category: high-energy
            protocol: modbus-tcp
            host: 127.0.0.1
            registers:
              - {tag: p, address: 0, type: uint16, filter: {range: [0, 2.5], deadband: 0.01, max-silence: 60s}}
              - {tag: running, address: 1, type: uint16, filter: {kind: state}}
            analysis:
              window: 60s
              aggregates: [p]
              running: {tag: running}
        """, Path.of("."));
    DeviceConfig d = cfg.devices().get(0);
    assertThat(d.registers().get(0).filter().range()).isPresent();
    assertThat(d.registers().get(1).filter().kind()).isEqualTo(io.eoc.edge.filter.SignalKind.STATE);
    assertThat(d.analysis().window()).isEqualTo(Duration.ofSeconds(60));
    assertThat(d.analysis().running()).isPresent();
  }

  @Test
  void analysisNamingAnUnknownTagIsReportedWithItsLine() {
    assertThatThrownBy(() -> AgentConfigLoader.parse("a.yaml", """
        agent: {id: a1}
        cloud: {url: "tcp://127.0.0.1:1883"}
        devices:
          - id: boiler-1
            category: high-energy
            protocol: modbus-tcp
            host: 127.0.0.1
            registers: [{tag: p, address: 0, type: uint16}]
            analysis: {aggregates: [pressure]}
        """, Path.of("."))).isInstanceOf(ConfigException.class).hasMessageContaining("a.yaml:9:").hasMessageContaining("pressure");
  }

  @Test
  void missingFileSaysSo(@TempDir Path dir) {
    assertThatThrownBy(() -> AgentConfigLoader.load(dir.resolve("none.yaml"))).hasMessageContaining("file not found");
  }
}
