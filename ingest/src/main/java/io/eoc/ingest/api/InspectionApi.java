package io.eoc.ingest.api;

import io.eoc.ingest.services.InspectionPlanSpec;
import io.eoc.ingest.services.InspectionRound;
import io.eoc.ingest.services.Inspections;
import io.eoc.ingest.services.Service;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** 设备管理/设备点检 (jiangsu-2023 §四): inspection plans, rounds and the overdue list; every request a use of {@code inspection}. */
final class InspectionApi {
  private final Inspections inspections;
  private final Audit audit;
  private final Recorded recorded;

  InspectionApi(DataSource dataSource, Clock clock, Audit audit, Recorded recorded) {
    this.inspections = new Inspections(dataSource, clock);
    this.audit = audit;
    this.recorded = recorded;
  }

  void register(Router router) {
    router.get("/api/inspection/plans", Access.READ, use((req, g) -> ApiResponse.json(200, Map.of("plans",
        inspections.plans(Params.name(req, "agent"), Params.name(req, "device"), Optional.empty()).stream().map(InspectionApi::view).toList()))));
    router.post("/api/inspection/plans", Access.WRITE, use((req, g) -> createPlan(req)));
    router.get("/api/inspection/plans/([^/]+)", Access.READ, use((req, g) -> ApiResponse.json(200,
        view(inspections.plan(Params.id("plan id", g.get(0)))))));
    router.post("/api/inspection/plans/([^/]+)/records", Access.WRITE, use((req, g) -> submit(req, Params.id("plan id", g.get(0)))));
    router.get("/api/inspection/records", Access.READ, use((req, g) -> ApiResponse.json(200, Map.of("records",
        inspections.rounds(Params.name(req, "agent"), Params.name(req, "device"), Params.id(req, "plan"),
            Params.limit(req, 100, Inspections.MAX_LIST)).stream().map(InspectionApi::view).toList()))));
    router.get("/api/inspection/overdue", Access.READ, use((req, g) -> ApiResponse.json(200, Map.of("overdue",
        inspections.overdue().stream().map(InspectionApi::view).toList()))));
  }

  private Route use(Route route) {
    return recorded.use(Service.INSPECTION, route);
  }

  private ApiResponse createPlan(ApiRequest req) throws Exception {
    String actor = req.requireCaller().describe();
    Inspections.Plan p = audit.write(actor, "inspection-plan", "-", () -> inspections.createPlan(InspectionPlanSpec.of(JsonBody.object(req)),
        actor), r -> new Audit.Entry("inspection-plan:" + r.id(), "device " + r.agent() + "/" + r.device() + ", '" + r.name() + "', every "
        + r.intervalHours() + " h, " + r.items().size() + " item(s)"));
    return ApiResponse.json(201, view(p));
  }

  private ApiResponse submit(ApiRequest req, long plan) throws Exception {
    String actor = req.requireCaller().describe();
    Inspections.Round r = audit.write(actor, "inspection-record", "inspection-plan:" + plan, () -> inspections.submit(plan,
        InspectionRound.of(JsonBody.object(req)), actor), x -> new Audit.Entry("inspection-record:" + x.id(), "plan " + plan + ", device "
        + x.agent() + "/" + x.device() + ", " + x.results().stream().filter(y -> y.result().equals("abnormal")).count() + " abnormal of "
        + x.results().size()));
    return ApiResponse.json(201, view(r));
  }

  private static Map<String, Object> view(Inspections.Plan p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id());
    m.put("agent", p.agent());
    m.put("device", p.device());
    m.put("name", p.name());
    m.put("intervalHours", p.intervalHours());
    m.put("items", p.items().stream().map(i -> {
      Map<String, Object> it = new LinkedHashMap<>();
      it.put("name", i.name());
      it.put("tag", i.tag().orElse(null));
      it.put("min", i.min().orElse(null));
      it.put("max", i.max().orElse(null));
      return it;
    }).toList());
    m.put("createdBy", p.createdBy());
    m.put("createdAt", p.createdAt().toString());
    m.put("lastRound", p.lastRound().map(Object::toString).orElse(null));
    m.put("due", p.due().toString());
    m.put("overdue", p.overdue());
    return m;
  }

  private static Map<String, Object> view(Inspections.Round r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("plan", r.planId());
    m.put("agent", r.agent());
    m.put("device", r.device());
    m.put("submittedBy", r.submittedBy());
    m.put("submittedAt", r.submittedAt().toString());
    m.put("location", r.location().orElse(null));
    m.put("abnormal", r.abnormal());
    List<Map<String, Object>> results = r.results().stream().map(x -> {
      Map<String, Object> it = new LinkedHashMap<>();
      it.put("item", x.item());
      it.put("result", x.result());
      it.put("reported", x.reported());
      it.put("note", x.note().orElse(null));
      it.put("tag", x.tag().orElse(null));
      it.put("value", x.value().orElse(null));
      it.put("valueTime", x.valueTime().map(Object::toString).orElse(null));
      it.put("marked", x.marked().orElse(null));
      return it;
    }).toList();
    m.put("results", results);
    return m;
  }
}
