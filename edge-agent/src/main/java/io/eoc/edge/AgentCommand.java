package io.eoc.edge;

import io.eoc.config.ConfigException;
import io.eoc.edge.config.AgentConfig;
import io.eoc.edge.config.AgentConfigLoader;
import io.eoc.edge.identity.NotEnrolledException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eoc agent}: runs the edge agent with a YAML configuration. */
@Command(name = "agent", mixinStandardHelpOptions = true, subcommands = {EnrollCommand.class, io.eoc.edge.opcua.BrowseCommand.class},
    header = "Run the edge agent: poll equipment and ship readings to the cloud.",
    description = {"Run the edge agent: poll the equipment described in a YAML file and ship the",
        "readings to the cloud over MQTT, sealed (encrypted, signed, hash-chained) and stored on disk first.", "",
        "Example: eoc agent enroll --config agent.yaml --token <one-time token>   (once)",
        "         eoc agent --config agent.yaml",
        "         eoc agent --config agent.yaml --check   (validate the file and exit)"})
public final class AgentCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-c", "--config"}, defaultValue = "agent.yaml", paramLabel = "FILE",
      description = "Agent configuration (default: ${DEFAULT-VALUE}).")
  Path config;

  @Option(names = "--cloud", paramLabel = "URL",
      description = "Override the cloud's MQTT endpoint, e.g. ssl://cloud.example:8883.")
  String cloud;

  @Option(names = "--check", description = "Validate the configuration, print a summary and exit.")
  boolean check;

  /** Loads the configuration; prints every problem and returns null when it is invalid. */
  static AgentConfig load(CommandSpec spec, Path file) {
    try {
      return AgentConfigLoader.load(file);
    } catch (ConfigException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return null;
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    AgentConfig cfg = load(spec, config);
    if (cfg == null) {
      return 2;
    }
    if (cloud != null) {
      cfg = cfg.withCloud(cfg.cloud().withUrl(cloud));
    }
    out.printf("agent %s: %d device(s), cloud %s%n", cfg.agentId(), cfg.devices().size(), cfg.cloud().url());
    cfg.devices().forEach(d -> out.printf("  %-16s %-12s %s, %d tag(s) every %d ms%n", d.id(),
        d.category().id(), d.endpoint(), d.tags().size(), d.poll().toMillis()));
    if (check) {
      out.println("configuration is valid");
      return 0;
    }
    out.flush();
    Agent agent;
    try {
      agent = Agent.start(cfg, Clock.systemUTC());
    } catch (NotEnrolledException e) {
      spec.commandLine().getErr().println("eoc agent: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      spec.commandLine().getErr().println("eoc agent: cannot start: " + e.getMessage());
      return 1;
    }
    // Ctrl-C / SIGTERM: the hook itself closes the agent, so the JVM exits only after a clean stop.
    Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "eoc-agent-shutdown"));
    new CountDownLatch(1).await();
    return 0;
  }
}
