package io.eoc.metrics.evidence;

import java.time.Instant;
import java.util.Objects;

/** Points the edge removed (invalid, abnormal, redundant…) for one reason, by agent and batch hour. */
public record DropHour(String agentId, Instant hour, String reason, long count) {
  public DropHour {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(reason, "reason");
    Hours.requireHour(hour);
    Hours.requireCounts(count);
  }
}
