package io.eoc.edge;

import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Polls one device on its own scheduler, so a slow or dead device never delays another. When the
 * device cannot be reached its tags are reported with bad quality and the next attempt waits
 * with exponential backoff; the agent itself never stops.
 */
final class DevicePoller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DevicePoller.class);

  private final DeviceDriver driver;
  private final List<String> tags;
  private final Duration interval;
  private final Consumer<List<Point>> sink;
  private final Clock clock;
  private final Backoff backoff;
  private final ScheduledExecutorService scheduler;
  private volatile boolean running;
  private volatile DeviceStatus status;

  DevicePoller(DeviceDriver driver, List<String> tags, Duration interval, Consumer<List<Point>> sink,
      Clock clock, Backoff backoff, ScheduledExecutorService scheduler) {
    this.driver = driver;
    this.tags = List.copyOf(tags);
    this.interval = interval;
    this.sink = sink;
    this.clock = clock;
    this.backoff = backoff;
    this.scheduler = scheduler;
    this.status = new DeviceStatus(driver.deviceId(), DeviceStatus.State.CONNECTING, 0, 0,
        Optional.empty(), Optional.empty());
  }

  void start() {
    running = true;
    scheduler.schedule(this::poll, 0, TimeUnit.MILLISECONDS);
  }

  /**
   * Writes {@code tag} on the poller's own thread, so that the write never overlaps a read of this
   * device, then reads the device once for the value now held.
   */
  java.util.concurrent.CompletableFuture<java.util.OptionalDouble> write(String tag, double value) {
    java.util.concurrent.CompletableFuture<java.util.OptionalDouble> done = new java.util.concurrent.CompletableFuture<>();
    try {
      scheduler.execute(() -> {
        try {
          driver.write(tag, value);
          done.complete(driver.read().stream().filter(p -> p.tag().equals(tag) && p.quality().isGood())
              .mapToDouble(Point::value).findFirst());
        } catch (IOException | RuntimeException e) {
          done.completeExceptionally(e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      done.completeExceptionally(new IOException("device " + driver.deviceId() + " is stopping"));
    }
    return done;
  }

  DeviceStatus status() {
    return status;
  }

  private void poll() {
    if (!running) {
      return;
    }
    long started = System.nanoTime();
    Duration next = interval;
    MDC.put("device", driver.deviceId());
    try {
      List<Point> points = driver.read();
      sink.accept(points);
      onSuccess();
    } catch (IOException | RuntimeException e) {
      next = onFailure(e);
    } finally {
      MDC.remove("device");
      reschedule(next, started);
    }
  }

  private void onSuccess() {
    DeviceStatus s = status;
    if (s.state() == DeviceStatus.State.OFFLINE) {
      log.info("device {} is reachable again after {} failed attempts", s.deviceId(), backoff.attempts());
    }
    backoff.reset();
    status = new DeviceStatus(s.deviceId(), DeviceStatus.State.ONLINE, s.reads() + 1, s.failures(),
        Optional.of(clock.instant()), s.lastError());
  }

  private Duration onFailure(Exception e) {
    driver.disconnect();
    Instant now = clock.instant();
    sink.accept(tags.stream().map(t -> Point.bad(driver.deviceId(), t, now, Quality.BAD_NO_COMMUNICATION)).toList());
    Duration wait = backoff.next();
    DeviceStatus s = status;
    if (s.state() != DeviceStatus.State.OFFLINE) {
      log.warn("device {} unreachable, retrying with backoff: {}", s.deviceId(), e.getMessage());
    } else {
      log.debug("device {} still unreachable, next attempt in {} ms: {}", s.deviceId(), wait.toMillis(), e.getMessage());
    }
    if (e instanceof RuntimeException) {
      log.error("unexpected failure polling device {}", s.deviceId(), e);
    }
    status = new DeviceStatus(s.deviceId(), DeviceStatus.State.OFFLINE, s.reads(), s.failures() + 1,
        s.lastGoodRead(), Optional.of(e.getMessage() == null ? e.toString() : e.getMessage()));
    return wait.compareTo(interval) > 0 ? wait : interval;
  }

  private void reschedule(Duration next, long startedNanos) {
    if (!running) {
      return;
    }
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    long delay = Math.max(0, next.toMillis() - elapsedMs);
    try {
      scheduler.schedule(this::poll, delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      running = false; // shutting down
    }
  }

  @Override
  public void close() {
    running = false;
    driver.close();
  }
}
