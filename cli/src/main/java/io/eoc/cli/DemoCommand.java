package io.eoc.cli;

import io.eoc.criteria.AssessmentText;
import io.eoc.edge.Agent;
import io.eoc.edge.AgentStatus;
import io.eoc.edge.DeviceStatus;
import io.eoc.edge.config.AgentConfig;
import io.eoc.edge.config.AgentConfigLoader;
import io.eoc.ingest.Assessments;
import io.eoc.ingest.Cloud;
import io.eoc.ingest.CloudCommand;
import io.eoc.ingest.CloudConfig;
import io.eoc.ingest.RunFile;
import io.eoc.ingest.host.SelfProbeConfig;
import io.eoc.edge.identity.Enroller;
import io.eoc.sim.plant.Plant;
import io.eoc.sim.plant.PlantScenario;
import io.eoc.wire.host.HostSampler;
import io.eoc.wire.seal.Suite;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import io.eoc.ingest.users.AccessPolicy;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eoc demo}: simulator, agent and cloud in one process, with progress output. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    header = "Run simulator → agent → cloud on this machine, with progress and the assessment.",
    description = {"Run the whole chain on this machine with no external services: a simulated plant of 12 devices",
        "in all four equipment categories (Modbus TCP, OPC UA, MQTT) → edge agent (filters, sealing, disk outbox) → MQTT over",
        "mutual TLS → Kafka → stream verification → PostgreSQL, and the assessment once data flows.",
        "The agent enrols itself with a one-time token. Data is kept under --data-dir across runs. Ctrl-C stops everything."})
public final class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--data-dir", defaultValue = "data", description = "Where the demo keeps its data (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--http-port", defaultValue = "8080", description = "Console/API port; a free one is used if it is taken (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--mqtt-port", defaultValue = "1883", description = "MQTT port; a free one is used if it is taken (default: ${DEFAULT-VALUE}).")
  int mqttPort;

  @Option(names = "--report-every", defaultValue = "5", description = "Seconds between progress lines (default: ${DEFAULT-VALUE}).")
  int reportEvery;

  @Option(names = "--duration", description = "Stop by itself after this many seconds (default: run until Ctrl-C).")
  Integer durationSeconds;

  @Option(names = "--history", paramLabel = "DAYS", defaultValue = "0",
      description = {"First push DAYS of simulated plant history through the pipeline (marked as backfill, with a business",
          "host and simulated users), print the jiangsu-2023 and jiangsu-2018 assessments of it and write a signed",
          "report (JSON, HTML zh/en) with its evidence export under <data-dir>/reports. 100 shows a full assessment",
          "(about a minute). Default: no history."})
  int historyDays;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    long started = System.nanoTime();
    out.println("eoc demo: starting the demo plant, the cloud (embedded Kafka + PostgreSQL) and the agent; data in "
        + dataDir.toAbsolutePath());
    out.flush();
    DemoParts parts = new DemoParts();
    Runtime.getRuntime().addShutdownHook(new Thread(parts::close, "eoc-demo-shutdown"));
    parts.plant = Plant.start(PlantScenario.demo(), Clock.systemUTC());
    out.printf("  plant: %d simulated devices: %s (%s)%n", parts.plant.devices().size(),
        parts.plant.protocolSummary(),
        parts.plant.devices().stream().map(d -> d.id()).collect(java.util.stream.Collectors.joining(", ")));
    if (historyDays < 0 || historyDays > 400) {
      spec.commandLine().getErr().println("--history must be between 0 and 400 days, was " + historyDays);
      return 2;
    }
    parts.cloud = CloudCommand.start(withOwnHost(CloudConfig.embedded(dataDir).withPorts(freeOr(mqttPort), freeOr(httpPort))
        .withAccess(AccessPolicy.defaults().withAllowBackfill(historyDays > 0))));
    parts.dataDir = dataDir;
    String console = "http://127.0.0.1:" + parts.cloud.httpPort() + "/";
    out.println("  cloud: console and API " + console + "  ·  MQTT over TLS ssl://127.0.0.1:" + parts.cloud.mqttPort());
    if (historyDays > 0) {
      new DemoHistory(parts.cloud, dataDir, historyDays, out).run();
    }
    Path agentFile = writeAgentConfig(parts.plant, parts.cloud);
    AgentConfig agentConfig = AgentConfigLoader.load(agentFile);
    enrolIfNeeded(out, parts.cloud, agentConfig);
    parts.agent = Agent.start(agentConfig, Clock.systemUTC());
    out.println("  agent: " + agentConfig.agentId() + " polling " + agentConfig.devices().size() + " device(s); config "
        + agentFile + (parts.agent.metricsPort().isPresent() ? "; metrics http://127.0.0.1:" + parts.agent.metricsPort().getAsInt() + "/metrics" : ""));
    out.println("  try: curl " + console + "api/devices/wind-1/latest   ·   ./eoc assess   ·   Ctrl-C to stop");
    out.flush();
    progress(out, parts, started);
    return 0;
  }

  /** The demo enrols its agent by itself, exactly as an engineer would with a token. */
  private void enrolIfNeeded(PrintWriter out, Cloud cloud, AgentConfig cfg) throws Exception {
    boolean known = cloud.enrolment().keys(cfg.agentId()).isPresent();
    boolean hasKeys = java.nio.file.Files.exists(io.eoc.edge.identity.IdentityFiles.in(cfg.dataDir()).cloudKey());
    if (known && hasKeys) {
      out.println("  agent: already enrolled (keys in " + io.eoc.edge.identity.IdentityFiles.in(cfg.dataDir()).root() + ")");
      return;
    }
    String token = cloud.enrolment().issueToken(cfg.agentId(), Duration.ofMinutes(10)).token();
    Enroller.Outcome o = Enroller.enrol(cfg.agentId(), cfg.dataDir(), java.net.URI.create(cfg.cloud().api().orElseThrow()),
        token, Suite.DEFAULT);
    out.println("  agent: enrolled with a one-time token (suite " + o.suite() + (o.certificate() ? ", TLS certificate issued" : "") + ")");
  }

  private void progress(PrintWriter out, DemoParts parts, long started) throws InterruptedException {
    boolean assessed = false;
    while (durationSeconds == null || elapsed(started) < durationSeconds) {
      Thread.sleep(Duration.ofSeconds(Math.max(1, reportEvery)).toMillis());
      Agent agent = parts.agent;
      Cloud cloud = parts.cloud;
      if (agent == null || cloud == null) {
        return; // Ctrl-C: the shutdown hook is stopping everything
      }
      AgentStatus a = agent.status();
      long online = a.devices().stream().filter(d -> d.state() == DeviceStatus.State.ONLINE).count();
      long storedThisRun = cloud.sinkStats().points();
      out.printf("[%4ds] points read %,d · received by cloud %,d · stored %,d (this run %,d) · devices online %d/%d · %.2f bytes/point sealed%n",
          elapsed(started), a.pointsRead(), a.batches().ackedPoints(), storedPoints(cloud), storedThisRun,
          online, a.devices().size(), a.batches().bytesPerPoint());
      if (!assessed && storedThisRun > 0) {
        screen(out, cloud);
        out.println();
        out.print(AssessmentText.render(Assessments.run(cloud.evidence(), "jiangsu-2023", 4, Optional.empty(), Clock.systemUTC())));
        out.println();
        if (historyDays == 0) {
          out.println("  tip: this cloud holds minutes of data, so time on cloud and service use cannot pass yet;"
              + " ./eoc demo --history 100 --data-dir <new dir> shows a full 100-day assessment with signed reports");
          out.println();
        }
        assessed = true;
      }
      out.flush();
    }
  }

  /**
   * Once the agent's devices are known: a SCADA screen of them, and an optimisation strategy that
   * advises on the air compressor's pressure, unless the cloud has such things already.
   */
  private static void screen(PrintWriter out, Cloud cloud) {
    try {
      DemoScreen.createIfNone(cloud, "demo-agent", Clock.systemUTC()).ifPresent(id -> out.printf(
          "  console: SCADA screen '%s' of the demo plant at http://127.0.0.1:%d/#screen=%d%n", DemoScreen.NAME, cloud.httpPort(), id));
    } catch (java.sql.SQLException | RuntimeException e) {
      out.println("  console: no SCADA screen for the demo plant: " + e.getMessage());
    }
    try {
      io.eoc.ingest.services.Optimisation optimisation = new io.eoc.ingest.services.Optimisation(cloud.dataSource(), Clock.systemUTC(),
          cloud.commandSender());
      if (optimisation.list().isEmpty()) {
        long id = optimisation.create(COMPRESSOR_ADVICE, "eoc demo").id();
        out.printf("  optimisation: strategy %d advises on compressor-1's unload pressure every 5 min (advise mode: no command"
            + " is sent); its decisions: http://127.0.0.1:%d/api/optimisation/decisions%n", id, cloud.httpPort());
      }
    } catch (java.sql.SQLException | RuntimeException e) {
      out.println("  optimisation: no strategy for the demo plant: " + e.getMessage());
    }
  }

  /**
   * Compressed air at the lowest pressure that serves: about 7 % of the motor's power per 0.1 MPa
   * (AirCompressorModel). The demo's compressor unloads at 0.78 MPa; its mean pressure above 0.70
   * gets the advice to lower the unload pressure by 0.01 MPa, not below 0.70.
   */
  private static final java.util.Map<String, Object> COMPRESSOR_ADVICE = java.util.Map.ofEntries(
      java.util.Map.entry("name", "compressor-1 pressure (advice)"), java.util.Map.entry("agent", "demo-agent"),
      java.util.Map.entry("device", "compressor-1"), java.util.Map.entry("measureTag", "discharge_pressure"),
      java.util.Map.entry("statistic", "mean"), java.util.Map.entry("window", "PT5M"), java.util.Map.entry("bandLow", 0.62),
      java.util.Map.entry("bandHigh", 0.70), java.util.Map.entry("setpointTag", "unload_pressure"), java.util.Map.entry("step", 0.01),
      java.util.Map.entry("setpointMin", 0.70), java.util.Map.entry("setpointMax", 0.85), java.util.Map.entry("every", "PT5M"),
      java.util.Map.entry("mode", "advise"), java.util.Map.entry("effectTag", "motor_power"));

  private static long storedPoints(Cloud cloud) {
    try {
      return cloud.queries().pointCount();
    } catch (java.sql.SQLException e) {
      return -1;
    }
  }

  private static long elapsed(long started) {
    return Duration.ofNanos(System.nanoTime() - started).toSeconds();
  }

  /** The agent's file for the demo plant, as an engineer would write it; kept for reading. */
  private Path writeAgentConfig(Plant plant, Cloud cloud) throws IOException {
    String yaml = plant.agentYaml("demo-agent", "ssl://127.0.0.1:" + cloud.mqttPort())
        .replace("agent:\n  id: demo-agent\n", "agent:\n  id: demo-agent\n  data-dir: ../agent\n")
        .replace("cloud:\n  url: ", "batch: {max-points: 5000, max-delay: 5s}\ncloud:\n  api: http://127.0.0.1:" + cloud.httpPort() + "\n  url: ")
        .replace("pki-dir: pki/opc-ua", "pki-dir: " + dataDir.toAbsolutePath().resolve("agent/pki/opc-ua"));
    Path dir = Files.createDirectories(dataDir.resolve("demo"));
    Path file = dir.resolve("agent.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  /** The preferred port if it can be bound on 127.0.0.1 now, otherwise 0 (any free port). */
  /** The cloud measures its own host too (jiangsu-2018 §四), at a nominal 1 Gbit/s, when its one NIC is unambiguous. */
  private static CloudConfig withOwnHost(CloudConfig config) {
    try {
      List<String> nics = HostSampler.businessInterfaces(SelfProbeConfig.PROC);
      return nics.size() == 1 ? config.withSelfProbe(new SelfProbeConfig(1000, Optional.of(nics.get(0)))) : config;
    } catch (IOException e) {
      return config; // not Linux: no procfs to measure
    }
  }

  static int freeOr(int preferred) {
    try (ServerSocket s = new ServerSocket(preferred, 1, java.net.InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return preferred;
    } catch (IOException e) {
      return 0;
    }
  }

  /** What the demo started, closed agent first so it can still ship what it read. */
  private static final class DemoParts {
    volatile Plant plant;
    volatile Cloud cloud;
    volatile Agent agent;
    volatile Path dataDir;

    synchronized void close() {
      if (agent != null) {
        agent.close();
        agent = null;
      }
      if (cloud != null) {
        RunFile.remove(dataDir);
        cloud.close();
        cloud = null;
      }
      if (plant != null) {
        plant.close();
        plant = null;
      }
    }
  }
}
