package io.eoc.edge.outbox;

import io.eoc.edge.outbox.FrameCodec.Frame;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path of an {@link Outbox}. Called under the outbox write lock, so one append at a
 * time; takes the state lock only to make room, roll segments and publish, never across an fsync.
 */
final class Appender {
  private static final Logger log = LoggerFactory.getLogger(Appender.class);

  private final Path dir;
  private final OutboxConfig config;
  private final Clock clock;
  private final SegmentStore store;
  private final OutboxCounters counters;
  private final ReentrantLock state;
  private final Condition sendable;
  /** Highest sequence stored, -1 if none; written under both locks, read under either. */
  private long lastSequence;
  /** Set when a failed write could not be rolled back: the file tail is unknown until reopened. */
  private boolean broken;

  Appender(Path dir, OutboxConfig config, Clock clock, SegmentStore store, OutboxCounters counters,
      ReentrantLock state, Condition sendable) {
    this.dir = dir;
    this.config = config;
    this.clock = clock;
    this.store = store;
    this.counters = counters;
    this.state = state;
    this.sendable = sendable;
    Segment last = store.active();
    this.lastSequence = last == null ? -1 : last.lastSequence();
  }

  long lastSequence() {
    return lastSequence;
  }

  /** Stores the batch durably, all or nothing; see {@link Outbox#appendAll}. */
  List<Long> append(List<OutboxEntry> batch) throws IOException, OutboxFullException {
    long bytes = validate(batch);
    if (batch.isEmpty()) {
      return List.of();
    }
    List<Long> dropped = makeRoom(batch.size(), bytes);
    WrittenFrames written = new WrittenFrames();
    try {
      write(batch, written);
    } catch (IOException | RuntimeException e) {
      rollBack(written, e);
      throw e;
    }
    publish(written);
    return dropped;
  }

  private long validate(List<OutboxEntry> batch) throws IOException {
    if (broken) {
      throw new IOException("outbox " + dir + " could not undo a failed write; reopen it");
    }
    long previous = lastSequence;
    long bytes = 0;
    for (OutboxEntry e : batch) {
      if (e.sequence() <= previous) {
        throw new IllegalArgumentException("sequence " + e.sequence() + " is not above "
            + previous + ": outbox sequences must strictly increase (and be >= 0)");
      }
      if (e.payload().length > config.maxPayloadBytes()) {
        throw new IllegalArgumentException("payload of sequence " + e.sequence() + " has "
            + e.payload().length + " bytes, more than maxPayloadBytes " + config.maxPayloadBytes());
      }
      previous = e.sequence();
      bytes += FrameCodec.frameBytes(e.payload().length);
    }
    if (bytes > config.maxTotalBytes()) {
      throw new IllegalArgumentException("a batch of " + bytes + " bytes can never fit in "
          + "maxTotalBytes " + config.maxTotalBytes() + "; append fewer at a time");
    }
    return bytes;
  }

  private List<Long> makeRoom(int records, long bytes) throws IOException, OutboxFullException {
    state.lock();
    try {
      long max = config.maxTotalBytes();
      if (store.diskBytes() + bytes <= max) {
        return List.of();
      }
      if (config.fullPolicy() == FullPolicy.REFUSE_NEWEST) {
        counters.refusedNewest += records;
        throw new OutboxFullException(records, bytes, store.diskBytes(), max);
      }
      List<Long> dropped = new ArrayList<>();
      while (!store.isEmpty() && store.diskBytes() + bytes > max) {
        dropped.addAll(store.dropOldest());
      }
      counters.droppedOldest += dropped.size();
      if (!dropped.isEmpty()) {
        log.warn("outbox {} full ({} bytes max): dropped {} unacknowledged batches, sequences {}"
            + " to {}", dir, max, dropped.size(), dropped.get(0), dropped.get(dropped.size() - 1));
      }
      return List.copyOf(dropped);
    } finally {
      state.unlock();
    }
  }

  private void write(List<OutboxEntry> batch, WrittenFrames written) throws IOException {
    long millis = clock.millis();
    for (OutboxEntry e : batch) {
      byte[] payload = e.payload();
      Segment s = segmentFor(e.sequence(), FrameCodec.frameBytes(payload.length), written);
      long offset = s.write(FrameCodec.header(e.sequence(), millis, payload), payload);
      written.add(s, new Frame(offset, payload.length, e.sequence(), millis));
    }
    // One fsync for the whole batch: the group commit. Segments rolled away from are forced already.
    written.current().force();
  }

  /** The segment for the next frame, rolling over to a new one when it would not fit. */
  private Segment segmentFor(long sequence, long frameBytes, WrittenFrames written)
      throws IOException {
    Segment current = written.current() != null ? written.current() : lockedActive();
    if (current != null && (current.writePosition() == 0
        || current.writePosition() + frameBytes <= config.segmentBytes())) {
      return written.current() == current ? current : pin(current, written);
    }
    if (current != null && written.current() == current) {
      // Durable before the next segment exists: then only the last segment can end in a torn
      // write, even after a power loss, and a bad tail anywhere else is corruption.
      current.force();
    }
    state.lock();
    try {
      Segment next = store.startSegment(sequence);
      if (current != null) {
        store.deleteIfDone(current);
      }
      return pin(next, written);
    } finally {
      state.unlock();
    }
  }

  private Segment lockedActive() {
    state.lock();
    try {
      return store.active();
    } finally {
      state.unlock();
    }
  }

  /** Keeps ack callbacks from deleting a segment that holds frames not yet published. */
  private Segment pin(Segment s, WrittenFrames written) {
    state.lock();
    try {
      s.writerPinned(true);
      written.touch(s);
      return s;
    } finally {
      state.unlock();
    }
  }

  private void publish(WrittenFrames written) {
    state.lock();
    try {
      for (int i = 0; i < written.frames.size(); i++) {
        store.publish(written.segments.get(i), written.frames.get(i));
      }
      for (Segment s : written.touched) {
        s.writerPinned(false);
      }
      counters.appended += written.frames.size();
      lastSequence = written.lastSequence();
      sendable.signalAll();
    } finally {
      state.unlock();
    }
  }

  /** Undoes the unpublished frames of a failed append, so no half-written frame stays behind. */
  private void rollBack(WrittenFrames written, Exception cause) {
    state.lock();
    try {
      for (Segment s : written.touched) {
        s.writerPinned(false);
        if (s.count() == 0) {
          store.delete(s);
        } else {
          s.truncateToPublished();
        }
      }
    } catch (IOException | RuntimeException e) {
      broken = true;
      cause.addSuppressed(e);
      log.error("outbox {}: cannot undo a failed append; appends refused until reopened", dir, e);
    } finally {
      state.unlock();
    }
  }
}
