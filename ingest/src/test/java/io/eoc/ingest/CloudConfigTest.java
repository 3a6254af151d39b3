package io.eoc.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudConfigTest {
  @Test
  void plainMqttWithoutAgentAuthenticationIsRefusedOffLoopbackUnlessExplicitlyAllowed() {
    assertThatThrownBy(() -> config("0.0.0.0", Map.of(), false, false))
        .hasMessageContaining("refusing plain MQTT without agent authentication on 0.0.0.0");
    assertThat(config("0.0.0.0", Map.of(), false, true).tls()).isTrue();
    assertThat(config("0.0.0.0", Map.of(), true, false).authenticatesAgents()).isFalse();
    assertThat(config("0.0.0.0", Map.of("a1", "0123456789abcdef0"), false, false).authenticatesAgents()).isTrue();
    assertThat(config("127.0.0.1", Map.of(), false, false).authenticatesAgents()).isFalse();
  }

  @Test
  void secretsNeverAppearInToString() {
    CloudConfig c = new CloudConfig(Path.of("data"), "127.0.0.1", 1883, 8080, Optional.empty(),
        Optional.of("jdbc:postgresql://db/eoc"), Optional.of("eoc"), Optional.of("db-secret"), Map.of("a1", "agent-secret-0123456"), false, true);
    assertThat(c.toString()).doesNotContain("db-secret").doesNotContain("agent-secret").contains("****").contains("tokens=1 agent(s)");
  }

  @Test
  void nonPostgresUrlIsNamed() {
    assertThatThrownBy(() -> new CloudConfig(Path.of("d"), "127.0.0.1", 1, 1, Optional.empty(), Optional.of("jdbc:mysql://x"),
        Optional.empty(), Optional.empty(), Map.of(), false, true)).hasMessageContaining("must start with jdbc:postgresql:");
  }

  @Test
  void agentTokensFileIsValidatedWithoutEchoingTokens(@TempDir Path dir) throws Exception {
    Path good = Files.writeString(dir.resolve("tokens.yaml"), "agents:\n  plant-a: 0123456789abcdef0123\n");
    assertThat(AgentTokens.load(good)).containsEntry("plant-a", "0123456789abcdef0123");
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "agents:\n  plant-a: short-secret\n  'bad id': 0123456789abcdef0123\n  cloud: 0123456789abcdef0123\n");
    assertThatThrownBy(() -> AgentTokens.load(bad)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("bad.yaml:2:12: agents.plant-a: token too short")
        .hasMessageContaining("'bad id' is not a valid agent id")
        .hasMessageContaining("agent id 'cloud' is reserved")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short-secret"));
  }

  private static CloudConfig config(String host, Map<String, String> tokens, boolean allow, boolean tls) {
    return new CloudConfig(Path.of("data"), host, 0, 0, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), tokens, allow, tls);
  }
}
