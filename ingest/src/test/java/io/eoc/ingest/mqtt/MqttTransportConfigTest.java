package io.eoc.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MqttTransportConfigTest {

  @Test
  void defaultsBindLoopbackOnAnEphemeralPort() {
    MqttTransportConfig config = MqttTransportConfig.defaults();

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isZero();
    assertThat(config.maxMessageBytes()).isEqualTo(1024 * 1024);
    assertThat(config.maxInFlight()).isEqualTo(1000);
    assertThat(config.rateLimit()).isEqualTo(AgentRateLimit.DEFAULT);
    assertThat(config.downlinkQueueCapacity()).isEqualTo(100);
    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @Test
  void everyErrorIsReportedTogether() {
    assertThatThrownBy(() -> MqttTransportConfig.builder()
            .host(" ").port(70_000).maxMessageBytes(0).maxInFlight(0)
            .keepAlive(Duration.ofSeconds(60), Duration.ofSeconds(30)).connectTimeout(Duration.ZERO)
            .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll("host", "port", "maxMessageBytes", "maxInFlight", "maxKeepAlive", "connectTimeout");
  }

  @Test
  void rateLimitErrorsAreReportedWithTheOthers() {
    assertThatThrownBy(() -> MqttTransportConfig.builder().maxInFlight(0).downlinkQueueCapacity(0)
            .rateLimit(new AgentRateLimit(0, 0, Duration.ZERO, Duration.ZERO)).build())
        .hasMessageContainingAll("maxInFlight", "downlinkQueueCapacity", "rateLimit.messagesPerSecond",
            "rateLimit.bytesPerSecond", "rateLimit.burst", "rateLimit.disconnectAfter");
  }

  @Test
  void theByteBurstMustHoldTheLargestAllowedMessage() {
    assertThatThrownBy(() -> MqttTransportConfig.builder().maxMessageBytes(2_000)
            .rateLimit(new AgentRateLimit(10, 1_000, Duration.ofSeconds(1), Duration.ofSeconds(10))).build())
        .hasMessageContaining("rateLimit.burst: PT1S at 1000 bytes/s holds less than maxMessageBytes 2000");
  }

  @Test
  void theDefaultBurstHoldsAFullReceiveMaximumWindow() {
    MqttTransportConfig config = MqttTransportConfig.defaults();

    assertThat(config.rateLimit().burstMessages()).isGreaterThanOrEqualTo(config.maxInFlight());
  }

  @Test
  void theLimitsAreDescribedInTheUnitsTheCommandLineTakes() {
    assertThat(MqttTransportConfig.defaults().limits()).isEqualTo("per agent 200 msg/s and 20MiB/s, burst PT5S, "
        + "disconnected after PT10S of refusals; packets up to 1MiB; keep-alive PT5S..PT5M; 1000 in flight; "
        + "100 downlink messages queued");
    assertThat(MqttTransportConfig.builder().maxMessageBytes(1_000).rateLimit(AgentRateLimit.UNLIMITED).build().limits())
        .startsWith("no per-agent rate limit; packets up to 1000;");
  }
}
