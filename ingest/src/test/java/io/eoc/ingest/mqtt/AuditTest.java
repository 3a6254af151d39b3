package io.eoc.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the transport audits in token mode (plain TCP), on EmbeddedChannels. */
class AuditTest {

  private final RecordingUplink uplink = RecordingUplink.manual();
  private final RecordingAuditLog audit = new RecordingAuditLog();
  private final List<EmbeddedMqtt> connections = new ArrayList<>();
  private TransportContext context = TestContexts.context(
      MqttTransportConfig.defaults(), uplink, Authenticator.tokens(Map.of("gw-1", "s3cret-token")), audit);

  @AfterEach
  void closeChannels() {
    connections.forEach(EmbeddedMqtt::close);
  }

  private EmbeddedMqtt newConnection() {
    EmbeddedMqtt mqtt = new EmbeddedMqtt(context);
    connections.add(mqtt);
    return mqtt;
  }

  private EmbeddedMqtt connectedGw1(MqttVersion version) {
    EmbeddedMqtt mqtt = newConnection();
    mqtt.send(Packets.connect(version, "gw-1", "s3cret-token"));
    assertThat(((MqttConnAckMessage) mqtt.receive()).variableHeader().connectReturnCode())
        .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
    return mqtt;
  }

  @Test
  void refusedConnectionIsAuditedWithWhatItClaimedButNeverThePassword() {
    EmbeddedMqtt mqtt = newConnection();

    mqtt.send(Packets.connect(MqttVersion.MQTT_5, "gw-1", "wrong-s3cret"));

    assertThat(audit.events()).singleElement().satisfies(event -> {
      assertThat(event.kind()).isEqualTo(AuditEvent.CONNECTION_REFUSED);
      assertThat(event.agentId()).as("a refused CONNECT establishes no agent").isEqualTo(AuditEvent.UNKNOWN);
      assertThat(event.at()).isEqualTo(TestContexts.NOW);
      assertThat(event.reason()).contains("BAD_USER_NAME_OR_PASSWORD", "user name 'gw-1'", "CONNACK 0x86")
          .doesNotContain("s3cret");
    });
  }

  @Test
  void publishOutsideTheAgentsTopicsIsAuditedForThatAgent() {
    EmbeddedMqtt mqtt = connectedGw1(MqttVersion.MQTT_3_1_1);

    mqtt.send(Packets.publish("eoc/v1/agents/gw-2/batches", MqttQoS.AT_LEAST_ONCE, 1, "x"));

    assertThat(audit.events(AuditEvent.ACL_DENIED)).singleElement().satisfies(event -> {
      assertThat(event.agentId()).isEqualTo("gw-1");
      assertThat(event.reason()).isEqualTo("publish to eoc/v1/agents/gw-2/batches");
    });
    assertThat(mqtt.isOpen()).as("MQTT 3.1.1 cannot refuse a PUBLISH").isFalse();
  }

  @Test
  void subscribeOutsideTheAgentsCommandsIsAudited() {
    EmbeddedMqtt mqtt = connectedGw1(MqttVersion.MQTT_5);

    mqtt.send(Packets.subscribe(1, "eoc/v1/agents/gw-1/commands/#", "eoc/v1/agents/+/commands/#"));

    assertThat(audit.events(AuditEvent.ACL_DENIED)).extracting(AuditEvent::reason)
        .containsExactly("subscribe to eoc/v1/agents/+/commands/#");
  }

  @Test
  void takeoverIsAuditedForTheAgent() {
    connectedGw1(MqttVersion.MQTT_5);

    connectedGw1(MqttVersion.MQTT_5);

    assertThat(audit.events(AuditEvent.TAKEOVER)).singleElement().satisfies(event -> {
      assertThat(event.agentId()).isEqualTo("gw-1");
      assertThat(event.reason()).startsWith("replaces the connection from");
    });
  }

  @Test
  void failingAuditLogDoesNotChangeTheAnswer() {
    context = TestContexts.context(MqttTransportConfig.defaults(), uplink,
        Authenticator.tokens(Map.of("gw-1", "s3cret-token")), event -> {
          throw new IllegalStateException("audit store down");
        });
    EmbeddedMqtt mqtt = newConnection();

    mqtt.send(Packets.connect(MqttVersion.MQTT_5, "gw-1", "wrong"));

    assertThat(((MqttConnAckMessage) mqtt.receive()).variableHeader().connectReturnCode())
        .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD);
    assertThat(mqtt.isOpen()).isFalse();
  }

  @Test
  void textFromTheNetworkCannotForgeAuditLines() {
    AuditEvent event = new AuditEvent(Instant.EPOCH, AuditEvent.CONNECTION_REFUSED, "gw\n1", null,
        "client id 'x\r\nacl-denied agent=gw-9'");

    assertThat(event.agentId()).isEqualTo("gw?1");
    assertThat(event.remoteAddress()).isEqualTo(AuditEvent.UNKNOWN);
    assertThat(event.reason()).isEqualTo("client id 'x??acl-denied agent=gw-9'");
  }

  @Test
  void longReasonsAreCut() {
    AuditEvent event = new AuditEvent(Instant.EPOCH, AuditEvent.ACL_DENIED, "gw-1", "/127.0.0.1:1", "t".repeat(2000));

    assertThat(event.reason()).hasSize(AuditEvent.MAX_REASON + 3).endsWith("...");
  }
}
