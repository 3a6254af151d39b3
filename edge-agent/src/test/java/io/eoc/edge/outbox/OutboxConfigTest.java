package io.eoc.edge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutboxConfigTest {
  @Test
  void everyProblemIsReportedInOneException() {
    assertThatThrownBy(() -> new OutboxConfig(100, 150, null, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fullPolicy is required")
        .hasMessageContaining("segmentBytes must be >= 1024, got 100")
        .hasMessageContaining("maxPayloadBytes must be >= 1")
        .hasMessageContaining("ackSyncEvery must be >= 1")
        .hasMessageContaining("maxTotalBytes must be >= 2 * segmentBytes");
  }

  @Test
  void defaultsAre16MibSegments1GibInTotalAndDropOldest() {
    OutboxConfig c = OutboxConfig.defaults();
    assertThat(c.segmentBytes()).isEqualTo(16L << 20);
    assertThat(c.maxTotalBytes()).isEqualTo(1L << 30);
    assertThat(c.fullPolicy()).isEqualTo(FullPolicy.DROP_OLDEST);
    assertThat(c.withFullPolicy(FullPolicy.REFUSE_NEWEST).fullPolicy())
        .isEqualTo(FullPolicy.REFUSE_NEWEST);
  }
}
