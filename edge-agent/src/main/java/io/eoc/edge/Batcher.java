package io.eoc.edge;

import io.eoc.edge.config.AgentConfig;
import io.eoc.wire.Batch;
import io.eoc.wire.Point;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Collects points from all devices into numbered batches by size and age. */
final class Batcher implements AutoCloseable {
  private final String agentId;
  private final AgentConfig.Batching settings;
  private final SequenceStore sequences;
  private final Consumer<Batch> out;
  private final Clock clock;
  private List<Point> buffer = new ArrayList<>();

  Batcher(String agentId, AgentConfig.Batching settings, SequenceStore sequences, Consumer<Batch> out,
      Clock clock, ScheduledExecutorService timer) {
    this.agentId = agentId;
    this.settings = settings;
    this.sequences = sequences;
    this.out = out;
    this.clock = clock;
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
    out.accept(new Batch(agentId, sequences.next(), clock.instant(), points));
  }

  @Override
  public void close() {
    flush();
  }
}
