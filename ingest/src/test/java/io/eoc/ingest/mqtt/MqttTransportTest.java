package io.eoc.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport on a real socket, driven by the Eclipse Paho MQTT 5 client. */
class MqttTransportTest {

  private static final String TELEMETRY = "eoc/v1/agents/gw-1/telemetry";
  private static final Map<String, String> TOKENS = Map.of("gw-1", "token-1", "gw-2", "token-2");

  /** Completes hand-overs on another thread, as a Kafka producer's callback would. */
  private final ExecutorService kafka = Executors.newSingleThreadExecutor();
  private final RecordingUplink uplink = RecordingUplink.completingOn(kafka);
  private final List<PahoAgent> agents = new ArrayList<>();
  private MqttTransport transport;

  @BeforeEach
  void startTransport() throws Exception {
    transport = MqttTransport.start(MqttTransportConfig.defaults(), uplink, Authenticator.tokens(TOKENS));
  }

  @AfterEach
  void stopAll() throws Exception {
    for (PahoAgent agent : agents) {
      agent.close();
    }
    transport.close();
    kafka.shutdown();
    assertThat(kafka.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    assertNoTransportThreadsLeft();
  }

  /** close() waits for the event loops to terminate; their threads end right after. */
  private static void assertNoTransportThreadsLeft() throws InterruptedException {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("eoc-mqtt-")) {
        thread.join(5_000);
        assertThat(thread.isAlive()).as("%s still running", thread.getName()).isFalse();
      }
    }
  }

  private PahoAgent agent(String clientId) throws MqttException {
    PahoAgent agent = new PahoAgent(transport.port(), clientId);
    agents.add(agent);
    return agent;
  }

  @Test
  void thousandQos1MessagesAreAllAcknowledgedAndHandedOverInOrder() throws Exception {
    PahoAgent agent = agent("gateway-a");
    agent.connect("gw-1", "token-1");

    List<IMqttToken> tokens = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      tokens.add(agent.publish(TELEMETRY, ("batch-" + i).getBytes(StandardCharsets.UTF_8)));
    }
    for (IMqttToken token : tokens) {
      token.waitForCompletion(PahoAgent.TIMEOUT_MILLIS);
    }

    assertThat(uplink.messages()).hasSize(1000).allSatisfy(m -> {
      assertThat(m.agentId()).isEqualTo("gw-1");
      assertThat(m.topic()).isEqualTo(TELEMETRY);
    });
    assertThat(uplink.messages()).extracting(m -> new String(m.payload(), StandardCharsets.UTF_8))
        .containsExactlyElementsOf(IntStream.range(0, 1000).mapToObj(i -> "batch-" + i).toList());
    TransportStats stats = transport.stats();
    assertThat(stats.acksSent()).isEqualTo(1000);
    assertThat(stats.agent("gw-1").messages()).isEqualTo(1000);
    assertThat(stats.connectionsAccepted()).isEqualTo(1);
  }

  @Test
  void wrongTokenIsRefusedWithBadUserNameOrPassword() throws Exception {
    PahoAgent agent = agent("gateway-a");

    assertThatThrownBy(() -> agent.connect("gw-1", "not-the-token"))
        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
    assertThat(transport.stats().connectionsRefused()).isEqualTo(1);
    assertThat(transport.isConnected("gw-1")).isFalse();
  }

  @Test
  void publishToAnotherAgentsTopicIsRefusedWithNotAuthorized() throws Exception {
    PahoAgent agent = agent("gateway-a");
    agent.connect("gw-1", "token-1");

    IMqttToken token = agent.publish("eoc/v1/agents/gw-2/telemetry", new byte[] {1});
    token.waitForCompletion(PahoAgent.TIMEOUT_MILLIS);

    assertThat(token.getReasonCodes()).containsExactly(0x87);
    assertThat(agent.client.isConnected()).isTrue();
    assertThat(uplink.calls()).isEmpty();
    assertThat(transport.stats().aclDenials()).isEqualTo(1);
  }

  @Test
  void commandsReachASubscribedAgentAndCompleteOnItsPubAck() throws Exception {
    PahoAgent agent = agent("gateway-a");
    agent.connect("gw-1", "token-1");
    agent.client.subscribe("eoc/v1/agents/gw-1/commands/#", 1).waitForCompletion(PahoAgent.TIMEOUT_MILLIS);

    transport.sendToAgent("gw-1", "eoc/v1/agents/gw-1/commands/reboot", "now".getBytes(StandardCharsets.UTF_8))
        .toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(agent.received.poll(5, TimeUnit.SECONDS))
        .isEqualTo(new PahoAgent.Received("eoc/v1/agents/gw-1/commands/reboot", "now"));
  }

  @Test
  void sendToAnAgentThatIsNotConnectedFails() {
    assertThat(transport.sendToAgent("gw-2", "eoc/v1/agents/gw-2/commands/x", new byte[0]).toCompletableFuture())
        .failsWithin(1, TimeUnit.SECONDS)
        .withThrowableThat().withCauseInstanceOf(AgentNotConnectedException.class);
  }

  @Test
  void secondConnectionOfTheSameAgentTakesOverTheFirst() throws Exception {
    PahoAgent first = agent("gateway-a");
    first.connect("gw-1", "token-1");
    PahoAgent second = agent("gateway-a-restarted");

    second.connect("gw-1", "token-1");

    assertThat(first.disconnected.get(5, TimeUnit.SECONDS).getReturnCode()).as("Session taken over").isEqualTo(0x8E);
    assertThat(second.client.isConnected()).isTrue();
    assertThat(transport.stats().takeovers()).isEqualTo(1);
  }

  @Test
  void closeDisconnectsAgentsAndCanBeRepeated() throws Exception {
    PahoAgent agent = agent("gateway-a");
    agent.connect("gw-1", "token-1");

    transport.close();
    transport.close();

    assertThat(agent.disconnected).succeedsWithin(5, TimeUnit.SECONDS);
    assertThat(transport.stats().currentConnections()).isZero();
  }
}
