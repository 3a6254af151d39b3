package io.eoc.edge.outbox;

import static io.eoc.edge.outbox.OutboxTest.range;
import static io.eoc.edge.outbox.OutboxTest.sequences;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 100-byte payloads make 128-byte frames: 8 per 1 KiB segment, 32 in the 4 KiB outbox. */
class OutboxFullTest {
  static final int PAYLOAD = 100;
  static final OutboxConfig DROP = new OutboxConfig(1024, 4096, FullPolicy.DROP_OLDEST, 1000, 8);
  static final OutboxConfig REFUSE = DROP.withFullPolicy(FullPolicy.REFUSE_NEWEST);

  @TempDir Path dir;
  final TestClock clock = new TestClock(Instant.parse("2025-03-01T12:00:00Z"));

  @Test
  void dropOldestDeletesTheOldestSegmentAndReportsExactlyTheUnackedBatchesInIt() throws Exception {
    try (Outbox outbox = Outbox.open(dir, DROP, clock)) {
      for (long seq = 1; seq <= 32; seq++) {
        assertThat(append(outbox, seq)).isEmpty();
      }
      assertThat(outbox.stats().diskBytes()).isEqualTo(4096);
      outbox.ack(2);
      outbox.ack(3);

      assertThat(append(outbox, 33)).containsExactly(1L, 4L, 5L, 6L, 7L, 8L);
      for (long seq = 34; seq <= 40; seq++) {
        assertThat(append(outbox, seq)).isEmpty();
      }
      assertThat(append(outbox, 41)).containsExactlyElementsOf(range(9, 16));

      OutboxStats stats = outbox.stats();
      assertThat(stats.droppedOldest()).isEqualTo(14);
      assertThat(stats.refusedNewest()).isZero();
      assertThat(stats.diskBytes()).isLessThanOrEqualTo(4096);
      assertThat(sequences(outbox.pending(100))).containsExactlyElementsOf(range(17, 41));
      // A late ack for a dropped batch is harmless.
      outbox.ack(1);
      assertThat(outbox.stats().acked()).isEqualTo(2);
    }
    try (Outbox outbox = Outbox.open(dir, DROP, clock)) {
      assertThat(sequences(outbox.pending(100))).containsExactlyElementsOf(range(17, 41));
    }
  }

  @Test
  void refuseNewestKeepsWhatIsStoredAndCountsEveryRefusedBatch() throws Exception {
    try (Outbox outbox = Outbox.open(dir, REFUSE, clock)) {
      for (long seq = 1; seq <= 32; seq++) {
        append(outbox, seq);
      }
      int refused = 0;
      for (long seq = 33; seq <= 37; seq++) {
        long next = seq;
        OutboxFullException e = catchThrowableOfType(OutboxFullException.class,
            () -> append(outbox, next));
        assertThat(e.refusedRecords()).isEqualTo(1);
        assertThat(e.usedBytes()).isEqualTo(4096);
        refused += e.refusedRecords();
      }
      OutboxFullException group = catchThrowableOfType(OutboxFullException.class,
          () -> outbox.appendAll(List.of(entry(38), entry(39))));
      refused += group.refusedRecords();

      assertThat(refused).isEqualTo(7);
      assertThat(outbox.stats().refusedNewest()).isEqualTo(7);
      assertThat(outbox.stats().droppedOldest()).isZero();
      assertThat(sequences(outbox.pending(100))).containsExactlyElementsOf(range(1, 32));

      for (long seq = 1; seq <= 8; seq++) {
        outbox.ack(seq);
      }
      assertThat(append(outbox, 40)).isEmpty();
      assertThat(sequences(outbox.pending(100))).containsExactly(40L);
    }
  }

  @Test
  void aBatchLargerThanTheWholeOutboxIsMisuseNotAFullOutbox() throws Exception {
    try (Outbox outbox = Outbox.open(dir, REFUSE, clock)) {
      List<OutboxEntry> tooMany = range(1, 33).stream().map(OutboxFullTest::entry).toList();
      assertThatThrownBy(() -> outbox.appendAll(tooMany))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("can never fit");
      assertThatThrownBy(() -> outbox.append(1, new byte[1001]))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPayloadBytes");
      assertThat(outbox.stats().refusedNewest()).isZero();
    }
  }

  private static List<Long> append(Outbox outbox, long seq) throws Exception {
    return outbox.append(seq, TestPayloads.of(seq, PAYLOAD));
  }

  private static OutboxEntry entry(long seq) {
    return new OutboxEntry(seq, TestPayloads.of(seq, PAYLOAD));
  }
}
