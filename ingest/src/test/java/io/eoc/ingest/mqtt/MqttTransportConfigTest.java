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
}
