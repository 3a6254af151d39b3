package io.eoc.edge.outbox;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable store-and-forward queue of sealed batches: every batch is appended here before it is
 * sent, and deleted only after the cloud acknowledged it. See {@link FrameCodec} for the file
 * format, {@link Recovery} for what happens to damaged files, {@link AckLog} for how acks survive.
 *
 * <p>Thread safety: appends are serialized by a write lock that is held across write and fsync;
 * the index, the send cursor and the counters sit behind a separate state lock that is never held
 * during an fsync of a segment, so the sender and ack callbacks are not stalled by the writer.
 * Records become visible to {@link #pending} only once durable.
 */
public final class Outbox implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);
  /** The ack log is rewritten once it holds this many entries more than twice the live acks. */
  private static final long ACK_LOG_SLACK = 4096;

  private final Path dir;
  private final DirectoryLock directoryLock;
  private final AckLog ackLog;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ReentrantLock state = new ReentrantLock();
  private final Condition sendable = state.newCondition();
  private final SegmentStore store;
  private final OutboxCounters counters;
  private final Appender appender;
  private long nextToSend = Long.MIN_VALUE;
  private boolean closed;

  private Outbox(Path dir, OutboxConfig config, Clock clock, DirectoryLock directoryLock,
      Recovery.Result recovered, AckLog ackLog) {
    this.dir = dir;
    this.directoryLock = directoryLock;
    this.ackLog = ackLog;
    this.store = new SegmentStore(dir, recovered.segments());
    this.counters = new OutboxCounters(recovered.tornTails(), recovered.quarantined());
    this.appender = new Appender(dir, config, clock, store, counters, state, sendable);
  }

  /**
   * Opens (creating if needed) the outbox in {@code dir}, recovering what a crash left behind. The
   * directory is locked against a second open, in this or another process.
   */
  public static Outbox open(Path dir, OutboxConfig config, Clock clock) throws IOException {
    Files.createDirectories(dir);
    DirectoryLock directoryLock = DirectoryLock.acquire(dir);
    Outbox outbox = null;
    try {
      Recovery.Result recovered = Recovery.run(dir);
      AckLog.Loaded acks;
      try {
        acks = AckLog.open(dir, config.ackSyncEvery());
      } catch (IOException | RuntimeException e) {
        Segment.closeAll(recovered.segments());
        throw e;
      }
      outbox = new Outbox(dir, config, clock, directoryLock, recovered, acks.log());
      outbox.applyRecoveredAcks(acks.acked());
      return outbox;
    } catch (IOException | RuntimeException e) {
      try {
        (outbox != null ? outbox : directoryLock).close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Stores one batch; returns once it is on disk (fsync). Same as {@link #appendAll} with one entry.
   *
   * @return sequences of unacknowledged batches dropped to make room ({@link FullPolicy#DROP_OLDEST}),
   *     oldest first; almost always empty
   * @throws IllegalArgumentException if {@code sequence} is not above every sequence appended so far
   * @throws OutboxFullException if full and the policy is {@link FullPolicy#REFUSE_NEWEST}
   */
  public List<Long> append(long sequence, byte[] payload) throws IOException, OutboxFullException {
    return appendAll(List.of(new OutboxEntry(sequence, payload)));
  }

  /**
   * Stores several batches with a single fsync (group commit); returns once all are durable. All or
   * nothing: on an exception none of them is stored or counted as appended.
   */
  public List<Long> appendAll(List<OutboxEntry> entries) throws IOException, OutboxFullException {
    List<OutboxEntry> batch = List.copyOf(entries);
    writeLock.lock();
    try {
      checkOpen();
      return appender.append(batch);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Marks a batch acknowledged by the cloud, in any order; unknown or repeated sequences are
   * ignored. A segment is deleted once all its records are acked (except the newest segment).
   */
  public void ack(long sequence) throws IOException {
    state.lock();
    try {
      if (closed) {
        // MQTT callbacks may still arrive while the agent shuts down; the cloud will re-ack.
        log.debug("outbox closed; ack of {} ignored", sequence);
        return;
      }
      Segment segment = store.ack(sequence);
      if (segment == null) {
        return;
      }
      counters.acked++;
      ackLog.append(sequence);
      store.deleteIfDone(segment);
      if (ackLog.entries() > 2 * store.ackedRecords() + ACK_LOG_SLACK) {
        ackLog.rewrite(store.ackedSequences());
      }
    } finally {
      state.unlock();
    }
    if (ackLog.syncDue()) {
      ackLog.sync();
    }
  }

  /**
   * The next unacknowledged records not handed out yet, in sequence order: at most
   * {@code maxRecords}. Advances the send cursor past them.
   */
  public List<OutboxRecord> pending(int maxRecords) throws IOException {
    return pending(maxRecords, Long.MAX_VALUE);
  }

  /** As {@link #pending(int)}, also stopping before {@code maxBytes} of payload (one at least). */
  public List<OutboxRecord> pending(int maxRecords, long maxBytes) throws IOException {
    if (maxRecords < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("need maxRecords >= 1 and maxBytes >= 1, got "
          + maxRecords + ", " + maxBytes);
    }
    state.lock();
    try {
      checkOpen();
      List<OutboxRecord> records = store.read(nextToSend, maxRecords, maxBytes);
      if (!records.isEmpty()) {
        nextToSend = records.get(records.size() - 1).sequence() + 1;
      }
      return records;
    } finally {
      state.unlock();
    }
  }

  /**
   * Waits until {@link #pending} has something to return; false on timeout or close. Lets the
   * sender block instead of polling.
   */
  public boolean awaitPending(Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    state.lock();
    try {
      while (!closed && !store.hasUnackedFrom(nextToSend)) {
        if (nanos <= 0) {
          return false;
        }
        nanos = sendable.awaitNanos(nanos);
      }
      return !closed;
    } finally {
      state.unlock();
    }
  }

  /** Hands out every unacknowledged record again, e.g. after a reconnect. */
  public void rewind() {
    state.lock();
    try {
      nextToSend = Long.MIN_VALUE;
      sendable.signalAll();
    } finally {
      state.unlock();
    }
  }

  /** The highest sequence stored, acked or not, if any; the writer must go above it. */
  public OptionalLong lastSequence() {
    state.lock();
    try {
      long last = appender.lastSequence();
      return last < 0 ? OptionalLong.empty() : OptionalLong.of(last);
    } finally {
      state.unlock();
    }
  }

  public OutboxStats stats() {
    state.lock();
    try {
      return counters.snapshot(store);
    } finally {
      state.unlock();
    }
  }

  /** Idempotent; waits for an append in progress. */
  @Override
  public void close() throws IOException {
    writeLock.lock();
    state.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      sendable.signalAll();
      try (directoryLock; ackLog) {
        store.closeAll();
      }
    } finally {
      state.unlock();
      writeLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "Outbox[" + dir + "]";
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("outbox " + dir + " is closed");
    }
  }

  // ---- open ----

  private void applyRecoveredAcks(long[] acked) throws IOException {
    state.lock();
    try {
      for (long sequence : acked) {
        Segment segment = store.ack(sequence);
        if (segment != null) {
          store.deleteIfDone(segment);
        }
      }
      ackLog.rewrite(store.ackedSequences());
      log.info("outbox {} opened: {} unacknowledged batches ({} bytes, oldest {}), {} bytes on"
          + " disk, last sequence {}; {} torn tail(s) truncated, {} corrupt region(s) quarantined",
          dir, store.unackedRecords(), store.unackedBytes(),
          store.oldestUnackedAt().map(String::valueOf).orElse("-"), store.diskBytes(),
          appender.lastSequence(), counters.tornTails, counters.quarantined);
    } finally {
      state.unlock();
    }
  }
}
