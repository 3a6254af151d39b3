package io.eoc.wire;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The unit the agent ships: points of one agent, numbered by a per-agent sequence that only
 * grows, so that the cloud can store each batch exactly once; and how many readings the agent
 * dropped at the edge in that window ({@link DropCount}), so that filtering stays visible.
 */
public record Batch(String agentId, long sequence, Instant createdAt, List<Point> points,
    List<DropCount> dropped) {

  public Batch {
    Names.requireName(agentId, "agent id");
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be >= 0, was " + sequence);
    }
    Objects.requireNonNull(createdAt, "createdAt");
    createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
    points = List.copyOf(points);
    dropped = List.copyOf(dropped);
  }

  /** A batch with nothing dropped. */
  public Batch(String agentId, long sequence, Instant createdAt, List<Point> points) {
    this(agentId, sequence, createdAt, points, List.of());
  }

  public Batch withDropped(List<DropCount> dropped) {
    return new Batch(agentId, sequence, createdAt, points, dropped);
  }

  public int size() {
    return points.size();
  }
}
