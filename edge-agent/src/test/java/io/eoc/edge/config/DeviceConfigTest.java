package io.eoc.edge.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.wire.DeviceInfo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DeviceConfigTest {

  @Test
  void theCatalogueCarriesThePointsPerHourOfThePollPlanWhereTheAgentSetsTheRate() {
    AgentConfig cfg = AgentConfigLoader.parse("a.yaml", """
        agent: {id: a1}
        cloud: {url: "tcp://127.0.0.1:1883"}
        devices:
          - id: boiler-1
            category: high-energy
            protocol: modbus-tcp
            host: 127.0.0.1
            poll: 500ms
            registers:
              - {tag: steam_pressure, address: 0, type: uint16}
              - {tag: fuel_flow, address: 2, type: float32}
          - id: plc-poll
            category: intelligent
            protocol: opc-ua
            endpoint: opc.tcp://127.0.0.1:4840/plc
            mode: poll
            poll: 2s
            nodes: [{tag: a, node: "ns=2;i=1"}, {tag: b, node: "ns=2;i=2"}, {tag: c, node: "ns=2;i=3"}]
          - id: plc-subscribed
            category: intelligent
            protocol: opc-ua
            endpoint: opc.tcp://127.0.0.1:4840/plc
            nodes: [{tag: a, node: "ns=2;i=1"}]
          - id: wind-1
            category: new-energy
            protocol: mqtt
            broker: tcp://127.0.0.1:1883
            topics: [{filter: "plant/wind-1", qos: 1}]
            tags: [{tag: wind_speed, pointer: /values/wind_speed}]
        """, Path.of("."));
    // 2 registers every 0.5 s; 3 nodes every 2 s; a subscription and an MQTT push: the source decides.
    assertThat(cfg.devices()).extracting(d -> d.info().expectedPointsPerHour())
        .containsExactly(14_400.0, 5_400.0, 0.0, 0.0);
    assertThat(cfg.devices().get(0).info().tags()).extracting(DeviceInfo.TagInfo::tag)
        .containsExactly("steam_pressure", "fuel_flow");
  }
}
