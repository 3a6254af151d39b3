package io.eoc.edge.outbox;

import io.eoc.edge.outbox.FrameCodec.Frame;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One segment file and the index of its published (durable) records. The index lives in parallel
 * primitive arrays, not objects, so a 1 GiB backlog of small batches costs little heap.
 *
 * <p>Index and ack state are guarded by the outbox state lock; the write position is used by the
 * writer alone; file reads and writes are serialized on the file. Reads and writes go through
 * {@link RandomAccessFile}, not {@link FileChannel}: an interrupt of any thread inside a
 * FileChannel operation closes the channel for every thread (ClosedByInterruptException), and
 * interrupts are how the agent stops its threads. Only recovery, single-threaded at open, uses the
 * channel.
 */
final class Segment {
  private static final Pattern NAME = Pattern.compile("(\\d{20})\\.seg");

  final Path path;
  /** The sequence of the first record written to it; the file is named after it. */
  final long base;
  private final RandomAccessFile file;
  private long writePosition;
  private long[] sequences = new long[64];
  private long[] offsets = new long[64];
  private int[] lengths = new int[64];
  private long[] millis = new long[64];
  private int count;
  private final BitSet acked = new BitSet();
  private int ackedCount;
  private long publishedBytes;
  private long unackedBytes;
  /** Set while the writer has frames in this file that are not published yet. */
  private boolean writerPinned;

  private Segment(Path path, long base) throws IOException {
    this.path = path;
    this.base = base;
    this.file = new RandomAccessFile(path.toFile(), "rw");
  }

  static Segment create(Path dir, long base) throws IOException {
    Path path = dir.resolve(String.format("%020d.seg", base));
    // CREATE_NEW semantics: a file of that name would hold records this outbox does not know.
    Files.createFile(path);
    return new Segment(path, base);
  }

  static Segment openExisting(Path path, long base) throws IOException {
    return new Segment(path, base);
  }

  /** The base sequence encoded in a segment file name, empty for other files. */
  static OptionalLong baseOf(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  /** For recovery only (see the class comment). */
  FileChannel channel() {
    return file.getChannel();
  }

  void publish(Frame frame) {
    if (count == sequences.length) {
      int n = count * 2;
      sequences = Arrays.copyOf(sequences, n);
      offsets = Arrays.copyOf(offsets, n);
      lengths = Arrays.copyOf(lengths, n);
      millis = Arrays.copyOf(millis, n);
    }
    sequences[count] = frame.sequence();
    offsets[count] = frame.offset();
    lengths[count] = frame.payloadLength();
    millis[count] = frame.appendedAtMillis();
    count++;
    publishedBytes = frame.end();
    unackedBytes += FrameCodec.frameBytes(frame.payloadLength());
  }

  int count() {
    return count;
  }

  long sequenceAt(int index) {
    return sequences[index];
  }

  Instant appendedAt(int index) {
    return Instant.ofEpochMilli(millis[index]);
  }

  long frameBytesAt(int index) {
    return FrameCodec.frameBytes(lengths[index]);
  }

  long lastSequence() {
    return sequences[count - 1];
  }

  /** Index of {@code sequence}, or {@code -(insertion point) - 1} like Arrays.binarySearch. */
  int indexOf(long sequence) {
    return Arrays.binarySearch(sequences, 0, count, sequence);
  }

  boolean isAcked(int index) {
    return acked.get(index);
  }

  /** Marks the record acked; false if it already was. */
  boolean markAcked(int index) {
    if (acked.get(index)) {
      return false;
    }
    acked.set(index);
    ackedCount++;
    unackedBytes -= frameBytesAt(index);
    return true;
  }

  int unackedCount() {
    return count - ackedCount;
  }

  long unackedBytes() {
    return unackedBytes;
  }

  boolean fullyAcked() {
    return count > 0 && ackedCount == count;
  }

  /** Index of the first unacknowledged record at or after {@code from}, or -1. */
  int nextUnacked(int from) {
    int i = acked.nextClearBit(from);
    return i < count ? i : -1;
  }

  /** Bytes of published frames; the file may be longer while the writer is appending. */
  long publishedBytes() {
    return publishedBytes;
  }

  boolean writerPinned() {
    return writerPinned;
  }

  void writerPinned(boolean pinned) {
    writerPinned = pinned;
  }

  OutboxRecord read(int index) throws IOException {
    byte[] payload = new byte[lengths[index]];
    synchronized (file) {
      file.seek(offsets[index] + FrameCodec.HEADER_BYTES);
      file.readFully(payload);
    }
    return new OutboxRecord(sequences[index], payload, appendedAt(index));
  }

  /** Appends one frame at the write position and returns its offset; the caller forces. */
  long write(ByteBuffer header, byte[] payload) throws IOException {
    long offset = writePosition;
    synchronized (file) {
      file.seek(offset);
      file.write(header.array(), header.arrayOffset(), header.remaining());
      file.write(payload);
    }
    writePosition = offset + header.remaining() + payload.length;
    return offset;
  }

  /** Where the writer appends next: after the published frames and the ones in flight. */
  long writePosition() {
    return writePosition;
  }

  /** fsync: data and the file size, which an append changes. */
  void force() throws IOException {
    file.getFD().sync();
  }

  /** Cuts the file back to the published frames, e.g. after a failed write. */
  void truncateToPublished() throws IOException {
    synchronized (file) {
      file.setLength(publishedBytes);
    }
    writePosition = publishedBytes;
    force();
  }

  /** Positions the writer after the published frames, e.g. after recovery. */
  void positionAtEnd() {
    writePosition = publishedBytes;
  }

  void close() throws IOException {
    file.close();
  }

  /** Closes all, even when one fails; throws the first failure. */
  static void closeAll(Iterable<Segment> segments) throws IOException {
    IOException failure = null;
    for (Segment s : segments) {
      try {
        s.close();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return path.getFileName() + "[" + count + " records, " + ackedCount + " acked]";
  }
}
