package io.eoc.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PublishTest {

  private static final String TELEMETRY = "eoc/v1/agents/gw-1/telemetry";

  private final RecordingUplink uplink = RecordingUplink.manual();
  private TransportContext context = TestContexts.context(uplink);
  private EmbeddedMqtt mqtt;

  @AfterEach
  void closeChannels() {
    if (mqtt != null) {
      mqtt.close();
    }
  }

  private EmbeddedMqtt connected(MqttVersion version) {
    mqtt = new EmbeddedMqtt(context);
    mqtt.connect(version, "gw-1");
    return mqtt;
  }

  @Test
  void pubAckIsSentOnlyAfterTheHandOverIsDurable() {
    connected(MqttVersion.MQTT_5).send(Packets.publish(TELEMETRY, MqttQoS.AT_LEAST_ONCE, 7, "batch-1"));

    assertThat(uplink.calls()).hasSize(1);
    UplinkMessage message = uplink.call(0).message();
    assertThat(message.agentId()).isEqualTo("gw-1");
    assertThat(message.topic()).isEqualTo(TELEMETRY);
    assertThat(new String(message.payload(), StandardCharsets.UTF_8)).isEqualTo("batch-1");
    assertThat(message.receivedAt()).isEqualTo(TestContexts.NOW);
    assertThat(mqtt.receive()).as("no PUBACK while the hand-over is pending").isNull();

    uplink.call(0).durable().complete(null);

    assertThat(pubAck(mqtt.receive())).isEqualTo(new Ack(7, 0));
    assertThat(context.counters().snapshot().acksSent()).isEqualTo(1);
  }

  @Test
  void failedHandOverClosesTheConnectionWithoutPubAck() {
    connected(MqttVersion.MQTT_5).send(Packets.publish(TELEMETRY, MqttQoS.AT_LEAST_ONCE, 1, "batch"));

    uplink.call(0).durable().completeExceptionally(new IOException("kafka unavailable"));

    assertThat(mqtt.receive()).isNull();
    assertThat(mqtt.isOpen()).isFalse();
    assertThat(context.counters().snapshot().handlerFailures()).isEqualTo(1);
    assertThat(context.counters().snapshot().acksSent()).isZero();
  }

  @Test
  void handlerThatThrowsIsTreatedAsAFailedHandOver() {
    context = TestContexts.context(message -> {
      throw new IllegalStateException("bug in handler");
    });
    connected(MqttVersion.MQTT_3_1_1).send(Packets.publish(TELEMETRY, MqttQoS.AT_LEAST_ONCE, 1, "batch"));

    assertThat(mqtt.receive()).isNull();
    assertThat(mqtt.isOpen()).isFalse();
    assertThat(context.counters().snapshot().handlerFailures()).isEqualTo(1);
  }

  @Test
  void pubAcksFollowPublishOrderWhenHandOversCompleteOutOfOrder() {
    connected(MqttVersion.MQTT_3_1_1);
    for (int id = 1; id <= 3; id++) {
      mqtt.send(Packets.publish(TELEMETRY, MqttQoS.AT_LEAST_ONCE, id, "batch-" + id));
    }

    uplink.call(2).durable().complete(null);
    uplink.call(1).durable().complete(null);
    assertThat(mqtt.receive()).as("2 and 3 wait for 1 (MQTT 3.1.1 §4.6)").isNull();

    uplink.call(0).durable().complete(null);
    assertThat(mqtt.receiveAll()).extracting(PublishTest::pubAck)
        .containsExactly(new Ack(1, 0), new Ack(2, 0), new Ack(3, 0));
  }

  @Test
  void v5PublishToAnotherAgentsTopicIsRefusedWithNotAuthorizedInOrder() {
    connected(MqttVersion.MQTT_5);
    mqtt.send(Packets.publish(TELEMETRY, MqttQoS.AT_LEAST_ONCE, 1, "mine"));
    mqtt.send(Packets.publish("eoc/v1/agents/gw-2/telemetry", MqttQoS.AT_LEAST_ONCE, 2, "theirs"));

    assertThat(mqtt.receive()).as("the refusal waits for the earlier PUBACK").isNull();
    uplink.call(0).durable().complete(null);

    assertThat(mqtt.receiveAll()).extracting(PublishTest::pubAck)
        .containsExactly(new Ack(1, 0), new Ack(2, MqttReasonCodes.PubAck.NOT_AUTHORIZED.byteValue() & 0xFF));
    assertThat(uplink.calls()).hasSize(1);
    assertThat(mqtt.isOpen()).isTrue();
    assertThat(context.counters().snapshot().aclDenials()).isEqualTo(1);
  }

  @Test
  void v3PublishToAnotherAgentsTopicClosesTheConnection() {
    connected(MqttVersion.MQTT_3_1_1).send(
        Packets.publish("eoc/v1/agents/gw-2/telemetry", MqttQoS.AT_LEAST_ONCE, 1, "theirs"));

    assertThat(mqtt.receive()).isNull();
    assertThat(mqtt.isOpen()).isFalse();
    assertThat(uplink.calls()).isEmpty();
    assertThat(context.counters().snapshot().aclDenials()).isEqualTo(1);
  }

  @Test
  void qos0IsHandedOverWithoutAcknowledgement() {
    connected(MqttVersion.MQTT_3_1_1).send(Packets.publish(TELEMETRY, MqttQoS.AT_MOST_ONCE, 0, "sample"));
    uplink.call(0).durable().complete(null);

    assertThat(mqtt.receive()).isNull();
    assertThat(context.counters().snapshot().agent("gw-1"))
        .isEqualTo(new TransportStats.AgentTraffic(1, "sample".length()));
  }

  @Test
  void v5Qos2IsAnsweredWithDisconnectQosNotSupported() {
    connected(MqttVersion.MQTT_5).send(Packets.publish(TELEMETRY, MqttQoS.EXACTLY_ONCE, 1, "batch"));

    MqttMessage disconnect = mqtt.receive();
    assertThat(disconnect.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
    assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
        .isEqualTo(MqttReasonCodes.Disconnect.QOS_NOT_SUPPORTED.byteValue());
    assertThat(mqtt.isOpen()).isFalse();
    assertThat(uplink.calls()).isEmpty();
    assertThat(context.counters().snapshot().malformed(MalformedKind.QOS_NOT_SUPPORTED)).isEqualTo(1);
  }

  @Test
  void v3Qos2ClosesTheConnection() {
    connected(MqttVersion.MQTT_3_1_1).send(Packets.publish(TELEMETRY, MqttQoS.EXACTLY_ONCE, 1, "batch"));

    assertThat(mqtt.receive()).isNull();
    assertThat(mqtt.isOpen()).isFalse();
  }

  @Test
  void readingPausesAtMaxInFlightAndResumesWhenAcknowledgementsDrain() {
    context = TestContexts.context(MqttTransportConfig.builder().maxInFlight(3).build(), uplink,
        Authenticator.allowAll());
    connected(MqttVersion.MQTT_5);
    for (int id = 1; id <= 2; id++) {
      mqtt.send(Packets.publish(TELEMETRY, MqttQoS.AT_LEAST_ONCE, id, "batch"));
    }
    assertThat(mqtt.server.config().isAutoRead()).isTrue();

    mqtt.send(Packets.publish(TELEMETRY, MqttQoS.AT_LEAST_ONCE, 3, "batch"));
    assertThat(mqtt.server.config().isAutoRead()).as("3 unacknowledged = the maximum").isFalse();

    uplink.call(0).durable().complete(null);
    assertThat(mqtt.server.config().isAutoRead()).isTrue();
  }

  @Test
  void silenceWhileReadingIsPausedIsNotAKeepAliveTimeout() {
    context = TestContexts.context(MqttTransportConfig.builder().maxInFlight(1).build(), uplink,
        Authenticator.allowAll());
    mqtt = new EmbeddedMqtt(context);
    mqtt.server.freezeTime();
    mqtt.connect(MqttVersion.MQTT_5, "gw-1");
    mqtt.send(Packets.publish(TELEMETRY, MqttQoS.AT_LEAST_ONCE, 1, "batch"));

    mqtt.server.advanceTimeBy(10, java.util.concurrent.TimeUnit.MINUTES);
    mqtt.server.runScheduledPendingTasks();

    assertThat(mqtt.isOpen()).isTrue();
  }

  @Test
  void bytesAndMessagesAreCountedPerAgent() {
    connected(MqttVersion.MQTT_5);
    mqtt.send(Packets.publish(TELEMETRY, MqttQoS.AT_LEAST_ONCE, 1, new byte[100]));
    mqtt.send(Packets.publish(TELEMETRY + "/more", MqttQoS.AT_LEAST_ONCE, 2, new byte[50]));

    TransportStats stats = context.counters().snapshot();
    assertThat(stats.agents()).containsOnlyKeys("gw-1");
    assertThat(stats.agent("gw-1")).isEqualTo(new TransportStats.AgentTraffic(2, 150));
    assertThat(stats.messagesReceived()).isEqualTo(2);
  }

  /** A PUBACK as seen by the client: packet id and reason code (0 when absent). */
  record Ack(int packetId, int reasonCode) {}

  static Ack pubAck(MqttMessage message) {
    assertThat(message.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBACK);
    MqttPubReplyMessageVariableHeader header = (MqttPubReplyMessageVariableHeader) message.variableHeader();
    return new Ack(header.messageId(), header.reasonCode() & 0xFF);
  }

  static List<Ack> pubAcks(List<MqttMessage> messages) {
    return messages.stream().map(PublishTest::pubAck).toList();
  }
}
