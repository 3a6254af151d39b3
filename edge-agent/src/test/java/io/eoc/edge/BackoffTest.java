package io.eoc.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void delaysGrowExponentiallyWithJitterUpToTheMaximumAndResetAfterSuccess() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), new Random(1));
    long[] expectedBase = {100, 200, 400, 800, 1600, 2000, 2000};
    for (long base : expectedBase) {
      assertThat(b.next().toMillis()).isBetween(Math.round(base * 0.8), Math.round(base * 1.2));
    }
    b.reset();
    assertThat(b.next().toMillis()).isBetween(80L, 120L);
  }
}
