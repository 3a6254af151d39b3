package io.eoc.edge.filter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exact counts by (device, tag, reason): totals since start, and the counts since the last
 * {@link #drainCounts()} that the agent ships with each batch. Safe for concurrent use by every
 * device thread; each increment is seen by exactly one drain.
 */
public final class FilterStats {
  private static final Comparator<DropCount> ORDER = Comparator.comparing(DropCount::device)
      .thenComparing(DropCount::tag).thenComparing(DropCount::reason);

  private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

  void count(String device, String tag, FilterReason reason) {
    Counter c = counters.computeIfAbsent(new Key(device, tag, reason), k -> new Counter());
    c.total.incrementAndGet();
    c.pending.incrementAndGet();
  }

  /** The count since start for one series and reason. */
  public long total(String device, String tag, FilterReason reason) {
    Counter c = counters.get(new Key(device, tag, reason));
    return c == null ? 0 : c.total.get();
  }

  /** Every non-zero count since start, ordered by device, tag, reason. */
  public List<DropCount> totals() {
    return collect(false);
  }

  /** The non-zero counts since the previous drain, ordered by device, tag, reason; resets them. */
  public List<DropCount> drainCounts() {
    return collect(true);
  }

  private List<DropCount> collect(boolean drain) {
    List<DropCount> out = new ArrayList<>();
    counters.forEach((key, c) -> {
      long n = drain ? c.pending.getAndSet(0) : c.total.get();
      if (n > 0) {
        out.add(new DropCount(key.device, key.tag, key.reason.id(), n));
      }
    });
    out.sort(ORDER);
    return List.copyOf(out);
  }

  private record Key(String device, String tag, FilterReason reason) {}

  private static final class Counter {
    final AtomicLong total = new AtomicLong();
    final AtomicLong pending = new AtomicLong();
  }
}
