package io.eoc.wire.io;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets a few log lines through per minute and counts the rest, so that a client (or an attacker)
 * sending junk in a loop cannot flood the log; the counters still record every event.
 */
public final class LogLimiter {
  private static final long WINDOW_NANOS = 60_000_000_000L;
  private final int perWindow;
  private final AtomicLong windowStart = new AtomicLong(System.nanoTime());
  private final AtomicLong inWindow = new AtomicLong();
  private final AtomicLong suppressed = new AtomicLong();

  public LogLimiter(int perWindow) {
    this.perWindow = perWindow;
  }

  /** Whether to log this event; when it says yes, {@link #drainSuppressed()} tells how many were skipped. */
  public boolean allow() {
    long now = System.nanoTime();
    long start = windowStart.get();
    if (now - start > WINDOW_NANOS && windowStart.compareAndSet(start, now)) {
      inWindow.set(0);
    }
    if (inWindow.incrementAndGet() <= perWindow) {
      return true;
    }
    suppressed.incrementAndGet();
    return false;
  }

  public long drainSuppressed() {
    return suppressed.getAndSet(0);
  }
}
