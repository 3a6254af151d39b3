package io.eoc.ingest;

import io.eoc.ingest.api.Audit;
import io.eoc.ingest.api.CloudApi;
import io.eoc.ingest.control.CommandSender;
import io.eoc.ingest.services.Optimisation;
import io.eoc.ingest.services.OptimisationScheduler;
import io.eoc.ingest.services.Usage;
import io.eoc.ingest.control.CommandResultHandler;
import io.eoc.ingest.control.Commands;
import io.eoc.ingest.api.HttpServer;
import io.eoc.ingest.host.SelfProbe;
import io.eoc.ingest.infra.EmbeddedDatabase;
import io.eoc.ingest.infra.EmbeddedKafka;
import io.eoc.ingest.mqtt.Authenticator;
import io.eoc.ingest.mqtt.MqttTransport;
import io.eoc.ingest.mqtt.MqttTransportConfig;
import io.eoc.ingest.pipeline.KafkaUplinkHandler;
import io.eoc.ingest.pipeline.SinkStats;
import io.eoc.ingest.pipeline.StoreConsumer;
import io.eoc.ingest.pipeline.UplinkTopic;
import io.eoc.ingest.pipeline.Pipeline;
import io.eoc.ingest.pipeline.PipelineTopics;
import io.eoc.ingest.enrol.CloudSecrets;
import io.eoc.ingest.enrol.Enrolment;
import io.eoc.ingest.store.DatabaseAuditLog;
import java.util.List;
import io.eoc.ingest.store.Retention;
import io.eoc.ingest.store.Schema;
import io.eoc.ingest.store.EvidenceQueries;
import io.eoc.ingest.store.TelemetryQueries;
import io.eoc.ingest.store.TelemetryWriter;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cloud instance: Kafka (embedded or external), PostgreSQL (embedded or external), the MQTT
 * transport that produces to Kafka, the consumer that stores into PostgreSQL, the HTTP API and,
 * when configured, the measurement of the cloud's own host ({@link SelfProbe}), and the scheduler
 * of the optimisation strategies ({@link OptimisationScheduler}).
 * Parts are closed in reverse order of start; a failed start closes what was already running.
 */
public final class Cloud implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Cloud.class);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final CloudConfig config;
  private String bootstrap;
  private DataSource dataSource;
  private boolean timescale;
  private KafkaUplinkHandler uplink;
  private StoreConsumer consumer;
  private MqttTransport transport;
  private Commands commands;
  private CommandSender commandSender;
  private HttpServer http;
  private TelemetryQueries queries;
  private EvidenceQueries evidence;
  private CloudSecrets secrets;
  private Enrolment enrolment;
  private Pipeline pipeline;

  private Cloud(CloudConfig config) {
    this.config = config;
  }

  public static Cloud start(CloudConfig config, Clock clock) throws IOException, SQLException {
    Cloud cloud = new Cloud(config);
    try {
      cloud.startAll(clock);
      return cloud;
    } catch (IOException | SQLException | RuntimeException e) {
      cloud.close();
      throw e;
    }
  }

  private void startAll(Clock clock) throws IOException, SQLException {
    secrets = CloudSecrets.openOrCreate(config.secretsDir(), clock);
    bootstrap = config.kafkaBootstrap().orElse(null);
    if (bootstrap == null) {
      EmbeddedKafka kafka = EmbeddedKafka.start(config.dataDir().resolve("kafka"));
      started.push(kafka);
      bootstrap = kafka.bootstrapServers();
    }
    ensureTopics();
    dataSource = pooled(config.dbUrl().isPresent() ? external() : embeddedDatabase());
    timescale = Schema.migrate(dataSource);
    started.push(Retention.start(dataSource, config.retention(), timescale, clock));
    queries = new TelemetryQueries(dataSource);
    evidence = new EvidenceQueries(dataSource);
    enrolment = new Enrolment(dataSource, secrets, clock);
    pipeline = Pipeline.start(bootstrap, config.dataDir().resolve("streams"), secrets.keys(), enrolment);
    started.push(pipeline);
    consumer = new StoreConsumer(bootstrap, new TelemetryWriter(dataSource));
    consumer.start();
    started.push(consumer);
    uplink = new KafkaUplinkHandler(bootstrap);
    started.push(uplink);
    // The limits are as configured; where to listen and TLS are the cloud's own settings.
    MqttTransportConfig mqtt = config.mqttLimits().toBuilder().host(config.host()).port(config.mqttPort())
        .tls(config.tls() ? secrets.transportTls(List.of(config.host())) : null).build();
    // With TLS the certificate is the identity; tokens, when configured, are a second factor.
    Authenticator auth = config.authenticatesAgents() ? Authenticator.tokens(config.agentTokens()) : Authenticator.allowAll();
    commands = new Commands(dataSource, clock);
    // Command results are not telemetry: they go to the commands table, not through Kafka.
    CommandResultHandler routed = new CommandResultHandler(commands, uplink);
    started.push(routed);
    transport = MqttTransport.start(mqtt, routed, auth, clock, new DatabaseAuditLog(dataSource));
    started.push(transport);
    commandSender = new CommandSender(commands, transport::sendToAgent, new Audit(dataSource, clock)::record, clock);
    http = HttpServer.start(config.host(), config.httpPort(), new CloudApi(this, clock).router());
    started.push(http);
    // 决策优化/执行优化: the strategies evaluated in the cloud, their commands issued as an operator's are.
    started.push(new OptimisationScheduler(new Optimisation(dataSource, clock, commandSender), new Usage(dataSource, clock),
        OptimisationScheduler.DEFAULT_TICK).start());
    startSelfProbe(clock);
    log.info("cloud started: MQTT {}:{} ({}), HTTP {}:{}, Kafka {}, database {}{}", config.host(), transport.port(),
        mqtt.limits(), config.host(), http.port(), bootstrap, config.dbUrl().orElse("embedded"),
        timescale ? " (TimescaleDB)" : "");
  }

  /** jiangsu-2018 §四 综合绩效 asks for the cloud's own hosts too; measured only when the link capacity is declared. */
  private void startSelfProbe(Clock clock) throws SQLException {
    if (config.selfProbe().isEmpty()) {
      log.info("the cloud does not measure its own host; to count it as a business host, declare its link capacity: "
          + "eoc cloud --host-link-mbps N [--host-interface IF]");
      return;
    }
    started.push(SelfProbe.start(config.selfProbe().get(), dataSource, clock));
  }

  /** One pool for the sink, the API and the evidence queries; sized for a 2-core machine. */
  private DataSource pooled(DataSource raw) {
    com.zaxxer.hikari.HikariConfig c = new com.zaxxer.hikari.HikariConfig();
    c.setDataSource(raw);
    c.setPoolName("eoc-db");
    c.setMaximumPoolSize(8);
    c.setMinimumIdle(1);
    c.setConnectionTimeout(10_000);
    com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(c);
    started.push(pool);
    return pool;
  }

  private DataSource embeddedDatabase() throws IOException {
    EmbeddedDatabase db = EmbeddedDatabase.start(config.dataDir().resolve("postgres"));
    started.push(db);
    return db.dataSource();
  }

  private DataSource external() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(config.dbUrl().orElseThrow());
    config.dbUser().ifPresent(ds::setUser);
    config.dbPassword().ifPresent(ds::setPassword);
    return ds;
  }

  private void ensureTopics() {
    try (Admin admin = Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      short replication = (short) Math.min(3, admin.describeCluster().nodes().get().size());
      java.util.Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = PipelineTopics.all().stream().filter(t -> !existing.contains(t))
          .map(t -> new NewTopic(t, UplinkTopic.DEFAULT_PARTITIONS, replication)).toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create Kafka topics " + PipelineTopics.all() + " at " + bootstrap + ": "
            + e.getCause().getMessage(), e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating Kafka topics", e);
    }
  }

  public org.apache.kafka.streams.KafkaStreams.State pipelineState() {
    return pipeline.state();
  }

  public Enrolment enrolment() {
    return enrolment;
  }

  /** Who may use the HTTP API (users required, sessions, usage backfill). */
  public io.eoc.ingest.users.AccessPolicy access() {
    return config.access();
  }

  public CloudSecrets secrets() {
    return secrets;
  }

  public boolean tls() {
    return config.tls();
  }

  public int mqttPort() {
    return transport.port();
  }

  public int httpPort() {
    return http.port();
  }

  public String host() {
    return config.host();
  }

  public String kafkaBootstrap() {
    return bootstrap;
  }

  public boolean timescale() {
    return timescale;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** The evidence the indicators read, from this cloud's database. */
  public EvidenceQueries evidence() {
    return evidence;
  }

  public TelemetryQueries queries() {
    return queries;
  }

  public SinkStats sinkStats() {
    return consumer.stats();
  }

  /** Remote-control commands and their results. */
  public Commands commands() {
    return commands;
  }

  /** How remote-control commands are issued: recorded, audited and sent with an expiry. */
  public CommandSender commandSender() {
    return commandSender;
  }

  public MqttTransport transport() {
    return transport;
  }

  public KafkaUplinkHandler uplink() {
    return uplink;
  }

  public boolean isExternalKafka() {
    return config.kafkaBootstrap().isPresent();
  }

  public boolean isExternalDatabase() {
    return config.dbUrl().isPresent();
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        log.warn("error while stopping {}: {}", part.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
