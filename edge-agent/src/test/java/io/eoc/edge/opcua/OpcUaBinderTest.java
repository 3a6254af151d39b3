package io.eoc.edge.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.config.ConfigProblem;
import io.eoc.config.ConfigReader;
import io.eoc.edge.config.ProtocolDevice;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpcUaBinderTest {

  private static ConfigReader parse(String yaml) {
    return ConfigReader.parse("agent.yaml", yaml);
  }

  @Test
  void bindsAFullDevice() {
    ConfigReader reader = parse("""
        endpoint: opc.tcp://10.0.0.5:4840/plc
        security-policy: basic256sha256
        security-mode: sign-and-encrypt
        identity: {username: operator, password: s3cret}
        pki-dir: /var/lib/eoc/pki
        mode: poll
        sampling: 250ms
        nodes:
          - {tag: steam_pressure, node: "ns=2;s=boiler-1.steam_pressure", unit: MPa, deadband-absolute: 0.01}
          - {tag: running, node: "ns=2;i=1001", filter: {kind: state}}
        """);
    ProtocolDevice device = new OpcUaBinder().bind(reader.root());
    assertThat(reader.problems()).isEmpty();
    OpcUaSettings s = ((OpcUaBinder.OpcUaDevice) device).settings();
    assertThat(s.security()).isEqualTo(OpcUaSettings.Security.BASIC256SHA256);
    assertThat(s.mode()).isEqualTo(OpcUaSettings.ReadMode.POLL);
    assertThat(s.sampling()).isEqualTo(Duration.ofMillis(250));
    assertThat(s.nodes()).hasSize(2);
    assertThat(s.nodes().get(0).deadband()).isEqualTo(new OpcUaSettings.Deadband(false, 0.01));
    assertThat(device.tags()).extracting(t -> t.unit()).containsExactly("MPa", "");
    assertThat(s.toString()).doesNotContain("s3cret");
  }

  @Test
  void reportsEveryMistakeWithFileAndLine() {
    ConfigReader reader = parse("""
        endpoint: http://10.0.0.5
        security-policy: basic128
        mode: push
        nodes:
          - {tag: p, node: "boiler-1.p", deadband-percent: 150}
          - {tag: p, node: "ns=2;s=x", colour: red}
        """);
    new OpcUaBinder().bind(reader.root());
    assertThat(reader.problems()).extracting(ConfigProblem::toString).anySatisfy(p ->
        assertThat(p).startsWith("agent.yaml:1:").contains("opc.tcp://host:port/path"))
        .anySatisfy(p -> assertThat(p).startsWith("agent.yaml:2:").contains("basic256sha256"))
        .anySatisfy(p -> assertThat(p).startsWith("agent.yaml:3:").contains("subscription"))
        .anySatisfy(p -> assertThat(p).startsWith("agent.yaml:5:").contains("ns=2;s="))
        .anySatisfy(p -> assertThat(p).startsWith("agent.yaml:5:").contains("0 to 100"))
        .anySatisfy(p -> assertThat(p).startsWith("agent.yaml:6:").contains("used twice"))
        .anySatisfy(p -> assertThat(p).startsWith("agent.yaml:6:").contains("colour"));
  }
}
