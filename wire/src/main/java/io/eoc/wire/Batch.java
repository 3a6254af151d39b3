package io.eoc.wire;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The unit the agent ships: points of one agent, numbered by a per-agent sequence that only
 * grows, so that the cloud can store each batch exactly once.
 */
public record Batch(String agentId, long sequence, Instant createdAt, List<Point> points) {

  public Batch {
    Names.requireName(agentId, "agent id");
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be >= 0, was " + sequence);
    }
    Objects.requireNonNull(createdAt, "createdAt");
    createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
    points = List.copyOf(points);
  }

  public int size() {
    return points.size();
  }
}
