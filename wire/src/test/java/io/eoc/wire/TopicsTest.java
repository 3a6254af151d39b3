package io.eoc.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {
  @Test
  void agentIsReadBackFromItsTopics() {
    assertThat(Topics.agentOf(Topics.batches("plant-7"))).contains("plant-7");
    assertThat(Topics.kind(Topics.devices("plant-7"))).isEqualTo("devices");
    assertThat(Topics.agentOf("other/topic")).isEmpty();
    assertThat(Topics.agentOf("eoc/v1/agents/+/batches")).isEmpty();
  }
}
