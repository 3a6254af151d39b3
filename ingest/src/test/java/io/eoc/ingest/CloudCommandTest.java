package io.eoc.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code eoc cloud}'s options reach the running cloud. */
class CloudCommandTest {
  private static final int QUOTA_EXCEEDED = 0x97;
  private static final long TIMEOUT_MILLIS = 10_000;

  @TempDir
  Path dir;

  @Test
  void aMessageRateGivenOnTheCommandLineRefusesARealAgentsPublishesBeyondItWithQuotaExceeded() throws Exception {
    CommandLine cl = new CommandLine(new CloudCommand());
    cl.parseArgs("--data-dir", dir.toString(), "--mqtt-port", "0", "--http-port", "0", "--plain-mqtt",
        "--agent-max-msgs-per-second", "1", "--agent-burst", "1s");
    CloudConfig config = ((CloudCommand) cl.getCommand()).config();

    try (Cloud cloud = Cloud.start(config, Clock.systemUTC())) {
      MqttAsyncClient agent = new MqttAsyncClient("tcp://127.0.0.1:" + cloud.mqttPort(), "gw-1", new MemoryPersistence());
      try {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setAutomaticReconnect(false);
        agent.connect(options).waitForCompletion(TIMEOUT_MILLIS);

        // One message a second with a one-second burst: the first of five sent at once is taken.
        List<IMqttToken> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          sent.add(agent.publish("eoc/v1/agents/gw-1/telemetry", ("batch-" + i).getBytes(StandardCharsets.UTF_8), 1, false));
        }
        List<Integer> codes = new ArrayList<>();
        for (IMqttToken token : sent) {
          token.waitForCompletion(TIMEOUT_MILLIS);
          int[] reasonCodes = token.getReasonCodes();
          codes.add(reasonCodes == null || reasonCodes.length == 0 ? 0 : reasonCodes[0]);
        }

        assertThat(codes.get(0)).isZero();
        assertThat(codes).contains(QUOTA_EXCEEDED);
        assertThat(cloud.transport().stats().rateLimited("gw-1")).isPositive();
      } finally {
        agent.disconnectForcibly(0, 1_000, false);
        agent.close(true);
      }
    }
  }
}
