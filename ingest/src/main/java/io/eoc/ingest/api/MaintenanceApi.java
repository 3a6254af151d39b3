package io.eoc.ingest.api;

import io.eoc.ingest.services.Maintenance;
import io.eoc.ingest.services.MaintenanceRecordSpec;
import io.eoc.ingest.services.Service;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** 设备管理/维修保养 (jiangsu-2023 §四): maintenance plans, records, next due and overdue; every request a use of {@code maintenance}. */
final class MaintenanceApi {
  private final Maintenance maintenance;
  private final Clock clock;
  private final Audit audit;
  private final Recorded recorded;

  MaintenanceApi(DataSource dataSource, Clock clock, Audit audit, Recorded recorded) {
    this.maintenance = new Maintenance(dataSource, clock);
    this.clock = clock;
    this.audit = audit;
    this.recorded = recorded;
  }

  void register(Router router) {
    router.get("/api/maintenance/plans", Access.READ, use((req, g) -> ApiResponse.json(200, Map.of("plans",
        maintenance.plans(Params.name(req, "agent"), Params.name(req, "device"), Optional.empty()).stream().map(MaintenanceApi::view).toList()))));
    router.post("/api/maintenance/plans", Access.WRITE, use((req, g) -> createPlan(req)));
    router.get("/api/maintenance/records", Access.READ, use((req, g) -> ApiResponse.json(200, Map.of("records",
        maintenance.records(Params.name(req, "agent"), Params.name(req, "device"), Optional.empty()).stream().map(MaintenanceApi::view)
            .toList()))));
    router.post("/api/maintenance/records", Access.WRITE, use((req, g) -> record(req)));
    router.get("/api/maintenance/overdue", Access.READ, use((req, g) -> ApiResponse.json(200, Map.of("overdue",
        maintenance.overdue().stream().map(MaintenanceApi::view).toList()))));
  }

  private Route use(Route route) {
    return recorded.use(Service.MAINTENANCE, route);
  }

  private ApiResponse createPlan(ApiRequest req) throws Exception {
    String actor = req.requireCaller().describe();
    Maintenance.Plan p = audit.write(actor, "maintenance-plan", "-", () -> maintenance.createPlan(JsonBody.object(req), actor),
        r -> new Audit.Entry("maintenance-plan:" + r.id(), "device " + r.agent() + "/" + r.device() + ", '" + r.name() + "', every "
            + r.intervalDays() + " day(s)"));
    return ApiResponse.json(201, view(p));
  }

  private ApiResponse record(ApiRequest req) throws Exception {
    String actor = req.requireCaller().describe();
    Maintenance.Record r = audit.write(actor, "maintenance-record", "-", () -> maintenance.record(
        MaintenanceRecordSpec.of(JsonBody.object(req), clock.instant()), actor), x -> new Audit.Entry("maintenance-record:" + x.id(),
        "device " + x.agent() + "/" + x.device() + ", plan " + Params.text(x.plan()) + ", cost " + x.costCny().toPlainString() + " CNY"));
    return ApiResponse.json(201, view(r));
  }

  private static Map<String, Object> view(Maintenance.Plan p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id());
    m.put("agent", p.agent());
    m.put("device", p.device());
    m.put("name", p.name());
    m.put("intervalDays", p.intervalDays());
    m.put("createdBy", p.createdBy());
    m.put("createdAt", p.createdAt().toString());
    m.put("lastDone", p.lastDone().map(Object::toString).orElse(null));
    m.put("nextDue", p.nextDue().toString());
    m.put("overdue", p.overdue());
    return m;
  }

  static Map<String, Object> view(Maintenance.Record r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("agent", r.agent());
    m.put("device", r.device());
    m.put("plan", r.plan().orElse(null));
    m.put("workOrder", r.workOrder().orElse(null));
    m.put("work", r.work());
    m.put("parts", r.parts());
    m.put("costCny", r.costCny());
    m.put("performedBy", r.performedBy());
    m.put("performedAt", r.performedAt().toString());
    m.put("recordedAt", r.recordedAt().toString());
    return m;
  }
}
