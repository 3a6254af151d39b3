package io.eoc.ingest.pipeline;

import java.time.Instant;
import java.util.Optional;

/** Counters of the store consumer, for /health and progress output. */
public record SinkStats(long batches, long duplicates, long points, long catalogues, long rejected,
    long failures, Optional<Instant> lastCommit, Optional<String> lastError) {}
