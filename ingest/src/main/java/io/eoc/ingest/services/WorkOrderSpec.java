package io.eoc.ingest.services;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A new work order: from scratch (agent and device), from an alarm ({@code alarm: {name, raisedAt}}
 * of the device) or from an abnormal item of an inspection round ({@code inspection: {record, item}};
 * the device is the round's). {@code maintenancePlan} links a maintenance order to the plan it fulfils.
 */
public record WorkOrderSpec(Optional<String> agent, Optional<String> device, String kind, String title, Optional<String> description,
    Optional<String> assignee, Optional<AlarmRef> alarm, Optional<InspectionRef> inspection, Optional<Long> maintenancePlan) {
  /** Work-order types (自定义工单类型 would need an admin list; these four cover the 设备管理 subdomains). */
  public static final List<String> KINDS = List.of("repair", "maintenance", "inspection", "other");
  private static final Set<String> FIELDS = Set.of("agent", "device", "kind", "title", "description", "assignee", "alarm", "inspection",
      "maintenancePlan");

  public record AlarmRef(String name, Instant raisedAt) {}

  public record InspectionRef(long record, String item) {}

  public static WorkOrderSpec of(Map<String, Object> json) {
    Fields f = new Fields(json, FIELDS);
    Optional<String> agent = f.name("agent", false);
    Optional<String> device = f.name("device", false);
    String kind = f.choice("kind", false, KINDS).orElse("repair");
    String title = f.text("title", true).orElse("");
    Optional<String> description = f.text("description", false);
    Optional<String> assignee = f.text("assignee", false);
    Optional<AlarmRef> alarm = f.object("alarm").map(m -> {
      Fields a = new Fields(m, Set.of("name", "raisedAt"), "alarm.", f.errors());
      return new AlarmRef(a.name("name", true).orElse(""), a.instant("raisedAt", true).orElse(Instant.EPOCH));
    });
    Optional<InspectionRef> inspection = f.object("inspection").map(m -> {
      Fields i = new Fields(m, Set.of("record", "item"), "inspection.", f.errors());
      return new InspectionRef(i.whole("record", true, 1, Long.MAX_VALUE).orElse(0L), i.text("item", true).orElse(""));
    });
    Optional<Long> plan = f.whole("maintenancePlan", false, 1, Long.MAX_VALUE);
    if (alarm.isPresent() && inspection.isPresent()) {
      f.error("fields 'alarm' and 'inspection' exclude each other: a work order comes from one source");
    }
    if (inspection.isEmpty() && (agent.isEmpty() || device.isEmpty())) {
      f.error("fields 'agent' and 'device' are required unless the work order comes from an inspection (whose device it takes)");
    }
    if (plan.isPresent() && !kind.equals("maintenance")) {
      f.error("field 'maintenancePlan' needs kind 'maintenance', was '" + kind + "'");
    }
    f.check("work order");
    return new WorkOrderSpec(agent, device, kind, title, description, assignee, alarm, inspection, plan);
  }
}
