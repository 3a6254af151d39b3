package io.eoc.ingest.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A hand-written in-memory {@link AuditLog}: keeps every event; tests wait for one with a bound. */
final class RecordingAuditLog implements AuditLog {

  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
  private final BlockingQueue<AuditEvent> arrivals = new LinkedBlockingQueue<>();

  @Override
  public void record(AuditEvent event) {
    events.add(event);
    arrivals.add(event);
  }

  List<AuditEvent> events() {
    return List.copyOf(events);
  }

  List<AuditEvent> events(String kind) {
    return events.stream().filter(e -> e.kind().equals(kind)).toList();
  }

  /** The next event of {@code kind} to arrive, waiting at most {@link #TIMEOUT}; others are skipped. */
  AuditEvent await(String kind) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    for (long left = TIMEOUT.toNanos(); left > 0; left = deadline - System.nanoTime()) {
      AuditEvent event = arrivals.poll(left, TimeUnit.NANOSECONDS);
      if (event != null && event.kind().equals(kind)) {
        return event;
      }
    }
    throw new AssertionError("no " + kind + " audit event within " + TIMEOUT + "; recorded: " + events);
  }
}
