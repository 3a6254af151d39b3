package io.eoc.edge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
  static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
  /** About two dozen records of TestPayloads per segment, so tests cross segment boundaries. */
  static final OutboxConfig SMALL = new OutboxConfig(16 * 1024, 1 << 20, FullPolicy.DROP_OLDEST,
      2000, 8);

  @TempDir Path dir;
  final TestClock clock = new TestClock(T0);

  @Test
  void reopenKeepsExactlyTheUnackedRecordsInOrderWithTheirPayloads() throws Exception {
    List<Long> unacked = new ArrayList<>();
    try (Outbox outbox = Outbox.open(dir, SMALL, clock)) {
      appendRange(outbox, 1, 120);
      for (long seq = 120; seq >= 1; seq--) {
        if (seq % 3 == 0 || (seq >= 40 && seq < 70)) {
          outbox.ack(seq);
        } else {
          unacked.add(0, seq);
        }
      }
    }
    try (Outbox outbox = Outbox.open(dir, SMALL, clock)) {
      List<OutboxRecord> records = outbox.pending(1000);
      assertThat(sequences(records)).containsExactlyElementsOf(unacked);
      assertThat(records).allSatisfy(r -> {
        assertThat(r.payload()).isEqualTo(TestPayloads.of(r.sequence()));
        assertThat(r.appendedAt()).isEqualTo(T0);
      });
      assertThat(outbox.stats().depthRecords()).isEqualTo(unacked.size());
    }
  }

  @Test
  void aSegmentIsDeletedOnceEveryRecordInItIsAckedExceptTheNewestOne() throws Exception {
    try (Outbox outbox = Outbox.open(dir, SMALL, clock)) {
      appendRange(outbox, 1, 120);
      List<Path> before = segmentFiles(dir);
      assertThat(before).hasSizeGreaterThan(3);
      long firstOfSecond = baseOf(before.get(1));
      for (long seq = firstOfSecond - 1; seq >= 2; seq--) {
        outbox.ack(seq);
      }
      assertThat(segmentFiles(dir)).as("one record of the first segment unacked").isEqualTo(before);

      outbox.ack(1);
      assertThat(segmentFiles(dir)).isEqualTo(before.subList(1, before.size()));

      for (long seq = 120; seq >= firstOfSecond; seq--) {
        outbox.ack(seq);
      }
      // The newest segment stays: it carries the last sequence across a restart.
      assertThat(segmentFiles(dir)).containsExactly(before.get(before.size() - 1));
      assertThat(outbox.stats().depthRecords()).isZero();
    }
    try (Outbox outbox = Outbox.open(dir, SMALL, clock)) {
      assertThat(outbox.pending(1000)).isEmpty();
      assertThat(outbox.lastSequence()).hasValue(120);
    }
  }

  @Test
  void sequencesMustStrictlyIncreaseAcrossAppendsAndRestarts() throws Exception {
    try (Outbox outbox = Outbox.open(dir, SMALL, clock)) {
      outbox.append(5, TestPayloads.of(5));
      assertThatThrownBy(() -> outbox.append(5, TestPayloads.of(5)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 is not above 5");
      assertThatThrownBy(() -> outbox.append(4, TestPayloads.of(4)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictly increase");
      assertThatThrownBy(() -> outbox.appendAll(List.of(entry(7), entry(6))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6 is not above 7");
      assertThat(sequences(outbox.pending(100))).containsExactly(5L);
    }
    try (Outbox outbox = Outbox.open(dir, SMALL, clock)) {
      assertThatThrownBy(() -> outbox.append(5, TestPayloads.of(5)))
          .isInstanceOf(IllegalArgumentException.class);
      outbox.append(6, TestPayloads.of(6));
      assertThat(outbox.lastSequence()).hasValue(6);
    }
  }

  @Test
  void pendingHandsOutEachRecordOnceAndRewindHandsOutTheUnackedAgain() throws Exception {
    try (Outbox outbox = Outbox.open(dir, SMALL, clock)) {
      appendRange(outbox, 1, 10);
      assertThat(sequences(outbox.pending(4))).containsExactly(1L, 2L, 3L, 4L);
      assertThat(sequences(outbox.pending(4))).containsExactly(5L, 6L, 7L, 8L);
      outbox.ack(2);
      outbox.ack(6);
      outbox.rewind();
      assertThat(sequences(outbox.pending(100))).containsExactly(1L, 3L, 4L, 5L, 7L, 8L, 9L, 10L);
      assertThat(outbox.pending(100)).isEmpty();
      outbox.append(11, TestPayloads.of(11));
      assertThat(sequences(outbox.pending(100))).containsExactly(11L);
    }
  }

  @Test
  void pendingStopsAtTheByteBudgetButAlwaysReturnsOneRecord() throws Exception {
    try (Outbox outbox = Outbox.open(dir, SMALL, clock)) {
      for (long seq = 1; seq <= 5; seq++) {
        outbox.append(seq, TestPayloads.of(seq, 1000));
      }
      assertThat(sequences(outbox.pending(10, 2500))).containsExactly(1L, 2L);
      assertThat(sequences(outbox.pending(10, 10))).containsExactly(3L);
    }
  }

  @Test
  void appendedAtIsPersistedAndTheOldestUnackedIsReported() throws Exception {
    try (Outbox outbox = Outbox.open(dir, SMALL, clock)) {
      outbox.append(1, TestPayloads.of(1));
      clock.advance(Duration.ofSeconds(5));
      outbox.append(2, TestPayloads.of(2));
      assertThat(outbox.stats().oldestAppendedAt()).hasValue(T0);
      outbox.ack(1);
      assertThat(outbox.stats().oldestAppendedAt()).hasValue(T0.plusSeconds(5));
    }
    try (Outbox outbox = Outbox.open(dir, SMALL, clock)) {
      assertThat(outbox.pending(10)).singleElement()
          .satisfies(r -> assertThat(r.appendedAt()).isEqualTo(T0.plusSeconds(5)));
      outbox.ack(2);
      assertThat(outbox.stats().oldestAppendedAt()).isEmpty();
    }
  }

  @Test
  void outOfOrderRepeatedAndUnknownAcksCountEachSequenceOnce() throws Exception {
    try (Outbox outbox = Outbox.open(dir, SMALL, clock)) {
      appendRange(outbox, 1, 6);
      for (long seq : new long[] {4, 2, 4, 99, 6, 2, -1}) {
        outbox.ack(seq);
      }
      OutboxStats stats = outbox.stats();
      assertThat(stats.appended()).isEqualTo(6);
      assertThat(stats.acked()).isEqualTo(3);
      assertThat(stats.depthRecords()).isEqualTo(3);
      assertThat(sequences(outbox.pending(10))).containsExactly(1L, 3L, 5L);
    }
  }

  @Test
  void aTornAckLogEntryIsCutOffAndTheAcksBeforeItSurvive() throws Exception {
    try (Outbox outbox = Outbox.open(dir, SMALL, clock)) {
      appendRange(outbox, 1, 5);
      outbox.ack(1);
      outbox.ack(3);
    }
    Files.write(dir.resolve("acks"), new byte[] {0, 0, 0, 0, 0, 0, 0, 5, 1, 2},
        StandardOpenOption.APPEND);
    try (Outbox outbox = Outbox.open(dir, SMALL, clock)) {
      assertThat(sequences(outbox.pending(10))).containsExactly(2L, 4L, 5L);
    }
  }

  @Test
  void closeIsIdempotentAndTheDirectoryCannotBeOpenedTwice() throws Exception {
    Outbox outbox = Outbox.open(dir, SMALL, clock);
    outbox.append(1, TestPayloads.of(1));
    assertThatThrownBy(() -> Outbox.open(dir, SMALL, clock)).isInstanceOf(IOException.class)
        .hasMessageContaining("already open");
    outbox.close();
    outbox.close();
    assertThatThrownBy(() -> outbox.append(2, TestPayloads.of(2)))
        .isInstanceOf(IllegalStateException.class);
    outbox.ack(1);
    try (Outbox again = Outbox.open(dir, SMALL, clock)) {
      assertThat(sequences(again.pending(10))).containsExactly(1L);
    }
  }

  @Test
  void awaitPendingWakesUpTheSenderWhenARecordBecomesDurable() throws Exception {
    try (Outbox outbox = Outbox.open(dir, SMALL, clock)) {
      assertThat(outbox.awaitPending(Duration.ZERO)).isFalse();
      CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> {
        try {
          return outbox.awaitPending(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      });
      outbox.append(1, TestPayloads.of(1));
      assertThat(woken.get(10, TimeUnit.SECONDS)).isTrue();
      outbox.pending(10);
      assertThat(outbox.awaitPending(Duration.ZERO)).isFalse();
    }
  }

  @Test
  void aGroupCommitThatFailsHalfWayLeavesNothingBehindAndTheNextAppendSucceeds() throws Exception {
    // 1028-byte frames: 15 fit in a 16 KiB segment, so record 16 opens a new one. A stray file of
    // that name makes the roll fail after records 11..15 were written.
    Path stray = dir.resolve(OutboxRecoveryTest.segmentName(16));
    try (Outbox outbox = Outbox.open(dir, SMALL, clock)) {
      for (long seq = 1; seq <= 10; seq++) {
        outbox.append(seq, TestPayloads.of(seq, 1000));
      }
      Files.createFile(stray);
      assertThatThrownBy(() -> outbox.appendAll(fixedSizeEntries(11, 20)))
          .isInstanceOf(FileAlreadyExistsException.class);
      assertThat(sequences(outbox.pending(100))).containsExactlyElementsOf(range(1, 10));
      assertThat(outbox.stats().appended()).isEqualTo(10);
      assertThat(Files.size(dir.resolve(OutboxRecoveryTest.segmentName(1)))).isEqualTo(10 * 1028);

      Files.delete(stray);
      outbox.appendAll(fixedSizeEntries(11, 20));
      assertThat(sequences(outbox.pending(100))).containsExactlyElementsOf(range(11, 20));
    }
    try (Outbox outbox = Outbox.open(dir, SMALL, clock)) {
      List<OutboxRecord> records = outbox.pending(100);
      assertThat(sequences(records)).containsExactlyElementsOf(range(1, 20));
      assertThat(records).allSatisfy(r ->
          assertThat(r.payload()).isEqualTo(TestPayloads.of(r.sequence(), 1000)));
      assertThat(outbox.stats().tornTailsTruncated()).isZero();
    }
  }

  @Test
  void theAckLogIsRewrittenSoItStaysSmallWhileSegmentsComeAndGo() throws Exception {
    OutboxConfig config = SMALL.withAckSyncEvery(1000);
    try (Outbox outbox = Outbox.open(dir, config, clock)) {
      for (long seq = 1; seq <= 20_000; seq += 1000) {
        List<OutboxEntry> group = new ArrayList<>();
        for (long s = seq; s < seq + 1000; s++) {
          group.add(new OutboxEntry(s, TestPayloads.of(s, 10)));
        }
        outbox.appendAll(group);
      }
      for (long seq = 1; seq <= 19_990; seq++) {
        outbox.ack(seq);
      }
      assertThat(outbox.stats().depthRecords()).isEqualTo(10);
      // Without the rewrite the log would hold 19,990 entries of 12 bytes.
      assertThat(Files.size(dir.resolve("acks"))).isLessThan(12 * 5000);
    }
    try (Outbox outbox = Outbox.open(dir, config, clock)) {
      assertThat(sequences(outbox.pending(100))).containsExactlyElementsOf(range(19_991, 20_000));
    }
  }

  @Test
  void interruptedCallersNeitherFailNorBreakTheOutboxForOtherThreads() throws Exception {
    try (Outbox outbox = Outbox.open(dir, SMALL, clock)) {
      boolean stillInterrupted;
      Thread.currentThread().interrupt();
      try {
        appendRange(outbox, 1, 60);
        assertThat(outbox.pending(30)).hasSize(30);
        for (long seq = 1; seq <= 30; seq++) {
          outbox.ack(seq);
        }
      } finally {
        stillInterrupted = Thread.interrupted();
      }
      assertThat(stillInterrupted).as("interrupt kept for the caller").isTrue();
      appendRange(outbox, 61, 70);
      assertThat(sequences(outbox.pending(100))).containsExactlyElementsOf(range(31, 70));
    }
  }

  private static List<OutboxEntry> fixedSizeEntries(long from, long to) {
    return range(from, to).stream().map(seq -> new OutboxEntry(seq, TestPayloads.of(seq, 1000)))
        .collect(Collectors.toList());
  }

  static void appendRange(Outbox outbox, long from, long to) throws Exception {
    for (long seq = from; seq <= to; seq++) {
      outbox.append(seq, TestPayloads.of(seq));
    }
  }

  static OutboxEntry entry(long seq) {
    return new OutboxEntry(seq, TestPayloads.of(seq));
  }

  static List<Long> sequences(List<OutboxRecord> records) {
    return records.stream().map(OutboxRecord::sequence).collect(Collectors.toList());
  }

  static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toList());
  }

  static List<Path> segmentFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted()
          .collect(Collectors.toList());
    }
  }

  static long baseOf(Path segment) {
    return Long.parseLong(segment.getFileName().toString().replace(".seg", ""));
  }
}
