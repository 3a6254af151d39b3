package io.eoc.edge.outbox;

import io.eoc.edge.outbox.FrameCodec.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The segments of an outbox in sequence order, with the counters derived from them. Not
 * thread-safe: every method runs under the outbox state lock.
 */
final class SegmentStore {
  private final Path dir;
  private final TreeMap<Long, Segment> segments = new TreeMap<>();
  private long records;
  private long unackedRecords;
  private long unackedBytes;
  private long diskBytes;

  SegmentStore(Path dir, List<Segment> recovered) {
    this.dir = dir;
    for (Segment s : recovered) {
      segments.put(s.base, s);
      records += s.count();
      unackedRecords += s.unackedCount();
      unackedBytes += s.unackedBytes();
      diskBytes += s.publishedBytes();
    }
  }

  /** The segment appends go to: always the last one, so its records keep the last sequence known. */
  Segment active() {
    return segments.isEmpty() ? null : segments.lastEntry().getValue();
  }

  Segment startSegment(long base) throws IOException {
    Segment s = Segment.create(dir, base);
    Fsync.directory(dir);
    segments.put(base, s);
    return s;
  }

  void publish(Segment segment, Frame frame) {
    segment.publish(frame);
    records++;
    unackedRecords++;
    long bytes = FrameCodec.frameBytes(frame.payloadLength());
    unackedBytes += bytes;
    diskBytes += bytes;
  }

  /**
   * Marks {@code sequence} acked and returns its segment, or null if the sequence is unknown
   * (dropped, deleted) or was acked before. The caller deletes the segment when done.
   */
  Segment ack(long sequence) {
    Map.Entry<Long, Segment> entry = segments.floorEntry(sequence);
    if (entry == null) {
      return null;
    }
    Segment s = entry.getValue();
    int index = s.indexOf(sequence);
    if (index < 0 || !s.markAcked(index)) {
      return null;
    }
    unackedRecords--;
    unackedBytes -= s.frameBytesAt(index);
    return s;
  }

  /**
   * Deletes a segment whose records are all acked. Never the active one: it holds the last sequence,
   * and the writer appends to it.
   */
  boolean deleteIfDone(Segment s) throws IOException {
    if (s.fullyAcked() && s != active() && !s.writerPinned()) {
      delete(s);
      return true;
    }
    return false;
  }

  /**
   * Deletes the file, then forgets the segment. If the deletion fails the segment stays known, so
   * the ack log keeps its acks and a later attempt can delete it.
   */
  void delete(Segment s) throws IOException {
    s.close();
    Files.deleteIfExists(s.path);
    Fsync.directory(dir);
    segments.remove(s.base);
    records -= s.count();
    unackedRecords -= s.unackedCount();
    unackedBytes -= s.unackedBytes();
    diskBytes -= s.publishedBytes();
  }

  /** Deletes the oldest segment; returns the unacked sequences it held, oldest first. */
  List<Long> dropOldest() throws IOException {
    Segment s = segments.firstEntry().getValue();
    List<Long> dropped = new ArrayList<>(s.unackedCount());
    for (int i = s.nextUnacked(0); i >= 0; i = s.nextUnacked(i + 1)) {
      dropped.add(s.sequenceAt(i));
    }
    delete(s);
    return dropped;
  }

  boolean isEmpty() {
    return segments.isEmpty();
  }

  /**
   * Unacked records with sequence {@code >= from}, in order, at most {@code maxRecords} and, except
   * for the first, at most {@code maxBytes} of payload.
   */
  List<OutboxRecord> read(long from, int maxRecords, long maxBytes) throws IOException {
    List<OutboxRecord> out = new ArrayList<>();
    long bytes = 0;
    for (Segment s : from(from).values()) {
      for (int i = s.nextUnacked(firstIndexAtOrAfter(s, from)); i >= 0; i = s.nextUnacked(i + 1)) {
        long size = s.frameBytesAt(i) - FrameCodec.HEADER_BYTES;
        if (out.size() >= maxRecords || (!out.isEmpty() && bytes + size > maxBytes)) {
          return out;
        }
        out.add(s.read(i));
        bytes += size;
      }
    }
    return out;
  }

  boolean hasUnackedFrom(long from) {
    for (Segment s : from(from).values()) {
      if (s.nextUnacked(firstIndexAtOrAfter(s, from)) >= 0) {
        return true;
      }
    }
    return false;
  }

  Optional<Instant> oldestUnackedAt() {
    for (Segment s : segments.values()) {
      int i = s.nextUnacked(0);
      if (i >= 0) {
        return Optional.of(s.appendedAt(i));
      }
    }
    return Optional.empty();
  }

  /** Acked sequences still in a segment: what the ack log must keep when it is rewritten. */
  long[] ackedSequences() {
    long[] out = new long[(int) (records - unackedRecords)];
    int n = 0;
    for (Segment s : segments.values()) {
      for (int i = 0; i < s.count(); i++) {
        if (s.isAcked(i)) {
          out[n++] = s.sequenceAt(i);
        }
      }
    }
    return out;
  }

  long ackedRecords() {
    return records - unackedRecords;
  }

  long unackedRecords() {
    return unackedRecords;
  }

  long unackedBytes() {
    return unackedBytes;
  }

  long diskBytes() {
    return diskBytes;
  }

  void closeAll() throws IOException {
    Segment.closeAll(segments.values());
  }

  private NavigableMap<Long, Segment> from(long sequence) {
    Long key = segments.floorKey(sequence);
    return key == null ? segments : segments.tailMap(key, true);
  }

  private static int firstIndexAtOrAfter(Segment s, long sequence) {
    int i = s.indexOf(sequence);
    return i >= 0 ? i : -i - 1;
  }
}
