package io.eoc.ingest.api;

import io.eoc.ingest.services.Alarms;
import io.eoc.ingest.services.History;
import io.eoc.ingest.services.Refusal;
import io.eoc.ingest.services.Service;
import io.eoc.ingest.services.TimeRange;
import io.eoc.ingest.store.LatestValue;
import io.eoc.ingest.store.TelemetryQueries;
import io.eoc.wire.Quality;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** 数据监控 (jiangsu-2023 §四): real-time data, history (信息追溯) and alarms (异常报警), each use recorded. */
final class MonitoringApi {
  private final TelemetryQueries queries;
  private final History history;
  private final Alarms alarms;
  private final Clock clock;
  private final Recorded recorded;

  MonitoringApi(DataSource dataSource, Clock clock, Recorded recorded) {
    this.queries = new TelemetryQueries(dataSource);
    this.history = new History(dataSource);
    this.alarms = new Alarms(dataSource);
    this.clock = clock;
    this.recorded = recorded;
  }

  void register(Router router) {
    router.get("/api/devices", Access.READ, recorded.use(Service.REALTIME, (req, g) -> devices()));
    router.get("/api/devices/([^/]+)/latest", Access.READ, recorded.use(Service.REALTIME, (req, g) -> latest(g.get(0), req.param("agent"))));
    router.get("/api/devices/([^/]+)/history", Access.READ, recorded.use(Service.TRACE, (req, g) -> history(req, g.get(0))));
    router.get("/api/alarms", Access.READ, recorded.use(Service.ALARMS, (req, g) -> alarms(req)));
  }

  private ApiResponse devices() throws SQLException {
    return ApiResponse.json(200, queries.devices().stream().map(d -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("agentId", d.agentId());
      m.put("id", d.id());
      m.put("name", d.name());
      m.put("category", d.category());
      m.put("kind", d.kind());
      m.put("protocol", d.protocol());
      m.put("simulated", d.simulated());
      m.put("lastPoint", d.lastPoint().map(Object::toString).orElse(null));
      return m;
    }).toList());
  }

  private ApiResponse latest(String device, Optional<String> agent) throws SQLException {
    List<LatestValue> values = queries.latest(device, agent);
    if (values.isEmpty()) {
      throw Refusal.notFound("no data for device '" + device + "'" + agent.map(a -> " of agent '" + a + "'").orElse(""));
    }
    List<String> agents = values.stream().map(LatestValue::agentId).distinct().toList();
    if (agents.size() > 1) {
      throw Refusal.conflict("device id '" + device + "' is used by several agents " + agents + "; add ?agent=");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("device", device);
    body.put("agent", agents.get(0));
    body.put("tags", values.stream().map(v -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tag", v.tag());
      m.put("value", Double.isFinite(v.value()) ? v.value() : null);
      m.put("unit", v.unit());
      m.put("time", v.time().toString());
      m.put("quality", quality(v.quality()));
      return m;
    }).toList());
    return ApiResponse.json(200, body);
  }

  private ApiResponse history(ApiRequest req, String device) throws SQLException {
    TimeRange range = TimeRange.parse(req.param("from"), req.param("to"), Duration.ofHours(1), clock);
    History.Step step = History.Step.parse(req.param("step"), range.length());
    History.Result r = history.query(new History.Query(device, req.param("agent"), req.param("tag").orElse(null), range, step));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("agent", r.agent());
    body.put("device", r.device());
    body.put("tag", r.tag());
    body.put("unit", r.unit());
    body.put("step", r.step().id());
    body.put("from", r.range().from().toString());
    body.put("to", r.range().to().toString());
    body.put("rows", r.rows());
    body.put("truncated", r.truncated());
    if (step == History.Step.RAW) {
      body.put("points", r.points().stream().map(p -> point(p.time().toString(), p.value(), p.quality())).toList());
    } else {
      body.put("buckets", r.buckets().stream().map(b -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", b.start().toString());
        m.put("count", b.count());
        m.put("mean", b.mean());
        m.put("min", b.min());
        m.put("max", b.max());
        m.put("sum", b.sum());
        return m;
      }).toList());
    }
    return ApiResponse.json(200, body);
  }

  private ApiResponse alarms(ApiRequest req) throws SQLException {
    TimeRange range = TimeRange.parse(req.param("from"), req.param("to"), Duration.ofDays(7), clock);
    Duration around = Params.duration(req, "around").orElse(Duration.ofMinutes(5));
    List<Alarms.Alarm> found = alarms.find(new Alarms.Query(range, around, req.param("agent"), req.param("device")));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", range.from().toString());
    body.put("to", range.to().toString());
    body.put("active", found.stream().filter(Alarms.Alarm::active).count());
    body.put("alarms", found.stream().map(a -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("agent", a.agent());
      m.put("device", a.device());
      m.put("alarm", a.name());
      m.put("active", a.active());
      m.put("raisedAt", a.raisedAt().toString());
      m.put("clearedAt", a.clearedAt().map(Object::toString).orElse(null));
      m.put("contextFrom", a.contextFrom().toString());
      m.put("contextTo", a.contextTo().toString());
      m.put("contextTruncated", a.contextTruncated());
      m.put("context", a.context().stream().map(p -> {
        Map<String, Object> pm = point(p.time().toString(), p.value(), p.quality());
        pm.put("tag", p.tag());
        return pm;
      }).toList());
      return m;
    }).toList());
    return ApiResponse.json(200, body);
  }

  private static Map<String, Object> point(String time, Optional<Double> value, int quality) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", time);
    m.put("value", value.orElse(null));
    m.put("quality", quality(quality));
    return m;
  }

  /** A quality code as its name, e.g. {@code GOOD}, {@code BAD_NO_COMMUNICATION}. */
  static String quality(int code) {
    Quality q = Quality.fromCode(code);
    return q == null ? "code-" + code : q.name();
  }
}
