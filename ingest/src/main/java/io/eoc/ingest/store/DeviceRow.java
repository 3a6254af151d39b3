package io.eoc.ingest.store;

import java.time.Instant;
import java.util.Optional;

/** A device as the cloud knows it (from the agent's catalogue and the stored telemetry). */
public record DeviceRow(String agentId, String id, String name, String category, String kind, String protocol,
    boolean simulated, Optional<Instant> lastPoint) {}
