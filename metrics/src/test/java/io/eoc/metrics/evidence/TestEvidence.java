package io.eoc.metrics.evidence;

import io.eoc.metrics.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/** Builds evidence sets by hand for indicator tests whose answers are computed by hand. */
public final class TestEvidence {
  private final Window window;
  private final Set<Source> available = EnumSet.noneOf(Source.class);
  public final List<LedgerDevice> devices = new ArrayList<>();
  public final List<DeviceHour> deviceHours = new ArrayList<>();
  public final List<AgentHour> agentHours = new ArrayList<>();
  public final List<DropHour> drops = new ArrayList<>();
  public final List<ServiceHour> services = new ArrayList<>();
  public final List<UserAccount> users = new ArrayList<>();
  public final List<UserHour> userHours = new ArrayList<>();
  public final List<HostHour> hosts = new ArrayList<>();
  public final List<DataOpsDay> dataOps = new ArrayList<>();
  public final List<Declaration> declarations = new ArrayList<>();

  public TestEvidence(Window window, Source... sources) {
    this.window = window;
    available.addAll(List.of(sources));
  }

  public TestEvidence device(String id, String category, boolean simulated) {
    devices.add(new LedgerDevice(id, id.contains("/") ? id.substring(0, id.indexOf('/')) : "agent", id, category,
        "kind", "modbus-tcp", simulated, OptionalDouble.empty(), 0));
    return this;
  }

  public TestEvidence hour(String deviceId, Instant hour, long good, long bad) {
    deviceHours.add(new DeviceHour(deviceId, hour, good, bad, 0, 0));
    return this;
  }

  /** A device with a poll plan and, when {@code value10kCny >= 0}, an entered purchase value. */
  public TestEvidence device(String id, String category, double expectedPerHour, double value10kCny) {
    devices.add(new LedgerDevice(id, "agent", id, category, "kind", "modbus-tcp", false,
        value10kCny >= 0 ? OptionalDouble.of(value10kCny) : OptionalDouble.empty(), expectedPerHour));
    return this;
  }

  public TestEvidence derived(String deviceId, Instant hour, long derived) {
    deviceHours.add(new DeviceHour(deviceId, hour, 0, 0, derived, 0));
    return this;
  }

  public TestEvidence agent(String agentId, Instant hour, long batches, long points, long wireBytes) {
    agentHours.add(new AgentHour(agentId, hour, batches, points, wireBytes, 0, 0));
    return this;
  }

  public TestEvidence drop(String agentId, Instant hour, String reason, long count) {
    drops.add(new DropHour(agentId, hour, reason, count));
    return this;
  }

  public TestEvidence use(String service, Instant hour, long uses, boolean backfill) {
    services.add(new ServiceHour(service, hour, uses, backfill));
    return this;
  }

  public TestEvidence user(String userId, Instant createdAt) {
    users.add(new UserAccount(userId, "operator", createdAt, java.util.Optional.empty()));
    return this;
  }

  public TestEvidence active(String userId, Instant hour) {
    userHours.add(new UserHour(userId, hour, false));
    return this;
  }

  public TestEvidence host(String hostId, Instant hour, double cpu, double rx, double tx, double link, long samples) {
    hosts.add(new HostHour(hostId, hour, cpu, rx, tx, link, samples, false));
    return this;
  }

  public TestEvidence ops(java.time.LocalDate day, long writes, long reads, java.util.OptionalLong commits) {
    dataOps.add(new DataOpsDay(day, writes, reads, commits));
    return this;
  }

  public TestEvidence declare(String item, double value, String unit, Instant at) {
    declarations.add(new Declaration(item, value, unit, "contract " + item + "-" + at.getEpochSecond(), at, "cfo"));
    return this;
  }

  public EvidenceSet build() {
    return new EvidenceSet(window, "test evidence", available, devices, deviceHours, agentHours, drops, services, users,
        userHours, hosts, dataOps, declarations);
  }
}
