package io.eoc.sim.modbus;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one device published after a tick or a write, never modified afterwards, so that every
 * read is served from one consistent state.
 *
 * @param values engineering values by tag, before faults
 * @param image the register image of {@code values} (not copied: never handed out)
 * @param tickAt when it was published, from the server's clock
 * @param simulatedAt the model's simulated time
 */
record UnitSnapshot(Map<String, Double> values, short[] image, Instant tickAt,
    Instant simulatedAt) {

  UnitSnapshot {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
