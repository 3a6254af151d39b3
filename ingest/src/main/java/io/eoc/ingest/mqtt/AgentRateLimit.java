package io.eoc.ingest.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How fast one agent may publish, per agent identity (not per connection: reconnecting does not
 * refill anything). Two token buckets, messages and payload bytes, each refilled at its rate and
 * holding at most {@code burst} worth of it. Validated by {@link MqttTransportConfig}, with its
 * other settings, so that every error is reported together.
 *
 * @param messagesPerSecond sustained PUBLISH packets per second
 * @param bytesPerSecond sustained payload bytes per second
 * @param burst how many seconds of either rate an idle agent may send at once
 * @param disconnectAfter how long an agent may keep being refused (no second without a refusal)
 *     before it is disconnected with DISCONNECT 0x96 Message rate too high
 */
public record AgentRateLimit(long messagesPerSecond, long bytesPerSecond, Duration burst, Duration disconnectAfter) {

  /** The default: 200 messages/s and 20 MiB/s with a 5 s burst, disconnect after 10 s of refusals. */
  public static final AgentRateLimit DEFAULT =
      new AgentRateLimit(200, 20L * 1024 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(10));

  /** Refuse-free for any real agent: for benchmarks and tests that measure something else. */
  public static final AgentRateLimit UNLIMITED =
      new AgentRateLimit(1_000_000_000L, 1L << 40, Duration.ofSeconds(1), Duration.ofDays(1));

  /** The bucket size of the message rate: what an idle agent may send at once. */
  public double burstMessages() {
    return messagesPerSecond * seconds(burst);
  }

  /** The bucket size of the byte rate. */
  public double burstBytes() {
    return bytesPerSecond * seconds(burst);
  }

  /** Every problem of these settings, for {@link MqttTransportConfig} to report together. */
  List<String> problems(int maxMessageBytes) {
    List<String> problems = new ArrayList<>();
    if (messagesPerSecond < 1) {
      problems.add("rateLimit.messagesPerSecond: " + messagesPerSecond + " must be at least 1");
    }
    if (bytesPerSecond < 1) {
      problems.add("rateLimit.bytesPerSecond: " + bytesPerSecond + " must be at least 1");
    }
    if (burst == null || burst.toMillis() < 1) {
      problems.add("rateLimit.burst: " + burst + " must be positive");
    } else if (messagesPerSecond >= 1 && burstMessages() < 1) {
      problems.add("rateLimit.burst: " + burst + " holds less than one message at " + messagesPerSecond + "/s");
    } else if (bytesPerSecond >= 1 && burstBytes() < maxMessageBytes) {
      // Otherwise a PUBLISH of the largest allowed size could never be admitted.
      problems.add("rateLimit.burst: " + burst + " at " + bytesPerSecond + " bytes/s holds less than maxMessageBytes "
          + maxMessageBytes + " (raise rateLimit.bytesPerSecond or rateLimit.burst, or lower maxMessageBytes)");
    }
    if (disconnectAfter == null || disconnectAfter.isNegative() || disconnectAfter.isZero()) {
      problems.add("rateLimit.disconnectAfter: " + disconnectAfter + " must be positive");
    }
    return problems;
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
