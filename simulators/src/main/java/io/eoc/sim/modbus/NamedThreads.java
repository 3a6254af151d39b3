package io.eoc.sim.modbus;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;

/**
 * Daemon threads named after the device and their role, with the device in the logging MDC.
 * Remembers the threads it made so that a close can join them: an executor's
 * {@code awaitTermination} returns while its last worker thread may still be alive.
 */
final class NamedThreads implements ThreadFactory {

  /** Every simulator thread name starts with this, so tests can check none are left behind. */
  static final String PREFIX = "eoc-sim-";

  private final String deviceId;
  private final String role;
  private final AtomicInteger count = new AtomicInteger();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

  NamedThreads(String deviceId, String role) {
    this.deviceId = deviceId;
    this.role = role;
  }

  static String prefix(String deviceId) {
    return PREFIX + deviceId + "-";
  }

  @Override
  public Thread newThread(Runnable task) {
    Runnable withDevice = () -> {
      MDC.put("device", deviceId);
      try {
        task.run();
      } finally {
        MDC.remove("device");
      }
    };
    Thread thread = new Thread(withDevice, prefix(deviceId) + role + "-" + count.incrementAndGet());
    thread.setDaemon(true);
    threads.removeIf(t -> !t.isAlive() && t.getState() == Thread.State.TERMINATED);
    threads.add(thread);
    return thread;
  }

  /**
   * Waits until every thread made here has ended (the caller has already told them to stop).
   *
   * @return false if some thread was still alive after {@code timeoutMillis}
   */
  boolean joinAll(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (Thread thread : threads) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left > 0) {
        thread.join(left);
      }
    }
    return threads.stream().noneMatch(Thread::isAlive);
  }
}
