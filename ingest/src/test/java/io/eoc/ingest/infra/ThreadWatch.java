package io.eoc.ingest.infra;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Finds threads a server left behind after it was closed. */
final class ThreadWatch {

  /**
   * Threads that libraries start once per JVM and keep by design, so they are not a leak of one
   * server instance: Yammer Metrics (used by the Kafka broker) ticks every {@code Meter} from a
   * static two-thread daemon pool that is never shut down.
   */
  private static final Pattern JVM_WIDE = Pattern.compile("^metrics-meter-tick-thread-\\d+$");

  private ThreadWatch() {}

  /**
   * Waits up to {@code bound} for every thread started since {@code before} to end, apart from
   * JVM-wide library threads, and returns the names of those still alive.
   */
  static List<String> awaitOnlyJvmWideThreadsLeft(Set<Thread> before, Duration bound)
      throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    for (Thread thread : leftOver(before)) {
      long remainingMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
      if (remainingMillis > 0) {
        thread.join(remainingMillis);
      }
    }
    return leftOver(before).stream().map(Thread::getName).sorted().toList();
  }

  private static List<Thread> leftOver(Set<Thread> before) {
    Predicate<Thread> jvmWide = t -> JVM_WIDE.matcher(t.getName()).find();
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t))
        .filter(Thread::isAlive)
        .filter(jvmWide.negate())
        .toList();
  }
}
