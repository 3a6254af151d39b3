package io.eoc.edge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's threads at once: the batcher appends, the uplink sends, MQTT callbacks ack out of
 * order and lose some acks (so the sender must rewind), while segments roll and get deleted.
 */
class OutboxConcurrencyTest {
  private static final Logger log = LoggerFactory.getLogger(OutboxConcurrencyTest.class);
  static final OutboxConfig CONFIG = new OutboxConfig(16 * 1024, 64L << 20,
      FullPolicy.REFUSE_NEWEST, 2000, 8);
  static final Duration APPEND_FOR = Duration.ofSeconds(2);
  static final Duration BOUND = Duration.ofSeconds(20);

  @TempDir Path dir;

  @Test
  @Timeout(60)
  void appenderSenderAndAckersTogetherLoseNothingAndSendInOrder() throws Exception {
    Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    Set<Long> delivered = ConcurrentHashMap.newKeySet();
    BlockingQueue<Long> toAck = new LinkedBlockingQueue<>();
    AtomicLong lastAppended = new AtomicLong();
    AtomicBoolean appending = new AtomicBoolean(true);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong handedOut = new AtomicLong();
    try (Outbox outbox = Outbox.open(dir, CONFIG, new TestClock(Instant.EPOCH))) {
      List<Thread> threads = List.of(
          thread("appender", errors, () -> appendFor(outbox, lastAppended, appending)),
          thread("sender", errors, () -> send(outbox, delivered, toAck, stop, handedOut)),
          thread("acker-1", errors, () -> ack(outbox, toAck, stop, new Random(1))),
          thread("acker-2", errors, () -> ack(outbox, toAck, stop, new Random(2))));
      threads.forEach(Thread::start);
      long deadline = System.nanoTime() + BOUND.toNanos();
      while (errors.isEmpty() && System.nanoTime() < deadline
          && (appending.get() || outbox.stats().depthRecords() > 0)) {
        outbox.awaitPending(Duration.ofMillis(20));
      }
      stop.set(true);
      for (Thread t : threads) {
        t.join(BOUND.toMillis());
        assertThat(t.isAlive()).as(t.getName() + " stopped").isFalse();
      }
      assertThat(errors).isEmpty();

      long last = lastAppended.get();
      OutboxStats stats = outbox.stats();
      log.info("concurrent run: {} appended, {} handed out (with resends after rewinds), {} acked",
          last, handedOut.get(), stats.acked());
      assertThat(last).as("appended a fair amount").isGreaterThan(200);
      assertThat(stats.depthRecords()).as("everything acked within the bound").isZero();
      assertThat(stats.appended()).isEqualTo(last);
      assertThat(stats.acked()).isEqualTo(last);
      assertThat(delivered).hasSize((int) last).allMatch(seq -> seq >= 1 && seq <= last);
      assertThat(OutboxTest.segmentFiles(dir)).hasSize(1);
    }
  }

  private static void appendFor(Outbox outbox, AtomicLong lastAppended, AtomicBoolean appending)
      throws Exception {
    Random random = new Random(3);
    long end = System.nanoTime() + APPEND_FOR.toNanos();
    long seq = 1;
    while (System.nanoTime() < end) {
      int n = random.nextBoolean() ? 1 : 1 + random.nextInt(30);
      List<OutboxEntry> batch = new ArrayList<>();
      for (int i = 0; i < n; i++, seq++) {
        batch.add(new OutboxEntry(seq, TestPayloads.of(seq)));
      }
      outbox.appendAll(batch);
      lastAppended.set(seq - 1);
    }
    appending.set(false);
  }

  /** Checks order and content; rewinds like a reconnect whenever nothing new is left to send. */
  private static void send(Outbox outbox, Set<Long> delivered, BlockingQueue<Long> toAck,
      AtomicBoolean stop, AtomicLong handedOut) throws Exception {
    long previous = Long.MIN_VALUE;
    while (!stop.get()) {
      if (!outbox.awaitPending(Duration.ofMillis(50))) {
        outbox.rewind();
        previous = Long.MIN_VALUE;
        continue;
      }
      for (OutboxRecord r : outbox.pending(64)) {
        assertThat(r.sequence()).as("handed out in order").isGreaterThan(previous);
        assertThat(r.payload()).isEqualTo(TestPayloads.of(r.sequence()));
        previous = r.sequence();
        delivered.add(r.sequence());
        handedOut.incrementAndGet();
        toAck.add(r.sequence());
      }
    }
  }

  /** Acks in shuffled windows, like an MQTT in-flight window, and loses one ack in twenty. */
  private static void ack(Outbox outbox, BlockingQueue<Long> toAck, AtomicBoolean stop,
      Random random) throws Exception {
    List<Long> window = new ArrayList<>();
    while (!stop.get()) {
      Long first = toAck.poll(10, TimeUnit.MILLISECONDS);
      if (first == null) {
        continue;
      }
      window.add(first);
      toAck.drainTo(window, 15);
      Collections.shuffle(window, random);
      for (long seq : window) {
        if (random.nextInt(20) != 0) {
          outbox.ack(seq);
        }
      }
      window.clear();
    }
  }

  private interface Body {
    void run() throws Exception;
  }

  private static Thread thread(String name, Queue<Throwable> errors, Body body) {
    Thread t = new Thread(() -> {
      try {
        body.run();
      } catch (Throwable e) {
        errors.add(e);
      }
    }, name);
    t.setDaemon(true);
    return t;
  }
}
