package io.eoc.edge;

import io.eoc.edge.config.AgentConfig;
import io.eoc.edge.identity.Enroller;
import io.eoc.wire.seal.Suite;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eoc agent enroll}: creates the agent's keys and registers them with the cloud. */
@Command(name = "enroll", mixinStandardHelpOptions = true,
    header = "Create the agent's keys and register them with the cloud using a one-time token.",
    description = {"Keys are created on first use under <data-dir>/identity and never leave this machine;",
        "the cloud returns its public key and the agent's TLS client certificate.",
        "The token comes from the cloud operator: eoc cloud token --agent <agent-id>"})
public final class EnrollCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-c", "--config"}, defaultValue = "agent.yaml", paramLabel = "FILE",
      description = "Agent configuration (default: ${DEFAULT-VALUE}); cloud.api names the cloud's HTTP API.")
  Path config;

  @Option(names = "--token", required = true, description = "One-time enrolment token.")
  String token;

  @Option(names = "--api", paramLabel = "URL", description = "The cloud's HTTP API, overriding cloud.api (e.g. http://cloud:8080).")
  String api;

  @Option(names = "--suite", defaultValue = "x25519-ed25519-aes256gcm",
      description = "Cryptographic suite for new keys: x25519-ed25519-aes256gcm (default) or sm2-sm3-sm4gcm (national algorithms).")
  String suite;

  @Override
  public Integer call() throws InterruptedException {
    AgentConfig cfg = AgentCommand.load(spec, config);
    if (cfg == null) {
      return 2;
    }
    Suite s = Suite.fromLabel(suite).orElse(null);
    if (s == null) {
      spec.commandLine().getErr().println("unknown suite '" + suite + "'; allowed: "
          + Arrays.stream(Suite.values()).map(Suite::label).toList());
      return 2;
    }
    String base = api != null ? api : cfg.cloud().api().orElse(null);
    if (base == null) {
      spec.commandLine().getErr().println("no cloud API to enrol with: set cloud.api in " + config + " or pass --api URL");
      return 2;
    }
    try {
      Enroller.Outcome o = Enroller.enrol(cfg.agentId(), cfg.dataDir(), URI.create(base), token, s);
      spec.commandLine().getOut().printf("agent %s enrolled (%s keys, suite %s%s); identity in %s%n", o.agentId(),
          o.newKeys() ? "new" : "existing", o.suite(), o.certificate() ? ", TLS certificate issued" : "", o.identityDir());
      return 0;
    } catch (IOException e) {
      spec.commandLine().getErr().println("eoc agent enroll: " + e.getMessage());
      return 1;
    }
  }
}
