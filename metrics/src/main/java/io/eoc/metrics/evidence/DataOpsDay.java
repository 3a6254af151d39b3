package io.eoc.metrics.evidence;

import java.time.LocalDate;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The system's own data operations on one UTC day: writes (telemetry batches stored, records
 * created by services) and reads (queries served by services and the API), as counted by the cloud,
 * with the database's committed transactions over the same day as an independent cross-check.
 */
public record DataOpsDay(LocalDate day, long writes, long reads, OptionalLong databaseCommits) {
  public DataOpsDay {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(databaseCommits, "databaseCommits");
    Hours.requireCounts(writes, reads);
  }
}
