package io.eoc.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectTest {

  private final RecordingUplink uplink = RecordingUplink.manual();
  private final List<EmbeddedMqtt> connections = new ArrayList<>();
  private TransportContext context = TestContexts.context(uplink);

  @AfterEach
  void closeChannels() {
    connections.forEach(EmbeddedMqtt::close);
  }

  private EmbeddedMqtt newConnection() {
    EmbeddedMqtt mqtt = new EmbeddedMqtt(context);
    connections.add(mqtt);
    return mqtt;
  }

  private MqttConnAckMessage connectAndReceive(EmbeddedMqtt mqtt, MqttMessage connect) {
    mqtt.send(connect);
    return (MqttConnAckMessage) mqtt.receive();
  }

  @Test
  void v5ConnAckAnnouncesTheServersLimits() {
    MqttConnAckMessage connAck = newConnection().connect(MqttVersion.MQTT_5, "gw-1");

    MqttProperties properties = connAck.variableHeader().properties();
    assertThat(properties.getProperty(0x21).value()).as("Receive Maximum").isEqualTo(1000);
    assertThat(properties.getProperty(0x24).value()).as("Maximum QoS").isEqualTo(1);
    assertThat(properties.getProperty(0x27).value()).as("Maximum Packet Size").isEqualTo(1024 * 1024);
    assertThat(properties.getProperty(0x13)).as("Server Keep Alive: 60 s is within limits").isNull();
    assertThat(connAck.variableHeader().isSessionPresent()).isFalse();
    assertThat(context.counters().snapshot().connectionsAccepted()).isEqualTo(1);
    assertThat(context.sessions().find("gw-1")).isPresent();
  }

  @Test
  void v3ConnectIsAccepted() {
    MqttConnAckMessage connAck = newConnection().connect(MqttVersion.MQTT_3_1_1, "gw-1");

    assertThat(connAck.variableHeader().connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
    assertThat(context.counters().snapshot().currentConnections()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({"MQTT_3_1_1, 4", "MQTT_5, 134"})
  void wrongTokenIsRefusedWithBadUserNameOrPassword(MqttVersion version, int expectedCode) {
    context = TestContexts.context(MqttTransportConfig.defaults(), uplink, Authenticator.tokens(Map.of("gw-1", "s3cret")));
    EmbeddedMqtt mqtt = newConnection();

    MqttConnAckMessage connAck = connectAndReceive(mqtt, Packets.connect(version, "gw-1", "wrong"));

    assertThat(connAck.variableHeader().connectReturnCode().byteValue() & 0xFF).isEqualTo(expectedCode);
    assertThat(mqtt.isOpen()).isFalse();
    assertThat(context.counters().snapshot().connectionsRefused()).isEqualTo(1);
    assertThat(context.sessions().find("gw-1")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"MQTT_3_1_1, NOT_AUTHORIZED, 5", "MQTT_5, NOT_AUTHORIZED, 135",
      "MQTT_3_1_1, SERVER_UNAVAILABLE, 3", "MQTT_5, SERVER_UNAVAILABLE, 136",
      "MQTT_3_1_1, CLIENT_ID_REJECTED, 2", "MQTT_5, CLIENT_ID_REJECTED, 133"})
  void refusalReasonsMapToTheCodesOfEachVersion(MqttVersion version, AuthResult.Refusal reason, int expectedCode) {
    context = TestContexts.context(MqttTransportConfig.defaults(), uplink, (c, u, p) -> AuthResult.refused(reason));

    MqttConnAckMessage connAck = connectAndReceive(newConnection(), Packets.connect(version, "gw-1", 60));

    assertThat(connAck.variableHeader().connectReturnCode().byteValue() & 0xFF).isEqualTo(expectedCode);
  }

  @Test
  void authenticatorThatThrowsRefusesWithServerUnavailable() {
    context = TestContexts.context(MqttTransportConfig.defaults(), uplink, (c, u, p) -> {
      throw new IllegalStateException("credential store down");
    });

    MqttConnAckMessage connAck = connectAndReceive(newConnection(), Packets.connect(MqttVersion.MQTT_5, "gw-1", 60));

    assertThat(connAck.variableHeader().connectReturnCode())
        .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5);
  }

  @Test
  void agentIdIsWhatTheAuthenticatorSaysNotTheClientId() {
    context = TestContexts.context(MqttTransportConfig.defaults(), uplink, Authenticator.tokens(Map.of("gw-7", "t0k")));
    EmbeddedMqtt mqtt = newConnection();
    connectAndReceive(mqtt, Packets.connect(MqttVersion.MQTT_5, "gw-7", "t0k"));

    mqtt.send(Packets.publish("eoc/v1/agents/gw-7/telemetry", MqttQoS.AT_LEAST_ONCE, 1, "batch"));

    assertThat(uplink.messages()).extracting(UplinkMessage::agentId).containsExactly("gw-7");
  }

  @Test
  void unknownProtocolLevelIsRefusedWithUnacceptableProtocolVersion() {
    EmbeddedMqtt mqtt = newConnection();
    // CONNECT, protocol name "MQTT", level 6 (does not exist), clean session, keep-alive 60, client id "a"
    mqtt.sendRaw(0x10, 13, 0, 4, 'M', 'Q', 'T', 'T', 6, 0x02, 0, 60, 0, 1, 'a');

    MqttConnAckMessage connAck = (MqttConnAckMessage) mqtt.receive();
    assertThat(connAck.variableHeader().connectReturnCode())
        .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
    assertThat(mqtt.isOpen()).isFalse();
    assertThat(context.counters().snapshot().malformed(MalformedKind.UNSUPPORTED_PROTOCOL_VERSION)).isEqualTo(1);
  }

  @Test
  void mqtt31IsRefusedWithUnacceptableProtocolVersion() {
    EmbeddedMqtt mqtt = newConnection();

    MqttConnAckMessage connAck = connectAndReceive(mqtt, Packets.connect(MqttVersion.MQTT_3_1, "gw-1", 60));

    assertThat(connAck.variableHeader().connectReturnCode())
        .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
    assertThat(mqtt.isOpen()).isFalse();
  }

  @Test
  void anyPacketBeforeConnectClosesTheConnection() {
    EmbeddedMqtt mqtt = newConnection();

    mqtt.send(MqttMessage.PINGREQ);

    assertThat(mqtt.receive()).isNull();
    assertThat(mqtt.isOpen()).isFalse();
    assertThat(context.counters().snapshot().malformed(MalformedKind.UNEXPECTED_PACKET)).isEqualTo(1);
  }

  @Test
  void secondConnectOnTheSameConnectionIsAProtocolError() {
    EmbeddedMqtt mqtt = newConnection();
    mqtt.connect(MqttVersion.MQTT_5, "gw-1");

    mqtt.send(Packets.connect(MqttVersion.MQTT_5, "gw-1", 60));

    assertThat(disconnectReason(mqtt.receive())).isEqualTo(MqttReasonCodes.Disconnect.PROTOCOL_ERROR.byteValue());
    assertThat(mqtt.isOpen()).isFalse();
  }

  @Test
  void secondConnectionOfTheSameAgentTakesOverTheFirst() {
    EmbeddedMqtt first = newConnection();
    first.connect(MqttVersion.MQTT_5, "gw-1");
    EmbeddedMqtt second = newConnection();

    second.connect(MqttVersion.MQTT_5, "gw-1");

    assertThat(disconnectReason(first.receive())).isEqualTo(MqttReasonCodes.Disconnect.SESSION_TAKEN_OVER.byteValue());
    assertThat(first.isOpen()).isFalse();
    assertThat(second.isOpen()).isTrue();
    assertThat(context.sessions().find("gw-1")).get().extracting(AgentSession::channel).isSameAs(second.server);
    assertThat(context.counters().snapshot().takeovers()).isEqualTo(1);
  }

  @Test
  void silentConnectionIsClosedAfterOneAndAHalfKeepAlives() {
    context = TestContexts.context(
        MqttTransportConfig.builder().keepAlive(Duration.ofSeconds(1), Duration.ofMinutes(5)).build(),
        uplink, Authenticator.allowAll());
    EmbeddedMqtt mqtt = newConnection();
    mqtt.server.freezeTime();
    connectAndReceive(mqtt, Packets.connect(MqttVersion.MQTT_5, "gw-1", 10));

    advance(mqtt, 14_900);
    assertThat(mqtt.isOpen()).isTrue();
    advance(mqtt, 200);

    assertThat(disconnectReason(mqtt.receive())).isEqualTo(MqttReasonCodes.Disconnect.KEEP_ALIVE_TIMEOUT.byteValue());
    assertThat(mqtt.isOpen()).isFalse();
    assertThat(context.counters().snapshot().keepAliveTimeouts()).isEqualTo(1);
  }

  @Test
  void pingKeepsTheConnectionAliveAndIsAnsweredWithPingResp() {
    EmbeddedMqtt mqtt = newConnection();
    mqtt.server.freezeTime();
    connectAndReceive(mqtt, Packets.connect(MqttVersion.MQTT_3_1_1, "gw-1", 10));

    advance(mqtt, 10_000);
    mqtt.send(MqttMessage.PINGREQ);
    advance(mqtt, 10_000);

    assertThat(mqtt.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.PINGRESP);
    assertThat(mqtt.isOpen()).isTrue();
  }

  @Test
  void keepAliveOfZeroBecomesTheMaximumAndIsAnnouncedToV5Clients() {
    MqttConnAckMessage connAck = connectAndReceive(newConnection(), Packets.connect(MqttVersion.MQTT_5, "gw-1", 0));

    assertThat(connAck.variableHeader().properties().getProperty(0x13).value()).isEqualTo(300);
  }

  @Test
  void connectionThatNeverSendsConnectIsClosedAfterTheConnectTimeout() {
    EmbeddedMqtt mqtt = newConnection();
    mqtt.server.freezeTime();

    advance(mqtt, 10_100);

    assertThat(mqtt.isOpen()).isFalse();
    assertThat(context.counters().snapshot().keepAliveTimeouts()).isEqualTo(1);
  }

  @Test
  void disconnectClosesTheConnectionAndFreesTheAgent() {
    EmbeddedMqtt mqtt = newConnection();
    mqtt.connect(MqttVersion.MQTT_3_1_1, "gw-1");

    mqtt.send(MqttMessage.DISCONNECT);

    assertThat(mqtt.isOpen()).isFalse();
    assertThat(context.sessions().find("gw-1")).isEmpty();
    assertThat(context.counters().snapshot().currentConnections()).isZero();
  }

  private static void advance(EmbeddedMqtt mqtt, long millis) {
    mqtt.server.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    mqtt.server.runScheduledPendingTasks();
  }

  static byte disconnectReason(MqttMessage message) {
    assertThat(message.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
    return ((MqttReasonCodeAndPropertiesVariableHeader) message.variableHeader()).reasonCode();
  }
}
