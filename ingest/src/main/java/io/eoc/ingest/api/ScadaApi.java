package io.eoc.ingest.api;

import io.eoc.ingest.services.ScadaScreens;
import io.eoc.ingest.services.ScreenState;
import io.eoc.ingest.services.Service;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** 数据监控/组态画面 (jiangsu-2023 §四): screens, their definitions and live state; every request a use of {@code scada}. */
final class ScadaApi {
  private static final String SCREEN = "/api/scada/screens/([^/]+)";
  private final ScadaScreens screens;
  private final Audit audit;
  private final Recorded recorded;

  ScadaApi(DataSource dataSource, Clock clock, Audit audit, Recorded recorded) {
    this.screens = new ScadaScreens(dataSource, clock);
    this.audit = audit;
    this.recorded = recorded;
  }

  void register(Router router) {
    router.get("/api/scada/screens", Access.READ, use((req, g) -> ApiResponse.json(200, Map.of("screens",
        screens.list().stream().map(ScadaApi::view).toList()))));
    router.post("/api/scada/screens", Access.WRITE, use((req, g) -> create(req)));
    router.get(SCREEN, Access.READ, use((req, g) -> ApiResponse.json(200, view(screens.screen(id(g))))));
    router.put(SCREEN, Access.WRITE, use((req, g) -> update(req, id(g))));
    router.delete(SCREEN, Access.WRITE, use((req, g) -> delete(req, id(g))));
    router.get(SCREEN + "/state", Access.READ, use((req, g) -> ApiResponse.json(200, view(id(g),
        screens.state(id(g), Params.duration(req, "onlineWindow").orElse(ScadaScreens.DEFAULT_ONLINE_WINDOW))))));
  }

  private Route use(Route route) {
    return recorded.use(Service.SCADA, route);
  }

  private static long id(List<String> groups) {
    return Params.id("screen id", groups.get(0));
  }

  private ApiResponse create(ApiRequest req) throws Exception {
    String actor = req.requireCaller().describe();
    ScadaScreens.Screen s = audit.write(actor, "scada-screen-create", "-", () -> screens.create(JsonBody.object(req), actor),
        ScadaApi::entry);
    return ApiResponse.json(201, view(s));
  }

  private ApiResponse update(ApiRequest req, long id) throws Exception {
    String actor = req.requireCaller().describe();
    ScadaScreens.Screen s = audit.write(actor, "scada-screen-update", "scada-screen:" + id, () -> screens.update(id,
        JsonBody.object(req), actor), ScadaApi::entry);
    return ApiResponse.json(200, view(s));
  }

  private ApiResponse delete(ApiRequest req, long id) throws Exception {
    String actor = req.requireCaller().describe();
    audit.write(actor, "scada-screen-delete", "scada-screen:" + id, () -> screens.delete(id), ScadaApi::entry);
    return new ApiResponse(204, "application/json; charset=utf-8", new byte[0]);
  }

  private static Audit.Entry entry(ScadaScreens.Screen s) {
    return new Audit.Entry("scada-screen:" + s.id(), "'" + s.spec().name() + "', " + s.spec().elements().size() + " element(s), version "
        + s.version());
  }

  private static Map<String, Object> view(ScadaScreens.Listed s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("name", s.name());
    m.put("description", s.description().orElse(null));
    m.put("elements", s.elements());
    m.put("version", s.version());
    m.put("updatedAt", s.updatedAt().toString());
    return m;
  }

  private static Map<String, Object> view(ScadaScreens.Screen s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("name", s.spec().name());
    m.put("description", s.spec().description().orElse(null));
    m.putAll(s.spec().definition());
    m.put("version", s.version());
    m.put("createdBy", s.createdBy());
    m.put("createdAt", s.createdAt().toString());
    m.put("updatedBy", s.updatedBy());
    m.put("updatedAt", s.updatedAt().toString());
    return m;
  }

  private static Map<String, Object> view(long id, ScreenState state) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("devicesOnline", state.devicesOnline());
    summary.put("devices", state.devicesTotal());
    summary.put("abnormal", state.abnormal());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("screen", id);
    m.put("version", state.version());
    m.put("at", state.at().toString());
    m.put("onlineWindow", state.onlineWindow().toString());
    m.put("summary", summary);
    Map<String, Object> elements = new LinkedHashMap<>();
    state.devices().forEach((element, d) -> {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("kind", "device");
      e.put("online", d.online());
      e.put("lastSeen", d.lastSeen().map(Object::toString).orElse(null));
      e.put("abnormal", d.abnormal());
      e.put("activeAlarms", d.activeAlarms().size());
      e.put("alarms", d.activeAlarms());
      elements.put(element, e);
    });
    state.values().forEach((element, v) -> {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("kind", "value");
      e.put("value", v.value().orElse(null));
      e.put("quality", v.quality().map(MonitoringApi::quality).orElse(null));
      e.put("time", v.time().map(Object::toString).orElse(null));
      e.put("status", v.status());
      e.put("abnormal", v.abnormal());
      elements.put(element, e);
    });
    m.put("elements", elements);
    return m;
  }
}
