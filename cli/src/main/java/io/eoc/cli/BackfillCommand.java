package io.eoc.cli;

import io.eoc.cli.backfill.Backfill;
import io.eoc.ingest.RunFile;
import io.eoc.sim.DurationConverter;
import io.eoc.sim.backfill.BusinessHost;
import io.eoc.sim.backfill.History;
import io.eoc.sim.plant.PlantScenario;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eoc backfill}: push a simulated plant's history through the real pipeline. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
    header = "Push days of simulated plant history through the real pipeline (marked as backfill).",
    description = {"Advances a plant scenario's equipment models through the past and sends the samples as an",
        "enrolled agent over MQTT/TLS, Kafka and the database, exactly like a live agent, on the backfill topic:",
        "device timestamps lie in the past, every batch is marked backfill and every device is simulated, and",
        "reports built on this data say so. Meant for demonstrations and tests of a full assessment.",
        "Simulated users and their service use are sent too, which the cloud accepts only when started with",
        "--allow-backfill (or leave them out with --no-usage).", "",
        "Example: eoc backfill --days 100 --step 15m --gap 2026-08-01T00:00:00Z/2026-08-15T00:00:00Z"})
public final class BackfillCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--plant", defaultValue = "demo", description = "Plant scenario: 'demo' or a YAML file (default: ${DEFAULT-VALUE}).")
  String plant;

  @Option(names = "--days", defaultValue = "100", description = "Days of history ending at --until (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--until", description = "End of the history, ISO-8601 (default: the start of the current hour).")
  String until;

  @Option(names = "--step", defaultValue = "15m", converter = DurationConverter.class,
      description = "Time between samples (default: ${DEFAULT-VALUE}).")
  Duration step;

  @Option(names = "--gap", paramLabel = "FROM/TO", description = "A period without data (an outage), ISO-8601 FROM/TO; repeatable.")
  List<String> gaps = new ArrayList<>();

  @Option(names = "--no-host", description = "Leave out the simulated business host (CPU and bandwidth samples).")
  boolean noHost;

  @Option(names = "--no-usage", description = "Leave out the simulated users and their service use (which only a cloud started with --allow-backfill accepts).")
  boolean noUsage;

  @Option(names = "--agent", defaultValue = "history", description = "Agent id to send as (default: ${DEFAULT-VALUE}).")
  String agentId;

  @Option(names = "--cloud", paramLabel = "URL", description = "HTTP URL of the cloud (default: from <data-dir>/cloud.json).")
  String cloudUrl;

  @Option(names = "--mqtt", paramLabel = "URL", description = "MQTT URL of the cloud, ssl://host:port (default: from <data-dir>/cloud.json).")
  String mqttUrl;

  @Option(names = "--data-dir", defaultValue = "data", description = "The cloud's data directory (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (days < 1 || days > 3_660) {
      err.println("--days must be between 1 and 3660, was " + days);
      return 2;
    }
    Optional<String> http = Optional.ofNullable(cloudUrl).or(() -> RunFile.httpUrl(dataDir));
    Optional<String> mqtt = Optional.ofNullable(mqttUrl).or(() -> RunFile.mqttUrl(dataDir));
    if (http.isEmpty() || mqtt.isEmpty()) {
      err.println("no running cloud found in " + RunFile.path(dataDir).toAbsolutePath()
          + ": start one with ./eoc cloud (or ./eoc demo), or pass --cloud URL and --mqtt URL");
      return 2;
    }
    Instant end;
    List<History.Gap> gapList = new ArrayList<>();
    try {
      end = until == null ? Instant.now().truncatedTo(ChronoUnit.HOURS) : Instant.parse(until);
      for (String g : gaps) {
        String[] parts = g.split("/");
        if (parts.length != 2) {
          throw new IllegalArgumentException("--gap must be FROM/TO, was '" + g + "'");
        }
        gapList.add(new History.Gap(Instant.parse(parts[0]), Instant.parse(parts[1])));
      }
    } catch (java.time.format.DateTimeParseException e) {
      err.println("times must be ISO-8601 instants like 2026-11-01T00:00:00Z: " + e.getParsedString());
      return 2;
    }
    PlantScenario scenario = plant.equals("demo") ? PlantScenario.demo() : PlantScenario.load(Path.of(plant));
    History.Spec history = new History.Spec(scenario, end.minus(Duration.ofDays(days)), end, step, gapList,
        noHost ? null : defaultHost());
    PrintWriter out = spec.commandLine().getOut();
    out.printf("backfill: plant %s, %d device(s)%s, %s..%s every %s%s%n", scenario.id(), scenario.devices().size(),
        noHost ? "" : " + a simulated business host", history.from(), history.to(), step,
        gapList.isEmpty() ? "" : ", " + gapList.size() + " gap(s)");
    Path agentDir = dataDir.resolve("backfill").resolve(agentId);
    new Backfill(history, agentId, new Backfill.Target(URI.create(http.get()), mqtt.get(), agentDir), !noUsage, out, Clock.systemUTC()).run();
    return 0;
  }

  /** A business host that is busy in working hours: about 30 % CPU and half its 100 Mbit/s link. */
  static BusinessHost defaultHost() {
    return new BusinessHost("host-1", 7, 30, 6, 100e6, 0.55, 0.12);
  }
}
