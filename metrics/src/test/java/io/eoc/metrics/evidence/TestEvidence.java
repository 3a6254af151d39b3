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

  public EvidenceSet build() {
    return new EvidenceSet(window, "test evidence", available, devices, deviceHours, agentHours, drops, services, users,
        userHours, hosts, dataOps, declarations);
  }
}
