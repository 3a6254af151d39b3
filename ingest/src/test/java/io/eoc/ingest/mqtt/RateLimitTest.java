package io.eoc.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-agent rate limit on a connection, with a clock the test moves. */
class RateLimitTest {

  private static final String TELEMETRY = "eoc/v1/agents/gw-1/telemetry";
  private static final int QUOTA_EXCEEDED = MqttReasonCodes.PubAck.QUOTA_EXCEEDED.byteValue() & 0xFF;
  /** 2 messages/s, 1,000 bytes/s, 1 s burst: an idle agent may send 2 messages or 1,000 bytes at once. */
  private static final AgentRateLimit SMALL =
      new AgentRateLimit(2, 1_000, Duration.ofSeconds(1), Duration.ofSeconds(10));

  private final ManualClock clock = new ManualClock(TestContexts.NOW);
  private final RecordingUplink uplink = RecordingUplink.manual();
  private final RecordingAuditLog audit = new RecordingAuditLog();
  private final TransportContext context = TestContexts.context(
      MqttTransportConfig.builder().maxMessageBytes(1_000).rateLimit(SMALL).build(), uplink,
      Authenticator.allowAll(), audit, clock);
  private final List<EmbeddedMqtt> connections = new ArrayList<>();
  private int packetId;

  @AfterEach
  void closeChannels() {
    connections.forEach(EmbeddedMqtt::close);
  }

  private EmbeddedMqtt connected(MqttVersion version) {
    EmbeddedMqtt mqtt = new EmbeddedMqtt(context);
    connections.add(mqtt);
    mqtt.connect(version, "gw-1");
    return mqtt;
  }

  /** Publishes with QoS 1; the hand-overs made so far are completed, so PUBACKs flow. */
  private void publish(EmbeddedMqtt mqtt, int payloadBytes) {
    mqtt.send(Packets.publish(TELEMETRY, MqttQoS.AT_LEAST_ONCE, ++packetId, new byte[payloadBytes]));
    uplink.calls().forEach(call -> call.durable().complete(null));
  }

  private List<Integer> reasonCodes(EmbeddedMqtt mqtt) {
    return PublishTest.pubAcks(mqtt.receiveAll()).stream().map(PublishTest.Ack::reasonCode).toList();
  }

  @Test
  void v5PublishOverTheMessageRateIsRefusedWithQuotaExceededAndNotHandedOver() {
    EmbeddedMqtt mqtt = connected(MqttVersion.MQTT_5);

    for (int i = 0; i < 4; i++) {
      publish(mqtt, 10);
    }

    assertThat(reasonCodes(mqtt)).containsExactly(0, 0, QUOTA_EXCEEDED, QUOTA_EXCEEDED);
    assertThat(uplink.calls()).hasSize(2);
    assertThat(mqtt.isOpen()).as("refusing is not disconnecting").isTrue();
    TransportStats stats = context.counters().snapshot();
    assertThat(stats.rateLimited("gw-1")).isEqualTo(2);
    assertThat(stats.agent("gw-1")).as("refused messages are not received")
        .isEqualTo(new TransportStats.AgentTraffic(2, 20));
    assertThat(stats.acksSent()).isEqualTo(2);
  }

  @Test
  void v5PublishOverTheByteRateIsRefusedWithQuotaExceeded() {
    EmbeddedMqtt mqtt = connected(MqttVersion.MQTT_5);

    publish(mqtt, 600);
    publish(mqtt, 600);

    assertThat(reasonCodes(mqtt)).containsExactly(0, QUOTA_EXCEEDED);
    assertThat(uplink.calls()).hasSize(1);
  }

  @Test
  void publishingWithinTheRateIsAllAccepted() {
    EmbeddedMqtt mqtt = connected(MqttVersion.MQTT_5);

    // The whole burst at once, then exactly the sustained rate of both buckets for 5 s.
    publish(mqtt, 500);
    publish(mqtt, 500);
    for (int step = 0; step < 10; step++) {
      clock.advance(Duration.ofMillis(500));
      publish(mqtt, 500);
    }

    assertThat(reasonCodes(mqtt)).hasSize(12).containsOnly(0);
    assertThat(uplink.calls()).hasSize(12);
    assertThat(context.counters().snapshot().rateLimitedTotal()).isZero();
  }

  @Test
  void theBucketSurvivesAReconnect() {
    EmbeddedMqtt first = connected(MqttVersion.MQTT_5);
    publish(first, 10);
    publish(first, 10);
    first.send(MqttMessage.DISCONNECT);

    EmbeddedMqtt second = connected(MqttVersion.MQTT_5);
    publish(second, 10);
    clock.advance(Duration.ofMillis(500));
    publish(second, 10);

    assertThat(reasonCodes(second)).as("empty after the reconnect; one token back after 0.5 s")
        .containsExactly(QUOTA_EXCEEDED, 0);
    assertThat(context.counters().snapshot().rateLimited("gw-1")).isEqualTo(1);
  }

  @Test
  void anAgentsLimitDoesNotSlowAnotherAgent() {
    EmbeddedMqtt mqtt = connected(MqttVersion.MQTT_5);
    publish(mqtt, 10);
    publish(mqtt, 10);
    EmbeddedMqtt other = new EmbeddedMqtt(context);
    connections.add(other);
    other.connect(MqttVersion.MQTT_5, "gw-2");

    other.send(Packets.publish("eoc/v1/agents/gw-2/telemetry", MqttQoS.AT_LEAST_ONCE, 1, "batch"));

    assertThat(uplink.calls()).hasSize(3);
  }

  @Test
  void v3PublishOverTheRateClosesTheConnectionWithoutPubAck() {
    EmbeddedMqtt mqtt = connected(MqttVersion.MQTT_3_1_1);

    publish(mqtt, 10);
    publish(mqtt, 10);
    publish(mqtt, 10);

    assertThat(reasonCodes(mqtt)).as("MQTT 3.1.1 has no negative PUBACK").containsExactly(0, 0);
    assertThat(mqtt.isOpen()).isFalse();
    assertThat(uplink.calls()).hasSize(2);
    assertThat(context.counters().snapshot().rateLimited("gw-1")).isEqualTo(1);
  }

  @Test
  void qos0OverTheRateIsDroppedAndCounted() {
    EmbeddedMqtt mqtt = connected(MqttVersion.MQTT_5);

    for (int i = 0; i < 3; i++) {
      mqtt.send(Packets.publish(TELEMETRY, MqttQoS.AT_MOST_ONCE, 0, "sample"));
    }

    assertThat(uplink.calls()).hasSize(2);
    assertThat(mqtt.receive()).isNull();
    assertThat(context.counters().snapshot().rateLimited("gw-1")).isEqualTo(1);
  }

  @Test
  void anAgentThatStaysOverTheRateIsDisconnectedWithMessageRateTooHighAndAudited() throws Exception {
    EmbeddedMqtt mqtt = connected(MqttVersion.MQTT_5);

    // Two messages every half second, twice what 2/s allows: one refused every half second.
    for (int step = 0; step < 30 && mqtt.isOpen(); step++) {
      for (int i = 0; i < 2; i++) {
        publish(mqtt, 10);
      }
      clock.advance(Duration.ofMillis(500));
    }

    List<MqttMessage> sent = mqtt.receiveAll();
    MqttMessage last = sent.get(sent.size() - 1);
    assertThat(last.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
    assertThat(((MqttReasonCodeAndPropertiesVariableHeader) last.variableHeader()).reasonCode())
        .isEqualTo(MqttReasonCodes.Disconnect.MESSAGE_RATE_TOO_HIGH.byteValue());
    assertThat(mqtt.isOpen()).isFalse();
    assertThat(clock.instant()).as("not before 10 s of refusals").isAfter(TestContexts.NOW.plusSeconds(10));
    assertThat(context.counters().snapshot().rateLimitDisconnects()).isEqualTo(1);
    AuditEvent event = audit.await(AuditEvent.RATE_LIMITED);
    assertThat(event.agentId()).isEqualTo("gw-1");
    assertThat(event.reason()).contains("2 messages/s", "PT10S");
  }

  @Test
  void refusalsWithQuietSecondsBetweenThemAreNotContinuous() {
    EmbeddedMqtt mqtt = connected(MqttVersion.MQTT_5);

    // Three messages every 2 s: one refused each time, for 20 s, but never two seconds in a row.
    for (int step = 0; step < 10; step++) {
      for (int i = 0; i < 3; i++) {
        publish(mqtt, 10);
      }
      clock.advance(Duration.ofSeconds(2));
    }

    assertThat(mqtt.isOpen()).isTrue();
    assertThat(context.counters().snapshot().rateLimited("gw-1")).isEqualTo(10);
    assertThat(context.counters().snapshot().rateLimitDisconnects()).isZero();
  }
}
