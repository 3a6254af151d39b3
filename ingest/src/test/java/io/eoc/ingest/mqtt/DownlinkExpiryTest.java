package io.eoc.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Downlink with MQTT 5 message expiry: delivered, queued, put back, expired, refused. */
class DownlinkExpiryTest {

  private static final String COMMANDS = "eoc/v1/agents/gw-1/commands";
  private static final String REBOOT = COMMANDS + "/reboot";

  private final ManualClock clock = new ManualClock(TestContexts.NOW);
  private final TransportContext context = TestContexts.context(
      MqttTransportConfig.builder().downlinkQueueCapacity(2).build(), RecordingUplink.manual(),
      Authenticator.allowAll(), event -> { }, clock);
  private final List<EmbeddedMqtt> connections = new ArrayList<>();

  @AfterEach
  void closeChannels() {
    connections.forEach(EmbeddedMqtt::close);
  }

  /** A connection of gw-1 that has subscribed to its commands; the SUBACK is consumed. */
  private EmbeddedMqtt subscribed(MqttVersion version) {
    EmbeddedMqtt mqtt = connected(version);
    mqtt.send(Packets.subscribe(1, COMMANDS + "/#"));
    assertThat(mqtt.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.SUBACK);
    return mqtt;
  }

  private EmbeddedMqtt connected(MqttVersion version) {
    EmbeddedMqtt mqtt = new EmbeddedMqtt(context);
    connections.add(mqtt);
    mqtt.connect(version, "gw-1");
    return mqtt;
  }

  private CompletableFuture<Void> send(String payload, Duration expiry) {
    return context.sendExpiring("gw-1", REBOOT, payload.getBytes(StandardCharsets.UTF_8), expiry);
  }

  /** What the agent got: topic, payload, Message Expiry Interval (null when absent), packet id. */
  private record Got(String topic, String payload, Integer expirySeconds, int packetId) {}

  private static Got got(MqttMessage message) {
    assertThat(message).as("a PUBLISH").isInstanceOf(MqttPublishMessage.class);
    MqttPublishMessage publish = (MqttPublishMessage) message;
    try {
      MqttProperties.MqttProperty<?> expiry =
          publish.variableHeader().properties().getProperty(MqttProperties.PUBLICATION_EXPIRY_INTERVAL);
      return new Got(publish.variableHeader().topicName(),
          new String(ByteBufUtil.getBytes(publish.payload()), StandardCharsets.UTF_8),
          expiry == null ? null : (Integer) expiry.value(), publish.variableHeader().packetId());
    } finally {
      ReferenceCountUtil.release(publish);
    }
  }

  private void assertDropped(CompletableFuture<Void> sent, DownlinkDrop reason) {
    assertThat(sent).failsWithin(1, TimeUnit.SECONDS).withThrowableThat()
        .havingCause().isInstanceOfSatisfying(DownlinkDroppedException.class, e -> {
          assertThat(e.reason()).isEqualTo(reason);
          assertThat(e.agentId()).isEqualTo("gw-1");
        });
    assertThat(context.counters().snapshot().downlinkDropped(reason)).isEqualTo(1);
  }

  @Test
  void aSubscribedV5AgentGetsTheMessageWithItsExpiryAndThePubAckCompletesIt() {
    EmbeddedMqtt mqtt = subscribed(MqttVersion.MQTT_5);

    CompletableFuture<Void> sent = send("now", Duration.ofSeconds(30));

    Got got = got(mqtt.receive());
    assertThat(got).isEqualTo(new Got(REBOOT, "now", 30, got.packetId()));
    assertThat(sent).isNotDone();
    mqtt.send(Packets.pubAck(got.packetId()));
    assertThat(sent).isCompleted();
  }

  @Test
  void aSubSecondRemainderIsRoundedUpNotDownToZero() {
    assertThat(Downlink.expirySeconds(Duration.ofMillis(1))).isEqualTo(1);
    assertThat(Downlink.expirySeconds(Duration.ofMillis(29_001))).isEqualTo(30);
    assertThat(Downlink.expirySeconds(Duration.ofSeconds(30))).isEqualTo(30);
  }

  @Test
  void aV3AgentGetsTheMessageWithoutTheProperty() {
    EmbeddedMqtt mqtt = subscribed(MqttVersion.MQTT_3_1_1);

    send("now", Duration.ofSeconds(30));

    assertThat(got(mqtt.receive()).expirySeconds()).isNull();
  }

  @Test
  void aMessageForAnAbsentAgentIsDeliveredAfterItSubscribesWithTheRemainingLifetime() {
    CompletableFuture<Void> sent = send("later", Duration.ofMinutes(1));
    clock.advance(Duration.ofSeconds(20));

    EmbeddedMqtt mqtt = connected(MqttVersion.MQTT_5);
    assertThat(mqtt.receive()).as("nothing before the agent subscribes").isNull();
    mqtt.send(Packets.subscribe(1, COMMANDS + "/#"));

    assertThat(mqtt.receive().fixedHeader().messageType()).as("SUBACK first").isEqualTo(MqttMessageType.SUBACK);
    Got got = got(mqtt.receive());
    assertThat(got.expirySeconds()).as("60 s minus the 20 s it waited (MQTT-3.3.2-6)").isEqualTo(40);
    mqtt.send(Packets.pubAck(got.packetId()));
    assertThat(sent).isCompleted();
    assertThat(context.downlinks().size("gw-1")).isZero();
  }

  @Test
  void aMessageWaitsForASubscriptionThatMatchesItsTopic() {
    EmbeddedMqtt mqtt = connected(MqttVersion.MQTT_5);
    mqtt.send(Packets.subscribe(1, COMMANDS + "/config/+"));
    assertThat(mqtt.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.SUBACK);

    send("now", Duration.ofSeconds(30));
    assertThat(mqtt.receive()).isNull();

    mqtt.send(Packets.subscribe(2, COMMANDS + "/reboot"));
    assertThat(mqtt.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.SUBACK);
    assertThat(got(mqtt.receive()).topic()).isEqualTo(REBOOT);
  }

  @Test
  void aMessageThatExpiredWhileTheAgentWasAwayIsDroppedAndCounted() {
    CompletableFuture<Void> sent = send("too late", Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(6));

    EmbeddedMqtt mqtt = subscribed(MqttVersion.MQTT_5);

    assertThat(mqtt.receive()).as("never sent").isNull();
    assertDropped(sent, DownlinkDrop.EXPIRED);
  }

  @Test
  void theExpirySweepTellsTheSenderWithoutWaitingForTheAgent() {
    CompletableFuture<Void> kept = send("kept", Duration.ofSeconds(10));
    CompletableFuture<Void> expired = send("expired", Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(5));

    context.downlinks().expireAll();

    assertDropped(expired, DownlinkDrop.EXPIRED);
    assertThat(kept).isNotDone();
    assertThat(context.downlinks().size("gw-1")).isEqualTo(1);
  }

  @Test
  void aFullQueueRefusesTheMessageAtOnce() {
    send("1", Duration.ofMinutes(1));
    send("2", Duration.ofMinutes(1));

    CompletableFuture<Void> third = send("3", Duration.ofMinutes(1));

    assertDropped(third, DownlinkDrop.QUEUE_FULL);
    assertThat(third.isCompletedExceptionally()).isTrue();
    assertThat(context.downlinks().size("gw-1")).isEqualTo(2);
  }

  @Test
  void expiredMessagesMakeRoomInAFullQueue() {
    send("1", Duration.ofSeconds(5));
    send("2", Duration.ofMinutes(1));
    clock.advance(Duration.ofSeconds(5));

    CompletableFuture<Void> third = send("3", Duration.ofMinutes(1));

    assertThat(third).isNotDone();
    assertThat(context.counters().snapshot().downlinkDropped(DownlinkDrop.EXPIRED)).isEqualTo(1);
  }

  @Test
  void aMessageNotAcknowledgedBeforeTheConnectionClosedIsSentAgainOnTheNextOne() {
    EmbeddedMqtt first = subscribed(MqttVersion.MQTT_5);
    CompletableFuture<Void> sent = send("now", Duration.ofSeconds(30));
    assertThat(got(first.receive()).payload()).isEqualTo("now");

    first.send(MqttMessage.DISCONNECT);
    clock.advance(Duration.ofSeconds(10));
    assertThat(sent).as("put back, not failed").isNotDone();
    assertThat(context.downlinks().size("gw-1")).isEqualTo(1);

    EmbeddedMqtt second = subscribed(MqttVersion.MQTT_5);
    Got again = got(second.receive());
    assertThat(again.payload()).isEqualTo("now");
    assertThat(again.expirySeconds()).isEqualTo(20);
    second.send(Packets.pubAck(again.packetId()));
    assertThat(sent).isCompleted();
  }

  @Test
  void aMessageRefusedByTheAgentFailsAndIsNotSentAgain() {
    EmbeddedMqtt mqtt = subscribed(MqttVersion.MQTT_5);
    CompletableFuture<Void> sent = send("now", Duration.ofSeconds(30));
    int packetId = got(mqtt.receive()).packetId();

    mqtt.send(Packets.pubAck(packetId, 0x80));

    assertThat(sent).failsWithin(1, TimeUnit.SECONDS).withThrowableThat().withMessageContaining("0x80");
    assertThat(context.downlinks().size("gw-1")).isZero();
  }

  @Test
  void closingTheTransportDropsWhatWaitsAndRefusesMore() {
    CompletableFuture<Void> waiting = send("1", Duration.ofMinutes(1));

    context.downlinks().close();

    assertDropped(waiting, DownlinkDrop.TRANSPORT_CLOSED);
    assertThat(send("2", Duration.ofMinutes(1))).isCompletedExceptionally();
  }
}
