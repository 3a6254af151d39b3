package io.eoc.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-agent rate limit and downlink with message expiry on a real socket, driven by the
 * Eclipse Paho MQTT 5 client; the transport's clock moves only when the test says so.
 */
class PahoLimitsTest {

  private static final String TELEMETRY = "eoc/v1/agents/gw-1/telemetry";
  private static final String COMMANDS = "eoc/v1/agents/gw-1/commands";
  private static final Map<String, String> TOKENS = Map.of("gw-1", "token-1");
  private static final int QUOTA_EXCEEDED = 0x97;

  private final ExecutorService kafka = Executors.newSingleThreadExecutor();
  private final RecordingUplink uplink = RecordingUplink.completingOn(kafka);
  private final ManualClock clock = new ManualClock(TestContexts.NOW);
  private final List<PahoAgent> agents = new ArrayList<>();
  private MqttTransport transport;

  @BeforeEach
  void startTransport() throws Exception {
    MqttTransportConfig config = MqttTransportConfig.builder()
        .rateLimit(new AgentRateLimit(5, 10_000_000, Duration.ofSeconds(1), Duration.ofSeconds(10)))
        .build();
    transport = MqttTransport.start(config, uplink, Authenticator.tokens(TOKENS), clock, event -> { });
  }

  @AfterEach
  void stopAll() throws Exception {
    for (PahoAgent agent : agents) {
      agent.close();
    }
    transport.close();
    kafka.shutdown();
    assertThat(kafka.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  private PahoAgent connected() throws MqttException {
    PahoAgent agent = new PahoAgent(transport.port(), "gateway-" + agents.size());
    agents.add(agent);
    agent.connect("gw-1", "token-1");
    return agent;
  }

  /** Publishes {@code count} QoS 1 messages and returns each one's PUBACK reason code. */
  private static List<Integer> publish(PahoAgent agent, int count) throws MqttException {
    List<IMqttToken> tokens = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tokens.add(agent.publish(TELEMETRY, ("batch-" + i).getBytes(StandardCharsets.UTF_8)));
    }
    List<Integer> codes = new ArrayList<>();
    for (IMqttToken token : tokens) {
      token.waitForCompletion(PahoAgent.TIMEOUT_MILLIS);
      int[] reasonCodes = token.getReasonCodes();
      codes.add(reasonCodes == null || reasonCodes.length == 0 ? 0 : reasonCodes[0]);
    }
    return codes;
  }

  @Test
  void publishesOverTheRateGetQuotaExceededAndAreNotHandedOver() throws Exception {
    PahoAgent agent = connected();

    List<Integer> codes = publish(agent, 8);

    assertThat(codes).containsExactly(0, 0, 0, 0, 0, QUOTA_EXCEEDED, QUOTA_EXCEEDED, QUOTA_EXCEEDED);
    assertThat(uplink.messages()).hasSize(5);
    assertThat(transport.stats().rateLimited("gw-1")).isEqualTo(3);
    assertThat(transport.stats().acksSent()).isEqualTo(5);
    assertThat(agent.client.isConnected()).isTrue();
  }

  @Test
  void reconnectingDoesNotRefillTheBucket() throws Exception {
    PahoAgent first = connected();
    assertThat(publish(first, 5)).containsOnly(0);
    first.close();

    PahoAgent second = connected();
    assertThat(publish(second, 1)).containsExactly(QUOTA_EXCEEDED);

    clock.advance(Duration.ofSeconds(1));
    assertThat(publish(second, 5)).as("refilled by time, not by connecting").containsOnly(0);
    assertThat(uplink.messages()).hasSize(10);
  }

  @Test
  void aCommandReachesAConnectedAgentWithItsExpiry() throws Exception {
    PahoAgent agent = connected();
    agent.subscribe(COMMANDS + "/#");

    transport.sendToAgent("gw-1", COMMANDS + "/reboot", bytes("now"), Duration.ofSeconds(30))
        .toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(agent.received.poll(5, TimeUnit.SECONDS))
        .isEqualTo(new PahoAgent.Received(COMMANDS + "/reboot", "now", 30L));
  }

  @Test
  void aCommandForAnAbsentAgentWaitsAndArrivesWithItsRemainingLifetime() throws Exception {
    CompletableFuture<Void> sent = transport.sendToAgent("gw-1", COMMANDS + "/reboot", bytes("later"),
        Duration.ofMinutes(1)).toCompletableFuture();
    assertThat(transport.queuedForAgent("gw-1")).isEqualTo(1);

    clock.advance(Duration.ofSeconds(20));
    PahoAgent agent = connected();
    agent.subscribe(COMMANDS + "/#");

    assertThat(agent.received.poll(5, TimeUnit.SECONDS))
        .isEqualTo(new PahoAgent.Received(COMMANDS + "/reboot", "later", 40L));
    assertThat(sent).succeedsWithin(5, TimeUnit.SECONDS);
    assertThat(transport.queuedForAgent("gw-1")).isZero();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
