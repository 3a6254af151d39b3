package io.eoc.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand connections each send random bytes after a valid CONNECT: no exception escapes, each
 * bad connection is dropped on its own, every drop is counted by kind, and a well-behaved agent
 * beside them keeps publishing.
 */
class MalformedFuzzTest {
  private final RecordingUplink uplink = RecordingUplink.manual();
  private final TransportContext context = TestContexts.context(uplink);

  @Test
  void tenThousandMalformedPacketsCrashNothingAndAreCountedByKind() {
    Random random = new Random(20261122);
    EmbeddedMqtt good = new EmbeddedMqtt(context);
    good.connect(MqttVersion.MQTT_5, "good-agent");
    int closed = 0;
    for (int i = 0; i < 10_000; i++) {
      EmbeddedMqtt bad = new EmbeddedMqtt(context);
      bad.connect(i % 2 == 0 ? MqttVersion.MQTT_5 : MqttVersion.MQTT_3_1_1, "fuzz-" + (i % 50));
      bad.sendRaw(garbage(random));
      if (!bad.isOpen()) {
        closed++;
      }
      bad.close();
    }
    TransportStats stats = context.counters().snapshot();
    assertThat(stats.malformedTotal()).as("every dropped connection counted").isGreaterThanOrEqualTo(closed - stats.aclDenials());
    assertThat(stats.malformed()).as("counted by kind").isNotEmpty();
    assertThat(closed).as("most random packets are malformed").isGreaterThan(5_000);
    assertThat(good.isOpen()).as("the well-behaved agent is untouched").isTrue();
    good.close();
  }

  /** A random first byte (packet type and flags) and a short random body, sometimes with a bad length. */
  private static int[] garbage(Random random) {
    int[] bytes = new int[2 + random.nextInt(20)];
    bytes[0] = random.nextInt(256);
    if (bytes[0] == 0xE0) {
      bytes[0] = 0xE1; // a well-formed DISCONNECT closes the connection legitimately; keep it malformed
    }
    bytes[1] = random.nextInt(4) == 0 ? 0xFF : bytes.length - 2;
    for (int j = 2; j < bytes.length; j++) {
      bytes[j] = random.nextInt(256);
    }
    return bytes;
  }
}
