package io.eoc.ingest.api;

import io.eoc.ingest.services.Declarations;
import io.eoc.ingest.services.Ledger;
import io.eoc.ingest.services.LedgerUpdate;
import io.eoc.ingest.services.Refusal;
import io.eoc.ingest.services.Service;
import io.eoc.ingest.services.UsageBackfill;
import io.eoc.ingest.users.AccessPolicy;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** 设备管理/设备台账 (the ledger), declared items, and — when explicitly permitted — usage backfill. */
final class ManagementApi {
  private final Ledger ledger;
  private final Declarations declarations;
  private final UsageBackfill backfill;
  private final AccessPolicy policy;
  private final Audit audit;
  private final Recorded recorded;

  ManagementApi(DataSource dataSource, Clock clock, AccessPolicy policy, Audit audit, Recorded recorded) {
    this.ledger = new Ledger(dataSource, clock);
    this.declarations = new Declarations(dataSource, clock);
    this.backfill = new UsageBackfill(dataSource, clock);
    this.policy = policy;
    this.audit = audit;
    this.recorded = recorded;
  }

  void register(Router router) {
    router.get("/api/ledger", Access.READ, recorded.use(Service.LEDGER, (req, g) -> list()));
    router.put("/api/ledger/([^/]+)/([^/]+)", Access.WRITE, recorded.use(Service.LEDGER, (req, g) -> update(req, g.get(0), g.get(1))));
    router.get("/api/declarations", Access.READ, recorded.ops((req, g) -> ApiResponse.json(200,
        declarations.list().stream().map(ManagementApi::view).toList())));
    router.post("/api/admin/declarations", Access.ADMIN, recorded.ops((req, g) -> declare(req)));
    router.post("/api/admin/backfill/usage", Access.ADMIN, (req, g) -> backfill(req));
  }

  private ApiResponse list() throws SQLException {
    return ApiResponse.json(200, ledger.list().stream().map(ManagementApi::view).toList());
  }

  private ApiResponse update(ApiRequest req, String agent, String device) throws SQLException {
    String actor = req.requireCaller().describe();
    String subject = "device:" + agent + "/" + device;
    try {
      Ledger.Entry e = ledger.update(agent, device, LedgerUpdate.of(JsonBody.object(req)));
      audit.record(actor, "ledger-update", subject, "ok", "model=" + e.model().orElse("-") + ", vendor=" + e.vendor().orElse("-")
          + ", purchaseValue10kCny=" + e.purchaseValue10kCny().map(String::valueOf).orElse("-"));
      return ApiResponse.json(200, view(e));
    } catch (IllegalArgumentException | Refusal e) {
      audit.record(actor, "ledger-update", subject, "refused", e.getMessage());
      throw e;
    }
  }

  private ApiResponse declare(ApiRequest req) throws SQLException {
    String actor = req.requireCaller().describe();
    try {
      Declarations.Declaration d = declarations.declare(JsonBody.object(req), actor);
      audit.record(actor, "declare", d.item(), "ok", d.value() + " " + d.unit() + ", reference: " + d.reference());
      return ApiResponse.json(201, view(d));
    } catch (IllegalArgumentException e) {
      audit.record(actor, "declare", "-", "refused", e.getMessage());
      throw e;
    }
  }

  private ApiResponse backfill(ApiRequest req) throws SQLException {
    String actor = req.requireCaller().describe();
    if (!policy.allowBackfill()) {
      audit.record(actor, "backfill-usage", "service_usage", "refused", "backfill not permitted on this cloud");
      throw Refusal.forbidden("usage backfill is not permitted on this cloud: start it with --allow-backfill "
          + "(for simulated history only; reports then state that backfilled evidence is present)");
    }
    try {
      UsageBackfill.Result r = backfill.apply(backfill.parse(JsonBody.objects(req, "entries")));
      audit.record(actor, "backfill-usage", "service_usage", "ok", r.entries() + " entries, " + r.uses() + " uses, "
          + r.userHours() + " user hours, marked backfill");
      return ApiResponse.json(200, Map.of("entries", r.entries(), "uses", r.uses(), "userHours", r.userHours(), "backfill", true));
    } catch (IllegalArgumentException e) {
      audit.record(actor, "backfill-usage", "service_usage", "refused", e.getMessage());
      throw e;
    }
  }

  private static Map<String, Object> view(Ledger.Entry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("agent", e.agent());
    m.put("device", e.device());
    m.put("name", e.name());
    m.put("category", e.category());
    m.put("kind", e.kind());
    m.put("protocol", e.protocol());
    m.put("simulated", e.simulated());
    m.put("model", e.model().orElse(null));
    m.put("vendor", e.vendor().orElse(null));
    m.put("spec", e.spec().orElse(null));
    m.put("purchaseValue10kCny", e.purchaseValue10kCny().orElse(null));
    m.put("ledgerUpdatedAt", e.ledgerUpdatedAt().map(Object::toString).orElse(null));
    m.put("lastPoint", e.lastPoint().map(Object::toString).orElse(null));
    return m;
  }

  private static Map<String, Object> view(Declarations.Declaration d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", d.id());
    m.put("item", d.item());
    m.put("value", d.value());
    m.put("unit", d.unit());
    m.put("reference", d.reference());
    m.put("declaredAt", d.declaredAt().toString());
    m.put("declaredBy", d.declaredBy());
    m.put("declared", true);
    return m;
  }
}
