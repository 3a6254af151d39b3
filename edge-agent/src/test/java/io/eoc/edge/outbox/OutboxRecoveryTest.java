package io.eoc.edge.outbox;

import static io.eoc.edge.outbox.OutboxTest.range;
import static io.eoc.edge.outbox.OutboxTest.segmentFiles;
import static io.eoc.edge.outbox.OutboxTest.sequences;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxRecoveryTest {
  static final OutboxConfig SMALL = OutboxTest.SMALL;
  static final int PAYLOAD = 60;

  @TempDir Path dir;
  final TestClock clock = new TestClock(Instant.parse("2025-03-01T12:00:00Z"));

  @Test
  void aTornTailAtEveryByteOffsetOfTheLastRecordIsCutOffAndCountedOnce() throws Exception {
    byte[] segment = fiveRecordSegment(dir.resolve("pristine"));
    int lastStart = segment.length - (FrameCodec.HEADER_BYTES + PAYLOAD);
    for (int cut = lastStart + 1; cut < segment.length; cut++) {
      Path copy = dir.resolve("cut-" + cut);
      Files.createDirectories(copy);
      Files.write(copy.resolve(segmentName(1)), Arrays.copyOf(segment, cut));
      try (Outbox outbox = Outbox.open(copy, SMALL, clock)) {
        assertFirstRecordsIntact(outbox, 4);
        assertThat(outbox.stats().tornTailsTruncated()).as("cut at %d", cut).isEqualTo(1);
        assertThat(outbox.stats().corruptQuarantined()).isZero();
        assertThat(Files.size(copy.resolve(segmentName(1)))).isEqualTo(lastStart);
        // The next append continues on a clean tail.
        outbox.append(5, TestPayloads.of(5, PAYLOAD));
      }
      try (Outbox outbox = Outbox.open(copy, SMALL, clock)) {
        assertFirstRecordsIntact(outbox, 5);
        assertThat(outbox.stats().tornTailsTruncated()).isZero();
      }
    }
  }

  @Test
  void garbageOrZerosAfterTheLastCompleteRecordAreCutOffNotReadAsData() throws Exception {
    byte[] segment = fiveRecordSegment(dir.resolve("pristine"));
    Random random = new Random(42);
    for (int trial = 0; trial < 30; trial++) {
      byte[] tail = new byte[1 + random.nextInt(trial < 20 ? 4096 : 100)];
      if (trial % 3 != 0) {
        random.nextBytes(tail);
      }
      Path copy = dir.resolve("garbage-" + trial);
      Files.createDirectories(copy);
      Files.write(copy.resolve(segmentName(1)), concat(segment, tail));
      try (Outbox outbox = Outbox.open(copy, SMALL, clock)) {
        assertFirstRecordsIntact(outbox, 5);
        assertThat(outbox.stats().tornTailsTruncated()).as("trial %d", trial).isEqualTo(1);
        assertThat(Files.size(copy.resolve(segmentName(1)))).isEqualTo(segment.length);
      }
    }
  }

  @Test
  void corruptionInAnOlderSegmentIsQuarantinedAndTheNextSegmentsAreStillRead() throws Exception {
    try (Outbox outbox = Outbox.open(dir, SMALL, clock)) {
      OutboxTest.appendRange(outbox, 1, 100);
    }
    List<Path> segments = segmentFiles(dir);
    Path second = segments.get(1);
    long[] offsets = frameOffsets(second);
    long size = Files.size(second);
    flipByte(second, offsets[2] + FrameCodec.HEADER_BYTES + 1);
    long firstBad = OutboxTest.baseOf(second) + 2;
    long firstOfThird = OutboxTest.baseOf(segments.get(2));

    try (Outbox outbox = Outbox.open(dir, SMALL, clock)) {
      List<Long> expected = new ArrayList<>(range(1, firstBad - 1));
      expected.addAll(range(firstOfThird, 100));
      assertThat(sequences(outbox.pending(1000))).containsExactlyElementsOf(expected);
      assertThat(outbox.stats().corruptQuarantined()).isEqualTo(1);
      assertThat(outbox.stats().tornTailsTruncated()).isZero();
    }
    Path corrupt = dir.resolve(second.getFileName() + "." + offsets[2] + ".corrupt");
    assertThat(corrupt).exists();
    assertThat(Files.size(corrupt)).isEqualTo(size - offsets[2]);
    assertThat(Files.size(second)).isEqualTo(offsets[2]);
  }

  @Test
  void aBadRecordInTheLastSegmentWithValidOnesAfterItIsCorruptionNotATornTail() throws Exception {
    fiveRecordSegment(dir);
    Path segment = dir.resolve(segmentName(1));
    long[] offsets = frameOffsets(segment);
    flipByte(segment, offsets[2] + 9);
    try (Outbox outbox = Outbox.open(dir, SMALL, clock)) {
      assertFirstRecordsIntact(outbox, 2);
      assertThat(outbox.stats().corruptQuarantined()).isEqualTo(1);
      assertThat(outbox.stats().tornTailsTruncated()).isZero();
    }
    assertThat(dir.resolve(segmentName(1) + "." + offsets[2] + ".corrupt")).exists();
  }

  @Test
  void anEmptySegmentLeftByACrashRightAfterCreatingItIsRemoved() throws Exception {
    fiveRecordSegment(dir);
    Files.createFile(dir.resolve(segmentName(6)));
    try (Outbox outbox = Outbox.open(dir, SMALL, clock)) {
      assertFirstRecordsIntact(outbox, 5);
      assertThat(outbox.lastSequence()).hasValue(5);
      assertThat(outbox.stats().tornTailsTruncated()).isZero();
      assertThat(outbox.stats().corruptQuarantined()).isZero();
    }
    assertThat(segmentFiles(dir)).containsExactly(dir.resolve(segmentName(1)));
  }

  /** Writes records 1..5 of {@value #PAYLOAD} bytes into one segment in {@code dir}; its bytes. */
  private byte[] fiveRecordSegment(Path target) throws Exception {
    try (Outbox outbox = Outbox.open(target, SMALL, clock)) {
      for (long seq = 1; seq <= 5; seq++) {
        outbox.append(seq, TestPayloads.of(seq, PAYLOAD));
      }
    }
    return Files.readAllBytes(target.resolve(segmentName(1)));
  }

  private static void assertFirstRecordsIntact(Outbox outbox, int count) throws IOException {
    List<OutboxRecord> records = outbox.pending(1000);
    assertThat(sequences(records)).containsExactlyElementsOf(range(1, count));
    assertThat(records).allSatisfy(r ->
        assertThat(r.payload()).isEqualTo(TestPayloads.of(r.sequence(), PAYLOAD)));
  }

  static String segmentName(long base) {
    return String.format("%020d.seg", base);
  }

  /** Start offsets of the frames in a segment, read from the length field of each header. */
  static long[] frameOffsets(Path segment) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segment));
    List<Long> offsets = new ArrayList<>();
    for (int at = 0; at < bytes.limit(); at += FrameCodec.HEADER_BYTES + bytes.getInt(at + 4)) {
      offsets.add((long) at);
    }
    return offsets.stream().mapToLong(Long::longValue).toArray();
  }

  static void flipByte(Path file, long position) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) position] ^= 0x40;
    Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static List<Path> corruptFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".corrupt")).collect(Collectors.toList());
    }
  }
}
