package io.eoc.edge.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;

/** Which failures of a publish make the uplink send again from the oldest batch, and which not. */
class NotDeliveredTest {

  @Test
  void failuresThatPassAreRetriedAndOthersAreNot() {
    for (int code : new int[] {MqttClientException.REASON_CODE_MAX_INFLIGHT, MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED,
        MqttClientException.REASON_CODE_CONNECT_IN_PROGRESS, MqttClientException.REASON_CODE_CLIENT_DISCONNECTING,
        MqttClientException.REASON_CODE_CONNECTION_LOST, MqttClientException.REASON_CODE_CLIENT_TIMEOUT,
        MqttClientException.REASON_CODE_WRITE_TIMEOUT}) {
      assertThat(MqttUplink.passing(new MqttException(code))).as("code %d", code).isTrue();
    }
    assertThat(MqttUplink.passing(new MqttException(MqttClientException.REASON_CODE_CLIENT_CLOSED))).isFalse();
    assertThat(MqttUplink.passing(new MqttException(0x95))).as("packet too large: never passes").isFalse();
    assertThat(MqttUplink.passing(new IllegalStateException("bug"))).isFalse();
  }
}
