package io.eoc.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

  @ParameterizedTest
  @ValueSource(strings = {"eoc/v1/agents/gw-1/telemetry", "eoc/v1/agents/gw-1/a/b/c", "eoc/v1/agents/gw-1/commands/ack"})
  void agentMayPublishBelowItsOwnRoot(String topic) {
    assertThat(Topics.mayPublish("gw-1", topic)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"eoc/v1/agents/gw-2/telemetry", "eoc/v1/agents/gw-1", "eoc/v1/agents/gw-1/",
      "eoc/v1/agents/gw-10/telemetry", "eoc/v1/agents/gw-1x/t", "other/gw-1/telemetry", ""})
  void agentMayNotPublishAnywhereElse(String topic) {
    assertThat(Topics.mayPublish("gw-1", topic)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"eoc/v1/agents/gw-1/commands/#", "eoc/v1/agents/gw-1/commands/+",
      "eoc/v1/agents/gw-1/commands/reboot", "eoc/v1/agents/gw-1/commands"})
  void agentMaySubscribeToItsCommands(String filter) {
    assertThat(Topics.maySubscribe("gw-1", filter)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"#", "eoc/v1/agents/+/commands/#", "eoc/v1/agents/gw-1/#",
      "eoc/v1/agents/gw-1/telemetry", "eoc/v1/agents/gw-2/commands/#", "$share/g/eoc/v1/agents/gw-1/commands/#"})
  void agentMayNotSubscribeToAnythingElse(String filter) {
    assertThat(Topics.maySubscribe("gw-1", filter)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a/b", "+", "#", "gw#1", "nul\u0000"})
  void agentIdMustBeOneTopicLevelWithoutWildcards(String agentId) {
    assertThat(Topics.isValidAgentId(agentId)).isFalse();
    assertThatThrownBy(() -> Topics.agentRoot(agentId)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rootsFollowTheScheme() {
    assertThat(Topics.agentRoot("gw-1")).isEqualTo("eoc/v1/agents/gw-1");
    assertThat(Topics.commandsRoot("gw-1")).isEqualTo("eoc/v1/agents/gw-1/commands");
  }

  @ParameterizedTest
  @CsvSource({
      "a/b/c, a/b/c, true", "a/b/c, a/b, false", "a/b, a/b/c, false",
      "a/+/c, a/b/c, true", "a/+/c, a/b/d, false", "a/+, a/b/c, false", "+/+, a/b, true",
      "a/#, a, true", "a/#, a/b/c, true", "#, a/b, true", "a/b/#, a/c, false",
      "a/+/#, a/b, true", "a//c, a//c, true", "a/+/c, a//c, true"})
  void filtersMatchTopicsLevelByLevel(String filter, String topic, boolean matches) {
    assertThat(Topics.matches(filter, topic)).isEqualTo(matches);
  }
}
