package io.eoc.ingest.mqtt;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;

/** Client packets for EmbeddedChannel tests, built with netty's own builders. */
final class Packets {

  private Packets() {}

  static MqttConnectMessage connect(MqttVersion version, String clientId, int keepAliveSeconds) {
    return MqttMessageBuilders.connect().protocolVersion(version).clientId(clientId)
        .cleanSession(true).keepAlive(keepAliveSeconds).build();
  }

  static MqttConnectMessage connect(MqttVersion version, String username, String password) {
    return MqttMessageBuilders.connect().protocolVersion(version).clientId("gw-" + username)
        .cleanSession(true).keepAlive(60).hasUser(true).username(username)
        .hasPassword(true).password(password.getBytes(StandardCharsets.UTF_8)).build();
  }

  static MqttPublishMessage publish(String topic, MqttQoS qos, int packetId, String payload) {
    return MqttMessageBuilders.publish().topicName(topic).qos(qos).retained(false).messageId(packetId)
        .payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)).build();
  }

  static MqttPublishMessage publish(String topic, MqttQoS qos, int packetId, byte[] payload) {
    return MqttMessageBuilders.publish().topicName(topic).qos(qos).retained(false).messageId(packetId)
        .payload(Unpooled.wrappedBuffer(payload)).build();
  }

  static MqttMessage pubAck(int packetId) {
    return pubAck(packetId, 0);
  }

  /** An MQTT 5 PUBACK with {@code reasonCode} (0x80 and above: the client refuses the message). */
  static MqttMessage pubAck(int packetId, int reasonCode) {
    return new MqttMessage(
        new MqttFixedHeader(MqttMessageType.PUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
        new MqttPubReplyMessageVariableHeader(packetId, (byte) reasonCode, MqttProperties.NO_PROPERTIES));
  }

  static MqttMessage subscribe(int packetId, String... filters) {
    MqttMessageBuilders.SubscribeBuilder builder = MqttMessageBuilders.subscribe().messageId(packetId);
    for (String filter : filters) {
      builder.addSubscription(MqttQoS.AT_LEAST_ONCE, filter);
    }
    return builder.build();
  }
}
