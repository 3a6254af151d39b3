package io.eoc.ingest.api;

import io.eoc.ingest.services.Service;
import io.eoc.ingest.services.WorkOrderSpec;
import io.eoc.ingest.services.WorkOrderState;
import io.eoc.ingest.services.WorkOrders;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** 设备管理/工单管理 (jiangsu-2023 §四): work orders and their closed loop; every request a use of {@code work-order}. */
final class WorkOrdersApi {
  private final WorkOrders orders;
  private final Audit audit;
  private final Recorded recorded;

  WorkOrdersApi(DataSource dataSource, Clock clock, Audit audit, Recorded recorded) {
    this.orders = new WorkOrders(dataSource, clock);
    this.audit = audit;
    this.recorded = recorded;
  }

  void register(Router router) {
    router.get("/api/work-orders", Access.READ, use((req, g) -> ApiResponse.json(200, Map.of("workOrders",
        orders.list(filter(req)).stream().map(WorkOrdersApi::view).toList()))));
    router.post("/api/work-orders", Access.WRITE, use((req, g) -> create(req)));
    router.get("/api/work-orders/([^/]+)", Access.READ, use((req, g) -> ApiResponse.json(200, view(orders.find(id(g.get(0)))))));
    router.post("/api/work-orders/([^/]+)/assign", Access.WRITE, use((req, g) -> change(req, id(g.get(0)), "work-order-assign")));
    router.post("/api/work-orders/([^/]+)/state", Access.WRITE, use((req, g) -> change(req, id(g.get(0)), "work-order-state")));
  }

  private Route use(Route route) {
    return recorded.use(Service.WORK_ORDER, route);
  }

  private static long id(String value) {
    return Params.id("work-order id", value);
  }

  private static WorkOrders.Filter filter(ApiRequest req) {
    return new WorkOrders.Filter(req.param("state").map(WorkOrderState::parse), Params.name(req, "agent"), Params.name(req, "device"),
        req.param("assignee"), Params.limit(req, 100, WorkOrders.MAX_LIST));
  }

  private ApiResponse create(ApiRequest req) throws Exception {
    String actor = req.requireCaller().describe();
    WorkOrders.Order o = audit.write(actor, "work-order-create", "-", () -> orders.create(WorkOrderSpec.of(JsonBody.object(req)), actor),
        x -> new Audit.Entry("work-order:" + x.id(), x.kind() + " on " + x.agent() + "/" + x.device() + ": " + x.title()
            + x.alarm().map(a -> ", from alarm " + a.name() + " raised " + a.raisedAt()).orElse("")
            + x.inspection().map(i -> ", from inspection record " + i.record() + " item " + i.item()).orElse("")));
    return ApiResponse.json(201, view(o));
  }

  private ApiResponse change(ApiRequest req, long id, String action) throws Exception {
    String actor = req.requireCaller().describe();
    WorkOrders.Order o = audit.write(actor, action, "work-order:" + id, () -> action.equals("work-order-assign")
        ? orders.assign(id, JsonBody.object(req), actor) : orders.transition(id, JsonBody.object(req), actor), x -> new Audit.Entry("work-order:" + id,
        "state " + x.state().id() + ", assignee " + x.assignee().orElse("-")
            + x.maintenanceRecord().map(r -> ", maintenance record " + r).orElse("")));
    return ApiResponse.json(200, view(o));
  }

  private static Map<String, Object> view(WorkOrders.Order o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", o.id());
    m.put("agent", o.agent());
    m.put("device", o.device());
    m.put("kind", o.kind());
    m.put("title", o.title());
    m.put("description", o.description().orElse(null));
    m.put("state", o.state().id());
    m.put("assignee", o.assignee().orElse(null));
    m.put("alarm", o.alarm().map(a -> Map.of("name", a.name(), "raisedAt", a.raisedAt().toString())).orElse(null));
    m.put("inspection", o.inspection().map(i -> Map.<String, Object>of("record", i.record(), "item", i.item())).orElse(null));
    m.put("maintenancePlan", o.maintenancePlan().orElse(null));
    m.put("maintenanceRecord", o.maintenanceRecord().orElse(null));
    m.put("createdBy", o.createdBy());
    m.put("createdAt", o.createdAt().toString());
    m.put("updatedAt", o.updatedAt().toString());
    m.put("events", o.events().stream().map(e -> {
      Map<String, Object> ev = new LinkedHashMap<>();
      ev.put("at", e.at().toString());
      ev.put("by", e.by());
      ev.put("action", e.action());
      ev.put("from", e.from().orElse(null));
      ev.put("to", e.to().orElse(null));
      ev.put("assignee", e.assignee().orElse(null));
      ev.put("note", e.note().orElse(null));
      return ev;
    }).toList());
    return m;
  }
}
