package io.eoc.ingest.api;

import io.eoc.ingest.services.Optimisation;
import io.eoc.ingest.services.Service;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 决策优化/执行优化 (jiangsu-2023 §四): set-point trim strategies, evaluated now on request, and their
 * decisions with the effect measured; every request a use of {@code optimisation}.
 */
final class OptimisationApi {
  private static final String STRATEGY = "/api/optimisation/strategies/([^/]+)";
  private final Optimisation optimisation;
  private final Audit audit;
  private final Recorded recorded;

  OptimisationApi(Optimisation optimisation, Audit audit, Recorded recorded) {
    this.optimisation = optimisation;
    this.audit = audit;
    this.recorded = recorded;
  }

  void register(Router router) {
    router.get("/api/optimisation/strategies", Access.READ, use((req, g) -> ApiResponse.json(200, Map.of("strategies",
        optimisation.list().stream().map(OptimisationApi::view).toList()))));
    router.post("/api/optimisation/strategies", Access.WRITE, use((req, g) -> create(req)));
    router.get(STRATEGY, Access.READ, use((req, g) -> ApiResponse.json(200, view(optimisation.strategy(id(g))))));
    router.put(STRATEGY, Access.WRITE, use((req, g) -> update(req, id(g))));
    router.delete(STRATEGY, Access.WRITE, use((req, g) -> delete(req, id(g))));
    router.post(STRATEGY + "/evaluate", Access.WRITE, use((req, g) -> evaluate(req, id(g))));
    router.get("/api/optimisation/decisions", Access.READ, use((req, g) -> ApiResponse.json(200, Map.of("decisions",
        optimisation.decisions(Params.id(req, "strategy"), Params.limit(req, 100, Optimisation.MAX_LIST)).stream()
            .map(OptimisationApi::view).toList()))));
  }

  private Route use(Route route) {
    return recorded.use(Service.OPTIMISATION, route);
  }

  private static long id(List<String> groups) {
    return Params.id("strategy id", groups.get(0));
  }

  private ApiResponse create(ApiRequest req) throws Exception {
    String actor = req.requireCaller().describe();
    Optimisation.Strategy s = audit.write(actor, "optimisation-strategy-create", "-", () -> optimisation.create(JsonBody.object(req),
        actor), OptimisationApi::entry);
    return ApiResponse.json(201, view(s));
  }

  private ApiResponse update(ApiRequest req, long id) throws Exception {
    String actor = req.requireCaller().describe();
    Optimisation.Strategy s = audit.write(actor, "optimisation-strategy-update", "optimisation-strategy:" + id,
        () -> optimisation.update(id, JsonBody.object(req), actor), OptimisationApi::entry);
    return ApiResponse.json(200, view(s));
  }

  private ApiResponse delete(ApiRequest req, long id) throws Exception {
    String actor = req.requireCaller().describe();
    audit.write(actor, "optimisation-strategy-delete", "optimisation-strategy:" + id, () -> optimisation.delete(id),
        OptimisationApi::entry);
    return new ApiResponse(204, "application/json; charset=utf-8", new byte[0]);
  }

  private ApiResponse evaluate(ApiRequest req, long id) throws Exception {
    String actor = req.requireCaller().describe();
    Optimisation.Decision d = audit.write(actor, "optimisation-evaluate", "optimisation-strategy:" + id, () -> optimisation.evaluate(id),
        x -> new Audit.Entry("optimisation-strategy:" + id, "decision " + x.id() + ": " + x.action() + " (" + x.mode() + "), "
            + x.reason()));
    return ApiResponse.json(200, view(d));
  }

  private static Audit.Entry entry(Optimisation.Strategy s) {
    var p = s.spec();
    return new Audit.Entry("optimisation-strategy:" + s.id(), "'" + p.name() + "', " + p.mode() + (p.enabled() ? "" : " (disabled)")
        + ", device " + p.agent() + "/" + p.device() + ", " + p.statistic() + " of " + p.measureTag() + " in [" + p.bandLow() + ", "
        + p.bandHigh() + "] by " + p.setpointTag() + " ± " + p.step() + " within [" + p.setpointMin() + ", " + p.setpointMax() + "]");
  }

  private static Map<String, Object> view(Optimisation.Strategy s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.putAll(s.spec().json());
    m.put("createdBy", s.createdBy());
    m.put("createdAt", s.createdAt().toString());
    m.put("updatedBy", s.updatedBy());
    m.put("updatedAt", s.updatedAt().toString());
    return m;
  }

  private static Map<String, Object> view(Optimisation.Decision d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", d.id());
    m.put("strategy", d.strategyId());
    m.put("at", d.at().toString());
    m.put("action", d.action());
    m.put("mode", d.mode());
    m.put("value", d.value().orElse(null));
    m.put("points", d.points());
    m.put("current", d.current().orElse(null));
    m.put("proposed", d.proposed().orElse(null));
    m.put("command", d.commandId().orElse(null));
    m.put("reason", d.reason());
    m.put("effect", d.effect().map(e -> {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("tag", e.tag());
      x.put("before", e.before().orElse(null));
      x.put("pointsBefore", e.pointsBefore());
      x.put("after", e.after().orElse(null));
      x.put("pointsAfter", e.pointsAfter());
      x.put("change", e.change().orElse(null));
      return x;
    }).orElse(null));
    return m;
  }
}
