package io.eoc.cli;

import io.eoc.config.ConfigException;
import io.eoc.config.ConfigProblem;
import io.eoc.edge.Agent;
import io.eoc.edge.config.AgentConfig;
import io.eoc.edge.config.AgentConfigLoader;
import io.eoc.edge.config.DeviceConfig;
import io.eoc.edge.host.HostDevice;
import io.eoc.edge.identity.Enroller;
import io.eoc.edge.identity.NotEnrolledException;
import io.eoc.wire.Names;
import io.eoc.wire.host.HostIdentity;
import io.eoc.wire.seal.Suite;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eoc probe}: an agent whose only device is the host it runs on, for the comprehensive
 * performance indicators of jiangsu-2018 §四 综合绩效 (business hosts' CPU utilisation and
 * bandwidth usage rate). It is the agent, unchanged: same enrolment, outbox, sealing and uplink;
 * the quick options only write its configuration in memory.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
    header = "Measure this business host (CPU, network traffic) and report to the cloud like an agent.",
    description = {"Run on each declared business host (jiangsu-2018 §四 综合绩效). Every --interval it samples",
        "/proc: cpu_percent, net_rx_bps and net_tx_bps on --interface, net_link_bps (the declared --link-mbps, the",
        "bandwidth bought, which bandwidth usage is measured against) and mem_percent, and ships them to the cloud",
        "exactly as the agent does, as the device of category business-host. CPU and traffic are rates between two",
        "polls: the first figures arrive after the second poll.", "",
        "Example (first start, enrols with a one-time token from `eoc cloud token --agent probe-app-1`):",
        "  eoc probe --agent-id probe-app-1 --cloud ssl://cloud.example:8883 --api http://cloud.example:8080 \\",
        "            --enroll-token <token> --link-mbps 100 --interface eth0",
        "Later starts: the same without --enroll-token. With a file instead of options:",
        "  eoc probe --config probe.yaml   (an agent file with a device of protocol: host)", ""})
public final class ProbeCommand implements Callable<Integer> {
  private static final String SOURCE = "eoc probe options";
  /** Where a problem in the generated configuration came from, by its path there. */
  private static final Map<String, String> OPTION_OF = Map.of(
      "agent.id", "--agent-id", "agent.data-dir", "--data-dir", "cloud.url", "--cloud", "cloud.api", "--api",
      "metrics.port", "--metrics-port", "devices[0].id", "--device-id", "devices[0].link-mbps", "--link-mbps",
      "devices[0].interface", "--interface", "devices[0].poll", "--interval", "devices[0].proc-dir", "--proc-dir");

  @Spec
  CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "An agent configuration with a device of protocol: host, instead of the options below.")
  Path config;

  @Option(names = "--link-mbps", paramLabel = "MBPS", description = "Declared link capacity in Mbit/s: the bandwidth bought (required).")
  String linkMbps;

  @Option(names = "--interface", paramLabel = "NIC",
      description = "Network interface carrying the business traffic, as in /proc/net/dev (required when there are several).")
  String networkInterface;

  @Option(names = "--interval", defaultValue = "10s", paramLabel = "DURATION", description = "Poll interval (default: ${DEFAULT-VALUE}).")
  String interval;

  @Option(names = "--cloud", paramLabel = "URL", description = "The cloud's MQTT endpoint, e.g. ssl://cloud.example:8883 (required).")
  String cloud;

  @Option(names = "--api", paramLabel = "URL", description = "The cloud's HTTP API, for enrolment, e.g. http://cloud.example:8080.")
  String api;

  @Option(names = "--enroll-token", paramLabel = "TOKEN", description = "One-time token: enrol (create keys, get the TLS certificate) before starting.")
  String enrollToken;

  @Option(names = "--suite", defaultValue = "x25519-ed25519-aes256gcm",
      description = "Cryptographic suite for new keys: x25519-ed25519-aes256gcm (default) or sm2-sm3-sm4gcm.")
  String suite;

  @Option(names = "--agent-id", paramLabel = "ID", description = "The probe's agent id (default: probe-<hostname>).")
  String agentId;

  @Option(names = "--device-id", paramLabel = "ID", description = "The host's device id (default: <hostname>).")
  String deviceId;

  @Option(names = "--data-dir", defaultValue = "data/probe", paramLabel = "DIR",
      description = "Keys and outbox (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--metrics-port", paramLabel = "PORT", description = "Serve Prometheus metrics on this port (default: off).")
  Integer metricsPort;

  @Option(names = "--proc-dir", defaultValue = "/proc", hidden = true)
  Path procDir;

  @Option(names = "--check", description = "Validate, print what would be measured and exit.")
  boolean check;

  @Override
  public Integer call() throws InterruptedException {
    AgentConfig cfg = config != null ? fromFile() : fromOptions();
    if (cfg == null) {
      return 2;
    }
    List<DeviceConfig> hosts = cfg.devices().stream().filter(d -> d.other().orElse(null) instanceof HostDevice).toList();
    if (hosts.isEmpty()) {
      return fail(config + " has no device with protocol: host; the probe measures this host (see docs/operations.md, Host probe)");
    }
    printSummary(cfg, hosts);
    if (check) {
      spec.commandLine().getOut().println("configuration is valid");
      return 0;
    }
    if (enrollToken != null && !enrol(cfg)) {
      return 1;
    }
    return run(cfg);
  }

  private AgentConfig fromFile() {
    List<String> quick = new ArrayList<>();
    for (String option : List.of("--link-mbps", "--interface", "--agent-id", "--device-id", "--data-dir", "--metrics-port")) {
      if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
        quick.add(option);
      }
    }
    if (!quick.isEmpty()) {
      fail("--config runs the file as it is: set " + String.join(", ", quick) + " in " + config + " instead");
      return null;
    }
    try {
      AgentConfig cfg = AgentConfigLoader.load(config);
      return cloud == null ? cfg : cfg.withCloud(cfg.cloud().withUrl(cloud));
    } catch (ConfigException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return null;
    }
  }

  /** The agent configuration the options describe, validated by the agent's own loader. */
  private AgentConfig fromOptions() {
    List<String> missing = new ArrayList<>();
    if (cloud == null) {
      missing.add("--cloud URL is required: the cloud's MQTT endpoint, e.g. ssl://cloud.example:8883");
    }
    if (linkMbps == null) {
      missing.add("--link-mbps MBPS is required: the declared link capacity in Mbit/s (the bandwidth bought), e.g. 100");
    }
    if (!missing.isEmpty()) {
      missing.forEach(m -> spec.commandLine().getErr().println("eoc probe: " + m));
      spec.commandLine().getErr().println("see: eoc probe --help");
      return null;
    }
    String host = HostIdentity.read(procDir).hostname();
    try {
      return AgentConfigLoader.parse(SOURCE, yaml(host), Path.of("").toAbsolutePath());
    } catch (ConfigException e) {
      for (ConfigProblem p : e.problems()) {
        spec.commandLine().getErr().println("eoc probe: " + OPTION_OF.getOrDefault(p.path(), p.path()) + ": " + p.message());
      }
      return null;
    }
  }

  String yaml(String hostname) {
    Map<String, String> device = new LinkedHashMap<>();
    device.put("id", deviceId != null ? deviceId : asName(hostname, ""));
    device.put("name", hostname);
    device.put("protocol", "host");
    device.put("link-mbps", linkMbps);
    if (networkInterface != null) {
      device.put("interface", networkInterface);
    }
    device.put("proc-dir", procDir.toString());
    device.put("poll", interval);
    return "agent: {id: " + quoted(agentId != null ? agentId : asName(hostname, "probe-"))
        + ", data-dir: " + quoted(dataDir.toAbsolutePath().toString()) + "}\n"
        + "cloud: {url: " + quoted(cloud) + (api == null ? "" : ", api: " + quoted(api)) + "}\n"
        + "metrics: " + (metricsPort == null ? "{enabled: false}" : "{port: " + metricsPort + "}") + "\n"
        + "devices:\n  - " + flow(device) + "\n";
  }

  private boolean enrol(AgentConfig cfg) throws InterruptedException {
    Suite s = Suite.fromLabel(suite).orElse(null);
    if (s == null) {
      fail("unknown suite '" + suite + "'; allowed: " + Arrays.stream(Suite.values()).map(Suite::label).toList());
      return false;
    }
    String base = api != null ? api : cfg.cloud().api().orElse(null);
    if (base == null) {
      fail("no cloud API to enrol with: pass --api URL (e.g. http://cloud.example:8080)");
      return false;
    }
    try {
      Enroller.Outcome o = Enroller.enrol(cfg.agentId(), cfg.dataDir(), URI.create(base), enrollToken, s);
      spec.commandLine().getOut().printf("probe %s enrolled (%s keys, suite %s%s); identity in %s%n", o.agentId(),
          o.newKeys() ? "new" : "existing", o.suite(), o.certificate() ? ", TLS certificate issued" : "", o.identityDir());
      return true;
    } catch (IOException e) {
      fail("enrolment failed: " + e.getMessage());
      return false;
    }
  }

  private int run(AgentConfig cfg) throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Agent agent;
    try {
      agent = Agent.start(cfg, Clock.systemUTC());
    } catch (NotEnrolledException e) {
      return fail(e.getMessage() + "; or start the probe once with --enroll-token <token> (issued by: eoc cloud token --agent "
          + cfg.agentId() + ")");
    } catch (IOException e) {
      fail("cannot start: " + e.getMessage());
      return 1;
    }
    out.println("probe running; the first CPU and traffic figures come after the second poll. Stop with Ctrl-C.");
    out.flush();
    // Ctrl-C / SIGTERM: the hook closes the agent, so the JVM exits only after a clean stop.
    Thread hook = new Thread(agent::close, "eoc-probe-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      // Stopped from within the JVM (an embedding or a test): stop as cleanly as on a signal.
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running already
      }
      agent.close();
      out.println("probe stopped");
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private void printSummary(AgentConfig cfg, List<DeviceConfig> hosts) {
    PrintWriter out = spec.commandLine().getOut();
    out.printf("probe %s: cloud %s%n", cfg.agentId(), cfg.cloud().url());
    for (DeviceConfig d : hosts) {
      HostDevice h = (HostDevice) d.other().orElseThrow();
      HostIdentity id = HostIdentity.read(h.procDir());
      out.printf("  %s (%s): host %s, kernel %s; %s, every %s%n", d.id(), d.category().id(), id.hostname(), id.kernel(),
          d.endpoint(), d.poll().toString().substring(2).toLowerCase());
    }
    out.flush();
  }

  private int fail(String message) {
    spec.commandLine().getErr().println("eoc probe: " + message);
    return 2;
  }

  /** A valid agent or device name from a hostname: other characters become '-'. */
  static String asName(String hostname, String prefix) {
    return Names.sanitised(prefix + hostname, prefix + "host");
  }

  private static String flow(Map<String, String> fields) {
    List<String> parts = new ArrayList<>();
    fields.forEach((k, v) -> parts.add(k + ": " + quoted(v)));
    return "{" + String.join(", ", parts) + "}";
  }

  /** A YAML double-quoted scalar: whatever was typed stays one value. */
  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + "\"";
  }
}
