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
import io.eoc.sim.modbus.ModbusBoilerServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eoc demo}: simulator, agent and cloud in one process, with progress output. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    header = "Run simulator → agent → cloud on this machine, with progress and the assessment.",
    description = {"Run the whole chain on this machine with no external services: a simulated industrial",
        "boiler (Modbus TCP) → edge agent → MQTT → Kafka → PostgreSQL, and the equipment-access",
        "assessment once data flows. Data is kept under --data-dir across runs. Ctrl-C stops everything."})
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

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    long started = System.nanoTime();
    out.println("eoc demo: starting simulator, cloud (embedded Kafka + PostgreSQL) and agent; data in " + dataDir.toAbsolutePath());
    out.flush();
    DemoParts parts = new DemoParts();
    Thread hook = new Thread(parts::close, "eoc-demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    parts.sim = ModbusBoilerServer.start(ModbusBoilerServer.Options.defaults().withPort(0));
    out.println("  simulator: " + parts.sim.describe());
    CloudConfig cloudConfig = CloudConfig.embedded(dataDir).withPorts(freeOr(mqttPort), freeOr(httpPort));
    parts.cloud = CloudCommand.start(cloudConfig);
    parts.dataDir = dataDir;
    String console = "http://127.0.0.1:" + parts.cloud.httpPort() + "/";
    out.println("  cloud: console and API " + console + "  ·  MQTT tcp://127.0.0.1:" + parts.cloud.mqttPort());
    Path agentFile = writeAgentConfig(parts.cloud.mqttPort(), parts.sim.port());
    AgentConfig agentConfig = AgentConfigLoader.load(agentFile);
    parts.agent = Agent.start(agentConfig, Clock.systemUTC());
    out.println("  agent: " + agentConfig.agentId() + " polling " + agentConfig.devices().size() + " device(s); config " + agentFile);
    out.println("  try: curl " + console + "api/devices/boiler-1/latest   ·   ./eoc assess   ·   Ctrl-C to stop");
    out.flush();
    progress(out, parts, started);
    return 0;
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
      out.printf("[%4ds] points read %,d · received by cloud %,d · stored %,d (this run %,d) · devices online %d/%d%n",
          elapsed(started), a.pointsRead(), a.uplink().ackedPoints(), storedPoints(cloud), storedThisRun,
          online, a.devices().size());
      if (!assessed && storedThisRun > 0) {
        out.println();
        out.print(AssessmentText.render(Assessments.run(cloud.queries(), "jiangsu-2023", 4, Optional.empty(), Clock.systemUTC())));
        out.println();
        assessed = true;
      }
      out.flush();
    }
  }

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

  private Path writeAgentConfig(int mqtt, int modbus) throws IOException {
    String template;
    try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/agent.yaml")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path dir = Files.createDirectories(dataDir.resolve("demo"));
    Path file = dir.resolve("agent.yaml");
    Files.writeString(file, template.replace("${MQTT_PORT}", Integer.toString(mqtt))
        .replace("${MODBUS_PORT}", Integer.toString(modbus)));
    return file;
  }

  /** The preferred port if it can be bound on 127.0.0.1 now, otherwise 0 (any free port). */
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
    volatile ModbusBoilerServer sim;
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
      if (sim != null) {
        sim.close();
        sim = null;
      }
    }
  }
}
