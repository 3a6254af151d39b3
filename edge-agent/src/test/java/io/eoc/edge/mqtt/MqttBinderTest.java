package io.eoc.edge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.config.ConfigException;
import io.eoc.edge.config.AgentConfig;
import io.eoc.edge.config.AgentConfigLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MqttBinderTest {

  @Test
  void mqttDeviceIsBoundThroughTheServiceLoaderWithoutItsPasswordInToString() {
    AgentConfig cfg = AgentConfigLoader.parse("a.yaml", """
        agent: {id: a1}
        cloud: {url: "tcp://127.0.0.1:1883"}
        devices:
          - id: wind-1
            category: new-energy
            protocol: mqtt
            broker: tcp://127.0.0.1:1883
            username: meter
            password: s3cret
            topics: [{filter: "plant/+/wind-1/telemetry", qos: 1}]
            timestamp: {pointer: /ts, format: epoch-ms}
            tags:
              - {tag: wind_speed, pointer: /values/wind_speed, unit: m/s, scale: 2, offset: 1}
              - {tag: running, pointer: /values/running, filter: {kind: state}}
        """, Path.of("."));
    MqttDevice device = (MqttDevice) cfg.devices().get(0).other().orElseThrow();
    assertThat(device.topics()).containsExactly(new MqttDevice.Subscription("plant/+/wind-1/telemetry", 1));
    assertThat(device.timestamp().format()).isEqualTo(TimestampSpec.Format.EPOCH_MS);
    assertThat(device.mappings().get(0).scale()).isEqualTo(2.0);
    assertThat(device.tags()).extracting(t -> t.tag()).containsExactly("wind_speed", "running");
    assertThat(device.toString() + device.endpoint()).doesNotContain("s3cret").contains("meter");
  }

  @Test
  void badConfigurationIsReportedWithFileAndLineAllTogether() {
    assertThatThrownBy(() -> AgentConfigLoader.parse("a.yaml", """
        agent: {id: a1}
        cloud: {url: "tcp://127.0.0.1:1883"}
        devices:
          - id: wind-1
            protocol: mqtt
            broker: http://broker:1883
            password: alone
            topics: [{filter: "plant/#/x", qos: 2}]
            timestamp: {pointer: ts, format: epoch-ns}
            tags:
              - {tag: "bad tag", pointer: /values/a}
              - {tag: b, pointr: /values/b}
        """, Path.of(".")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("a.yaml:6:13: devices[0].broker: expected tcp://host:port or ssl://host:port, found 'http://broker:1883'")
        .hasMessageContaining("a.yaml:7:15: devices[0].password: a password needs a username")
        .hasMessageContaining("a.yaml:8:23: devices[0].topics[0].filter: not a valid topic filter 'plant/#/x'")
        .hasMessageContaining("a.yaml:8:41: devices[0].topics[0].qos: value 2 is out of range; allowed: 0 to 1")
        .hasMessageContaining("a.yaml:9:26: devices[0].timestamp.pointer: not a JSON Pointer 'ts'")
        .hasMessageContaining("a.yaml:9:38: devices[0].timestamp.format: unknown value 'epoch-ns'; allowed:")
        .hasMessageContaining("a.yaml:11:15: devices[0].tags[0].tag: 'bad tag' is not a valid name")
        .hasMessageContaining("a.yaml:12:18: devices[0].tags[1].pointr: unknown field")
        .hasMessageContaining("devices[0].tags[1].pointer: missing value");
  }
}
