package io.eoc.edge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small benchmark, not a performance gate: appends per second with one fsync per batch versus
 * one fsync per group of batches. Payload size and group size can be set with
 * {@code -Doutbox.bench.payload=} and {@code -Doutbox.bench.group=}.
 */
class OutboxGroupCommitBenchmarkTest {
  private static final Logger log = LoggerFactory.getLogger(OutboxGroupCommitBenchmarkTest.class);
  static final Duration RUN = Duration.ofMillis(Long.getLong("outbox.bench.millis", 1000));
  static final int PAYLOAD = Integer.getInteger("outbox.bench.payload", 1024);
  static final int GROUP = Integer.getInteger("outbox.bench.group", 64);

  @TempDir Path dir;

  @Test
  void groupCommitSharesOneFsyncAmongManyAppends() throws Exception {
    OutboxConfig config = OutboxConfig.defaults();
    byte[] payload = TestPayloads.of(0, PAYLOAD);
    double single;
    double grouped;
    try (Outbox outbox = Outbox.open(dir.resolve("single"), config, Clock.systemUTC())) {
      long seq = 0;
      long start = System.nanoTime();
      long end = start + RUN.toNanos();
      while (System.nanoTime() < end) {
        outbox.append(++seq, payload);
      }
      single = seq / seconds(start);
    }
    try (Outbox outbox = Outbox.open(dir.resolve("grouped"), config, Clock.systemUTC())) {
      long seq = 0;
      long start = System.nanoTime();
      long end = start + RUN.toNanos();
      while (System.nanoTime() < end) {
        List<OutboxEntry> group = new ArrayList<>(GROUP);
        for (int i = 0; i < GROUP; i++) {
          group.add(new OutboxEntry(++seq, payload));
        }
        outbox.appendAll(group);
      }
      grouped = seq / seconds(start);
      assertThat(outbox.stats().depthRecords()).isEqualTo(seq);
    }
    log.info("outbox append rate, {}-byte payloads: {} appends/s with one fsync each, {} appends/s"
        + " in groups of {} ({}x)", PAYLOAD, Math.round(single), Math.round(grouped), GROUP,
        Math.round(grouped / single));
    assertThat(grouped).isGreaterThan(single);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
