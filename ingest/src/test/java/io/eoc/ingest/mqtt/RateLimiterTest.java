package io.eoc.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The token buckets on their own, with a hand-driven clock. */
class RateLimiterTest {
  private static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");

  @Test
  void afterARefusalEverythingIsRefusedForTheHoldOffSoTheAgentResendsInOrder() {
    // 10 messages/s, a burst of 1 s: 10 messages at once pass, the 11th is refused.
    RateLimiter limiter = new RateLimiter(new AgentRateLimit(10, 1_000_000, Duration.ofSeconds(1), Duration.ofSeconds(60)));
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.admit("gw-1", 100, T0)).isEqualTo(RateLimiter.Verdict.ADMIT);
    }
    assertThat(limiter.admit("gw-1", 100, T0)).isEqualTo(RateLimiter.Verdict.REFUSE);
    // 300 ms later 3 tokens are back, but a batch sent behind the refused one must not overtake it.
    assertThat(limiter.admit("gw-1", 100, T0.plusMillis(300))).isEqualTo(RateLimiter.Verdict.REFUSE);
    // Past the hold-off (500 ms after the first refusal) the resent batches pass again.
    assertThat(limiter.admit("gw-1", 100, T0.plus(RateLimiter.HOLD_OFF).plusMillis(1))).isEqualTo(RateLimiter.Verdict.ADMIT);
    // Another agent has its own bucket and no hold-off.
    assertThat(limiter.admit("gw-2", 100, T0.plusMillis(300))).isEqualTo(RateLimiter.Verdict.ADMIT);
  }
}
