package io.eoc.edge;

import io.eoc.edge.config.AgentConfig;
import io.eoc.wire.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Collects points from all devices into batches by size and age. */
final class Batcher implements AutoCloseable {
  private final AgentConfig.Batching settings;
  private final Consumer<List<Point>> out;
  private List<Point> buffer = new ArrayList<>();

  Batcher(AgentConfig.Batching settings, Consumer<List<Point>> out, ScheduledExecutorService timer) {
    this.settings = settings;
    this.out = out;
    long period = Math.max(1, settings.maxDelay().toMillis());
    timer.scheduleWithFixedDelay(this::flush, period, period, TimeUnit.MILLISECONDS);
  }

  /** Synchronized so that sequence numbers follow the order in which points arrived. */
  synchronized void accept(List<Point> points) {
    for (Point p : points) {
      buffer.add(p);
      if (buffer.size() >= settings.maxPoints()) {
        flush();
      }
    }
  }

  synchronized void flush() {
    if (buffer.isEmpty()) {
      return;
    }
    List<Point> taken = buffer;
    buffer = new ArrayList<>();
    ship(taken);
  }

  private void ship(List<Point> points) {
    out.accept(points);
  }

  @Override
  public void close() {
    flush();
  }
}
