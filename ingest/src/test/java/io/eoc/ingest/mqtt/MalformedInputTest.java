package io.eoc.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed input is data: counted by kind, it drops its own connection and nothing else. */
class MalformedInputTest {

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

  static Stream<Arguments> malformedPackets() {
    return Stream.of(
        Arguments.of("reserved packet type 0", new int[] {0x00, 0x00}),
        Arguments.of("PUBLISH with QoS 3", new int[] {0x36, 0x00}),
        Arguments.of("remaining length of five bytes", new int[] {0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F}),
        Arguments.of("SUBSCRIBE with reserved flags 0000", new int[] {0x80, 0x02, 0x00, 0x01}),
        Arguments.of("PUBLISH topic with a wildcard", new int[] {0x30, 0x05, 0x00, 0x03, 'a', '/', '#'}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedPackets")
  void malformedPacketAfterConnectClosesTheConnectionAndIsCounted(String what, int[] bytes) {
    EmbeddedMqtt mqtt = newConnection();
    mqtt.connect(MqttVersion.MQTT_3_1_1, "gw-1");

    mqtt.sendRaw(bytes);

    assertThat(mqtt.isOpen()).isFalse();
    assertThat(context.counters().snapshot().malformed(MalformedKind.DECODE_FAILURE)).isEqualTo(1);
    assertThat(uplink.calls()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedPackets")
  void malformedFirstPacketClosesTheConnectionAndIsCounted(String what, int[] bytes) {
    EmbeddedMqtt mqtt = newConnection();

    mqtt.sendRaw(bytes);

    assertThat(mqtt.receive()).isNull();
    assertThat(mqtt.isOpen()).isFalse();
    assertThat(context.counters().snapshot().malformedTotal()).isEqualTo(1);
  }

  @Test
  void v5ClientIsToldItsPacketWasMalformed() {
    EmbeddedMqtt mqtt = newConnection();
    mqtt.connect(MqttVersion.MQTT_5, "gw-1");

    mqtt.sendRaw(0x36, 0x00);

    assertThat(ConnectTest.disconnectReason(mqtt.receive()))
        .isEqualTo(MqttReasonCodes.Disconnect.MALFORMED_PACKET.byteValue());
  }

  @Test
  void tooLargePublishClosesTheConnectionAndIsCountedAsTooLarge() {
    context = TestContexts.context(MqttTransportConfig.builder().maxMessageBytes(64).build(), uplink,
        Authenticator.allowAll());
    EmbeddedMqtt mqtt = newConnection();
    mqtt.connect(MqttVersion.MQTT_5, "gw-1");

    mqtt.send(Packets.publish("eoc/v1/agents/gw-1/telemetry", MqttQoS.AT_LEAST_ONCE, 1, new byte[100]));

    assertThat(ConnectTest.disconnectReason(mqtt.receive()))
        .isEqualTo(MqttReasonCodes.Disconnect.PACKET_TOO_LARGE.byteValue());
    assertThat(mqtt.isOpen()).isFalse();
    assertThat(context.counters().snapshot().malformed(MalformedKind.TOO_LARGE)).isEqualTo(1);
    assertThat(uplink.calls()).isEmpty();
  }

  @Test
  void oversizedPacketIsRefusedFromItsFixedHeaderBeforeAnyOfItIsBuffered() {
    EmbeddedMqtt mqtt = newConnection();
    mqtt.connect(MqttVersion.MQTT_5, "gw-1");

    // PUBLISH QoS 1 announcing 200 MiB; not one byte of it follows
    mqtt.sendRaw(0x32, 0x80, 0x80, 0x80, 0x64);

    assertThat(ConnectTest.disconnectReason(mqtt.receive()))
        .isEqualTo(MqttReasonCodes.Disconnect.PACKET_TOO_LARGE.byteValue());
    assertThat(mqtt.isOpen()).isFalse();
    assertThat(context.counters().snapshot().malformed(MalformedKind.TOO_LARGE)).isEqualTo(1);
  }

  @Test
  void packetsSplitAcrossReadsAndPackedIntoOneReadAreBothDecoded() {
    EmbeddedMqtt mqtt = newConnection();
    mqtt.connect(MqttVersion.MQTT_3_1_1, "gw-1");
    // PUBLISH QoS 0 to "eoc/v1/agents/gw-1/t" with payload "x", twice, cut at awkward places
    int[] topic = "eoc/v1/agents/gw-1/t".chars().toArray();
    int[] packet = new int[2 + 2 + topic.length + 1];
    packet[0] = 0x30;
    packet[1] = 2 + topic.length + 1;
    packet[3] = topic.length;
    System.arraycopy(topic, 0, packet, 4, topic.length);
    packet[packet.length - 1] = 'x';

    mqtt.sendRaw(packet[0]);
    mqtt.sendRaw(Arrays.copyOfRange(packet, 1, 10));
    int[] restAndNext = IntStream.concat(
        Arrays.stream(packet, 10, packet.length), Arrays.stream(packet)).toArray();
    mqtt.sendRaw(restAndNext);

    assertThat(uplink.messages()).hasSize(2).allSatisfy(m -> assertThat(m.payload()).containsExactly('x'));
    assertThat(mqtt.isOpen()).isTrue();
  }

  @Test
  void garbageAfterAMalformedPacketIsDiscardedAndCountedOnce() {
    EmbeddedMqtt mqtt = newConnection();
    mqtt.connect(MqttVersion.MQTT_3_1_1, "gw-1");

    mqtt.sendRaw(0x36, 0x00, 0x00, 0x00, 0x36, 0x00, 0xFF, 0xFF);

    assertThat(context.counters().snapshot().malformedTotal()).isEqualTo(1);
  }

  @Test
  void malformedInputOnOneConnectionLeavesOthersServing() {
    EmbeddedMqtt healthy = newConnection();
    healthy.connect(MqttVersion.MQTT_5, "gw-1");
    EmbeddedMqtt broken = newConnection();
    broken.connect(MqttVersion.MQTT_5, "gw-2");

    broken.sendRaw(0x00, 0x00);
    healthy.send(Packets.publish("eoc/v1/agents/gw-1/telemetry", MqttQoS.AT_LEAST_ONCE, 1, "batch"));
    uplink.call(0).durable().complete(null);

    assertThat(broken.isOpen()).isFalse();
    assertThat(PublishTest.pubAck(healthy.receive())).isEqualTo(new PublishTest.Ack(1, 0));
  }
}
