package io.eoc.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SubscribeAndDownlinkTest {

  private static final String COMMANDS = "eoc/v1/agents/gw-1/commands";

  private final TransportContext context = TestContexts.context(RecordingUplink.manual());
  private final EmbeddedMqtt mqtt = new EmbeddedMqtt(context);

  @AfterEach
  void closeChannels() {
    mqtt.close();
  }

  @Test
  void v5SubscribeGrantsOwnCommandsAndRefusesEverythingElse() {
    mqtt.connect(MqttVersion.MQTT_5, "gw-1");

    mqtt.send(Packets.subscribe(3, COMMANDS + "/#", "eoc/v1/agents/gw-2/commands/#", "eoc/v1/agents/+/commands/#"));

    MqttSubAckMessage subAck = (MqttSubAckMessage) mqtt.receive();
    assertThat(subAck.variableHeader().messageId()).isEqualTo(3);
    assertThat(subAck.payload().reasonCodes()).containsExactly(1, 0x87, 0x87);
    assertThat(context.counters().snapshot().aclDenials()).isEqualTo(2);
  }

  @Test
  void v3SubscribeRefusesOtherAgentsWithFailure() {
    mqtt.connect(MqttVersion.MQTT_3_1_1, "gw-1");

    mqtt.send(Packets.subscribe(1, COMMANDS + "/reboot", "#"));

    assertThat(((MqttSubAckMessage) mqtt.receive()).payload().reasonCodes()).containsExactly(1, 0x80);
  }

  @Test
  void unsubscribeIsAcknowledged() {
    mqtt.connect(MqttVersion.MQTT_3_1_1, "gw-1");

    mqtt.send(MqttMessageBuilders.unsubscribe().messageId(9).addTopicFilter(COMMANDS + "/#").build());

    MqttMessage unsubAck = mqtt.receive();
    assertThat(unsubAck.fixedHeader().messageType()).isEqualTo(MqttMessageType.UNSUBACK);
    assertThat(((MqttUnsubAckMessage) unsubAck).variableHeader().messageId()).isEqualTo(9);
    assertThat(mqtt.isOpen()).isTrue();
  }

  @Test
  void downlinkPublishCompletesWhenTheAgentAcknowledges() {
    mqtt.connect(MqttVersion.MQTT_5, "gw-1");

    CompletableFuture<Void> sent = send(COMMANDS + "/reboot", "now");
    MqttPublishMessage publish = (MqttPublishMessage) mqtt.receive();
    assertThat(publish.variableHeader().topicName()).isEqualTo(COMMANDS + "/reboot");
    assertThat(publish.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
    assertThat(new String(ByteBufUtil.getBytes(publish.payload()), StandardCharsets.UTF_8)).isEqualTo("now");
    int packetId = publish.variableHeader().packetId();
    publish.release();
    assertThat(sent).isNotDone();

    mqtt.send(Packets.pubAck(packetId));

    assertThat(sent).isCompleted();
  }

  @Test
  void downlinkFailsWhenTheAgentDisconnectsBeforeAcknowledging() {
    mqtt.connect(MqttVersion.MQTT_5, "gw-1");
    CompletableFuture<Void> sent = send(COMMANDS + "/reboot", "now");

    mqtt.send(MqttMessage.DISCONNECT);

    assertThatThrownBy(sent::join).hasCauseInstanceOf(AgentNotConnectedException.class);
  }

  private CompletableFuture<Void> send(String topic, String payload) {
    return context.sessions().find("gw-1").orElseThrow().downlink()
        .publish(topic, payload.getBytes(StandardCharsets.UTF_8)).toCompletableFuture();
  }
}
