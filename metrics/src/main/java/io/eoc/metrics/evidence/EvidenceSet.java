package io.eoc.metrics.evidence;

import io.eoc.metrics.Window;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * All evidence for one window, as data. Rows lie inside the window (hour rows: their hour starts
 * in it). {@code available} names the sources this cloud holds; an indicator reading another
 * source reports "no evidence".
 *
 * @param describe where it came from, for the report's provenance (database, export file…)
 */
public record EvidenceSet(Window window, String describe, Set<Source> available, List<LedgerDevice> devices,
    List<DeviceHour> deviceHours, List<AgentHour> agentHours, List<DropHour> drops, List<ServiceHour> services,
    List<UserAccount> users, List<UserHour> userHours, List<HostHour> hosts, List<DataOpsDay> dataOps,
    List<Declaration> declarations) {

  public EvidenceSet {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(describe, "describe");
    available = available.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(available));
    devices = List.copyOf(devices);
    deviceHours = List.copyOf(deviceHours);
    agentHours = List.copyOf(agentHours);
    drops = List.copyOf(drops);
    services = List.copyOf(services);
    users = List.copyOf(users);
    userHours = List.copyOf(userHours);
    hosts = List.copyOf(hosts);
    dataOps = List.copyOf(dataOps);
    declarations = List.copyOf(declarations);
  }

  /** No source at all, with the reason (for example: the database could not be read). */
  public static EvidenceSet none(Window window, String why) {
    return new EvidenceSet(window, why, Set.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of(), List.of(), List.of());
  }

  public boolean has(Source source) {
    return available.contains(source);
  }

  /** True when any telemetry, host sample, use or activity in the set was pushed by a backfill. */
  public boolean containsBackfill() {
    return deviceHours.stream().anyMatch(h -> h.backfillPoints() > 0) || agentHours.stream().anyMatch(h -> h.backfillBatches() > 0)
        || services.stream().anyMatch(ServiceHour::backfill) || userHours.stream().anyMatch(UserHour::backfill)
        || hosts.stream().anyMatch(HostHour::backfill);
  }

  /** True when any device of the ledger identifies itself as simulated. */
  public boolean containsSimulated() {
    return devices.stream().anyMatch(LedgerDevice::simulated);
  }
}
