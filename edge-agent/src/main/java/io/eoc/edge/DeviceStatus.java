package io.eoc.edge;

import java.time.Instant;
import java.util.Optional;

/** What the agent knows about one device's connection, for status output and metrics. */
public record DeviceStatus(String deviceId, State state, long reads, long failures,
    Optional<Instant> lastGoodRead, Optional<String> lastError) {

  public enum State {
    CONNECTING, ONLINE, OFFLINE
  }
}
