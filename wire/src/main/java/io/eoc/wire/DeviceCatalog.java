package io.eoc.wire;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/** The full list of an agent's devices, sent on every (re)connect so the cloud's ledger follows it. */
public record DeviceCatalog(String agentId, Instant at, List<DeviceInfo> devices) {
  public DeviceCatalog {
    Names.requireName(agentId, "agent id");
    at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
    devices = List.copyOf(devices);
  }
}
