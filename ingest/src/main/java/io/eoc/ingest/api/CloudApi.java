package io.eoc.ingest.api;

import io.eoc.criteria.Assessment;
import io.eoc.criteria.AssessmentJson;
import io.eoc.criteria.AssessmentText;
import io.eoc.ingest.Assessments;
import io.eoc.ingest.Cloud;
import io.eoc.ingest.control.CommandSender;
import io.eoc.ingest.pipeline.SinkStats;
import io.eoc.ingest.report.JdbcBatchLedger;
import io.eoc.ingest.report.ReportApi;
import io.eoc.ingest.report.ReportService;
import io.eoc.ingest.store.DatabaseAuditLog;
import io.eoc.ingest.mqtt.TransportStats;
import io.eoc.ingest.services.Optimisation;
import io.eoc.ingest.services.Service;
import io.eoc.ingest.services.Usage;
import io.eoc.ingest.users.AccessPolicy;
import io.eoc.ingest.users.Passwords;
import io.eoc.ingest.users.Users;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** The routes of the cloud's HTTP API. */
public final class CloudApi {
  private final Cloud cloud;
  private final Clock clock;

  public CloudApi(Cloud cloud, Clock clock) {
    this.cloud = cloud;
    this.clock = clock;
  }

  public Router router() {
    AccessPolicy policy = cloud.access();
    Users users = new Users(cloud.dataSource(), clock, Passwords.standard(), policy.sessionTtl());
    Router router = services(cloud.dataSource(), clock, users, policy, Optional.of(cloud.commandSender()));
    new EnrolmentApi(cloud.enrolment(), detail -> DatabaseAuditLog.record(cloud.dataSource(), clock.instant(), "api",
        "enrolment", "-", "recorded", detail)).register(router);
    Recorded recorded = new Recorded(new Usage(cloud.dataSource(), clock));
    new CommandsApi(cloud.commandSender(), recorded).register(router);
    new ReportApi(new ReportService(cloud.evidence(), new JdbcBatchLedger(cloud.dataSource()), cloud.secrets().reportKey()),
        clock).register(router, route -> recorded.use(Service.REPORTS, route));
    return router
        .get("/", (req, g) -> ApiResponse.html(IndexPage.render()))
        .get("/health", (req, g) -> health())
        .get("/api/assessment", Access.READ, recorded.use(Service.REPORTS, (req, g) -> assessment(req)));
  }

  /**
   * The routes that need only the database: login and users, the device services and declarations,
   * behind the session gate, without optimisation (whose auto mode issues commands). Tests serve
   * this router on its own.
   */
  public static Router services(DataSource dataSource, Clock clock, Users users, AccessPolicy policy) {
    return services(dataSource, clock, users, policy, Optional.empty());
  }

  /**
   * The same, with optimisation when {@code sender} is given: the path its strategies in auto mode
   * issue remote-control commands by (the cloud's, or a test's with a downlink of its own).
   */
  public static Router services(DataSource dataSource, Clock clock, Users users, AccessPolicy policy, Optional<CommandSender> sender) {
    Router router = new Router().gate(new SessionGate(users, policy));
    Audit audit = new Audit(dataSource, clock);
    Recorded recorded = new Recorded(new Usage(dataSource, clock));
    new UsersApi(users, audit, policy.allowBackfill()).register(router);
    new MonitoringApi(dataSource, clock, recorded).register(router);
    new ManagementApi(dataSource, clock, policy, audit, recorded).register(router);
    new InspectionApi(dataSource, clock, audit, recorded).register(router);
    new WorkOrdersApi(dataSource, clock, audit, recorded).register(router);
    new MaintenanceApi(dataSource, clock, audit, recorded).register(router);
    new ScadaApi(dataSource, clock, audit, recorded).register(router);
    sender.ifPresent(x -> new OptimisationApi(new Optimisation(dataSource, clock, x), audit, recorded).register(router));
    return router;
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
