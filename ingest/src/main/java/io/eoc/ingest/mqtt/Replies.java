package io.eoc.ingest.mqtt;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The packets the server sends. MqttEncoder picks the wire format (3.1.1 or 5) from the version the
 * decoder stored on the channel at CONNECT, so v5-only fields here are dropped for 3.1.1 — except
 * where noted.
 */
final class Replies {

  private static final Map<AuthResult.Refusal, MqttConnectReturnCode> V3_REFUSALS =
      new EnumMap<>(AuthResult.Refusal.class);
  private static final Map<AuthResult.Refusal, MqttConnectReturnCode> V5_REFUSALS =
      new EnumMap<>(AuthResult.Refusal.class);

  static {
    // MQTT 3.1.1 §3.2.2.3, Table 3.1
    V3_REFUSALS.put(AuthResult.Refusal.CLIENT_ID_REJECTED, MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
    V3_REFUSALS.put(AuthResult.Refusal.SERVER_UNAVAILABLE, MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
    V3_REFUSALS.put(AuthResult.Refusal.BAD_USER_NAME_OR_PASSWORD,
        MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
    V3_REFUSALS.put(AuthResult.Refusal.NOT_AUTHORIZED, MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
    // MQTT 5 §3.2.2.2, Table 3-1
    V5_REFUSALS.put(AuthResult.Refusal.CLIENT_ID_REJECTED,
        MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID);
    V5_REFUSALS.put(AuthResult.Refusal.SERVER_UNAVAILABLE, MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5);
    V5_REFUSALS.put(AuthResult.Refusal.BAD_USER_NAME_OR_PASSWORD,
        MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD);
    V5_REFUSALS.put(AuthResult.Refusal.NOT_AUTHORIZED, MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5);
  }

  private Replies() {}

  static MqttConnectReturnCode refusalCode(MqttVersion version, AuthResult.Refusal reason) {
    return (version == MqttVersion.MQTT_5 ? V5_REFUSALS : V3_REFUSALS).get(reason);
  }

  static MqttConnAckMessage connAck(MqttConnectReturnCode code, MqttProperties properties) {
    // Session Present is always 0: no session state survives a connection (MQTT 3.1.1 §3.2.2.2).
    return MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).properties(properties).build();
  }

  /** The reason code is written only for MQTT 5 and only when not 0x00 (MQTT 5 §3.4.2.1). */
  static MqttMessage pubAck(int packetId, byte reasonCode) {
    return new MqttMessage(
        new MqttFixedHeader(MqttMessageType.PUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
        new MqttPubReplyMessageVariableHeader(packetId, reasonCode, MqttProperties.NO_PROPERTIES));
  }

  /** One code per requested filter: a granted QoS, or 0x80 (3.1.1) / a v5 reason code. */
  static MqttSubAckMessage subAck(int packetId, List<Integer> codes) {
    return new MqttSubAckMessage(
        new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
        MqttMessageIdVariableHeader.from(packetId),
        new MqttSubAckPayload(codes));
  }

  /**
   * MQTT 3.1.1 UNSUBACK has no payload (§3.11.3) but MqttEncoder writes whatever reason codes the
   * message holds regardless of version, so they are added for MQTT 5 only.
   */
  static MqttUnsubAckMessage unsubAck(MqttVersion version, int packetId, int topicCount) {
    MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.UNSUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0);
    if (version != MqttVersion.MQTT_5) {
      return new MqttUnsubAckMessage(header, MqttMessageIdVariableHeader.from(packetId));
    }
    short[] codes = new short[topicCount];
    Arrays.fill(codes, (short) MqttReasonCodes.UnsubAck.SUCCESS.byteValue());
    return new MqttUnsubAckMessage(header, MqttMessageIdVariableHeader.from(packetId), new MqttUnsubAckPayload(codes));
  }

  /** MQTT 5 only: a server DISCONNECT does not exist in 3.1.1. */
  static MqttMessage disconnect(MqttReasonCodes.Disconnect reason) {
    return MqttMessageBuilders.disconnect().reasonCode(reason.byteValue()).build();
  }

  /** A QoS 1 downlink PUBLISH; {@code properties} must be empty for MQTT 3.1.1. */
  static MqttPublishMessage publish(String topic, byte[] payload, int packetId, MqttProperties properties) {
    return MqttMessageBuilders.publish()
        .topicName(topic)
        .qos(MqttQoS.AT_LEAST_ONCE)
        .retained(false)
        .messageId(packetId)
        .properties(properties)
        .payload(Unpooled.wrappedBuffer(payload))
        .build();
  }
}
