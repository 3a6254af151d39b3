package io.eoc.ingest.api;

import io.eoc.criteria.Assessment;
import io.eoc.criteria.AssessmentJson;
import io.eoc.criteria.AssessmentText;
import io.eoc.ingest.Assessments;
import io.eoc.ingest.Cloud;
import io.eoc.ingest.pipeline.SinkStats;
import io.eoc.ingest.store.DatabaseAuditLog;
import io.eoc.ingest.store.LatestValue;
import io.eoc.ingest.mqtt.TransportStats;
import io.eoc.wire.Quality;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The routes of the cloud's HTTP API. */
public final class CloudApi {
  private final Cloud cloud;
  private final Clock clock;

  public CloudApi(Cloud cloud, Clock clock) {
    this.cloud = cloud;
    this.clock = clock;
  }

  public Router router() {
    Router router = new Router();
    new EnrolmentApi(cloud.enrolment(), detail -> DatabaseAuditLog.record(cloud.dataSource(), clock.instant(), "api",
        "enrolment", "-", "recorded", detail)).register(router);
    return router
        .get("/", (req, g) -> ApiResponse.html(IndexPage.render()))
        .get("/health", (req, g) -> health())
        .get("/api/devices", (req, g) -> devices())
        .get("/api/devices/([^/]+)/latest", (req, g) -> latest(g.get(0), req.param("agent")))
        .get("/api/assessment", (req, g) -> assessment(req));
  }

  private ApiResponse devices() throws SQLException {
    return ApiResponse.json(200, cloud.queries().devices().stream().map(d -> {
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
    List<LatestValue> values = cloud.queries().latest(device, agent);
    if (values.isEmpty()) {
      return ApiResponse.error(404, "no data for device '" + device + "'" + agent.map(a -> " of agent '" + a + "'").orElse(""));
    }
    List<String> agents = values.stream().map(LatestValue::agentId).distinct().toList();
    if (agents.size() > 1) {
      return ApiResponse.error(409, "device id '" + device + "' is used by several agents " + agents + "; add ?agent=");
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
      Quality q = Quality.fromCode(v.quality());
      m.put("quality", q == null ? "code-" + v.quality() : q.name());
      return m;
    }).toList());
    return ApiResponse.json(200, body);
  }

  private ApiResponse assessment(ApiRequest req) {
    int level = Integer.parseInt(req.param("level").orElse("4").trim());
    Assessment a = Assessments.run(cloud.evidence(), req.param("rulebook").orElse("jiangsu-2023"), level,
        Assessments.window(req.param("from"), req.param("to"), clock), clock);
    return req.param("format").filter("text"::equals).isPresent()
        ? ApiResponse.text(200, AssessmentText.render(a))
        : ApiResponse.json(200, AssessmentJson.toMap(a));
  }

  private ApiResponse health() {
    Map<String, Object> components = new LinkedHashMap<>();
    components.put("kafka", component(cloud.uplink().failed() == 0 || cloud.uplink().acknowledged() > 0,
        (cloud.isExternalKafka() ? "external " : "embedded ") + cloud.kafkaBootstrap()
            + ", acknowledged " + cloud.uplink().acknowledged() + ", failed " + cloud.uplink().failed()));
    components.put("postgres", database());
    components.put("pipeline", component(cloud.pipelineState().isRunningOrRebalancing(), "Kafka Streams " + cloud.pipelineState()));
    TransportStats t = cloud.transport().stats();
    components.put("mqtt", component(true, "port " + cloud.mqttPort() + ", " + t.currentConnections()
        + " connection(s), " + t.messagesReceived() + " message(s) received"));
    SinkStats s = cloud.sinkStats();
    components.put("sink", component(s.lastError().isEmpty() || s.lastCommit().isPresent(),
        s.points() + " point(s) in " + s.batches() + " batch(es) stored, " + s.duplicates() + " duplicate(s), "
            + s.rejected() + " rejected" + s.lastError().map(e -> ", last error: " + e).orElse("")));
    boolean up = components.values().stream().allMatch(c -> "UP".equals(((Map<?, ?>) c).get("status")));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "UP" : "DOWN");
    body.put("components", components);
    return ApiResponse.json(up ? 200 : 503, body);
  }

  private Map<String, Object> database() {
    try (Connection c = cloud.dataSource().getConnection()) {
      boolean valid = c.isValid(2);
      return component(valid, (cloud.isExternalDatabase() ? "external" : "embedded") + " PostgreSQL "
          + c.getMetaData().getDatabaseProductVersion() + (cloud.timescale() ? " with TimescaleDB" : " (plain tables)"));
    } catch (SQLException e) {
      return component(false, "unreachable: " + e.getMessage());
    }
  }

  private static Map<String, Object> component(boolean up, String detail) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", up ? "UP" : "DOWN");
    m.put("detail", detail);
    return m;
  }
}
