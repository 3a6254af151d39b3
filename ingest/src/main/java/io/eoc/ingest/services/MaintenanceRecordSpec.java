package io.eoc.ingest.services;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A maintenance record entered directly: the device, optionally the plan it fulfils, and the work. */
public record MaintenanceRecordSpec(String agent, String device, Optional<Long> plan, MaintenanceWork work) {
  private static final Set<String> FIELDS;

  static {
    Set<String> f = new HashSet<>(MaintenanceWork.FIELDS);
    f.addAll(Set.of("agent", "device", "plan"));
    FIELDS = Set.copyOf(f);
  }

  public static MaintenanceRecordSpec of(Map<String, Object> json, Instant now) {
    Fields f = new Fields(json, FIELDS);
    String agent = f.name("agent", true).orElse("");
    String device = f.name("device", true).orElse("");
    Optional<Long> plan = f.whole("plan", false, 1, Long.MAX_VALUE);
    MaintenanceWork work = MaintenanceWork.read(f, Optional.empty(), now);
    f.check("maintenance record");
    return new MaintenanceRecordSpec(agent, device, plan, work);
  }
}
