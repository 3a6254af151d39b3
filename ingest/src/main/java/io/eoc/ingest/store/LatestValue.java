package io.eoc.ingest.store;

import java.time.Instant;

/** The most recent stored point of one series. */
public record LatestValue(String agentId, String deviceId, String tag, String unit, Instant time, double value, int quality) {}
