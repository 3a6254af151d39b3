package io.eoc.sim.modbus;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The most recent reads a simulated device served, oldest first, bounded so a simulator left
 * running for days holds constant memory. Thread-safe: connection threads append while tests read.
 */
public final class ServedLog {

  /** Enough for ~3 h of one agent polling every 100 ms. */
  public static final int DEFAULT_CAPACITY = 100_000;

  private final int capacity;
  private final ArrayDeque<ServedRead> reads = new ArrayDeque<>();
  private long total;

  public ServedLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
  }

  public int capacity() {
    return capacity;
  }

  /** Appends, dropping the oldest entry when full. */
  public synchronized void record(ServedRead read) {
    Objects.requireNonNull(read, "read");
    if (reads.size() == capacity) {
      reads.removeFirst();
    }
    reads.addLast(read);
    total++;
  }

  /** A copy of the retained reads, oldest first. */
  public synchronized List<ServedRead> reads() {
    return List.copyOf(reads);
  }

  /** Retained reads served at or after {@code from}, oldest first. */
  public synchronized List<ServedRead> readsSince(Instant from) {
    Objects.requireNonNull(from, "from");
    return reads.stream().filter(r -> !r.servedAt().isBefore(from)).toList();
  }

  public synchronized Optional<ServedRead> latest() {
    return Optional.ofNullable(reads.peekLast());
  }

  /** Number of retained reads (at most the capacity). */
  public synchronized int size() {
    return reads.size();
  }

  /** Reads recorded since creation, including those already dropped. */
  public synchronized long totalRecorded() {
    return total;
  }
}
