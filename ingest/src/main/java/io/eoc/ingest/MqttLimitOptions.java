package io.eoc.ingest;

import io.eoc.ingest.mqtt.AgentRateLimit;
import io.eoc.ingest.mqtt.MqttTransportConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The MQTT transport's limits as {@code eoc cloud} options (docs/operations.md, "MQTT transport
 * limits"). The defaults are {@link MqttTransportConfig#defaults()}'s; what is allowed is judged by
 * {@link MqttTransportConfig} alone, whose problems are reported here under the options' names.
 */
final class MqttLimitOptions {
  /** The config's component names, as its problems start, and the options that set them. */
  private static final Map<String, String> OPTIONS = Map.of(
      "rateLimit.messagesPerSecond", "--agent-max-msgs-per-second",
      "rateLimit.bytesPerSecond", "--agent-max-bytes-per-second",
      "rateLimit.burst", "--agent-burst",
      "rateLimit.disconnectAfter", "--agent-disconnect-after",
      "maxMessageBytes", "--max-packet-size",
      "minKeepAlive", "--keep-alive-min",
      "maxKeepAlive", "--keep-alive-max",
      "maxInFlight", "--max-in-flight",
      "downlinkQueueCapacity", "--downlink-queue-capacity");
  private static final List<String> RATE_OPTIONS = List.of("--agent-max-msgs-per-second",
      "--agent-max-bytes-per-second", "--agent-burst", "--agent-disconnect-after");

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--agent-max-msgs-per-second", defaultValue = "200", paramLabel = "N",
      description = "Sustained PUBLISH packets per second one agent may send; over it a QoS 1 PUBLISH gets "
          + "PUBACK 0x97 Quota exceeded (default: ${DEFAULT-VALUE}).")
  long messagesPerSecond;

  @Option(names = "--agent-max-bytes-per-second", defaultValue = "20MiB", paramLabel = "SIZE",
      converter = SizeConverter.class,
      description = "Sustained payload bytes per second one agent may send, e.g. 512KiB, 20MiB (default: ${DEFAULT-VALUE}).")
  long bytesPerSecond;

  @Option(names = "--agent-burst", defaultValue = "PT5S", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How much of either rate an idle agent may send at once; must hold one packet of "
          + "--max-packet-size (default: ${DEFAULT-VALUE}).")
  Duration burst;

  @Option(names = "--agent-disconnect-after", defaultValue = "PT10S", paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Disconnect an agent refused for this long without a quiet second (DISCONNECT 0x96 Message "
          + "rate too high; default: ${DEFAULT-VALUE}).")
  Duration disconnectAfter;

  @Option(names = "--no-agent-rate-limit",
      description = "No per-agent rate limit (benchmarks, agents you trust); not with --agent-max-*, --agent-burst or "
          + "--agent-disconnect-after.")
  boolean noRateLimit;

  @Option(names = "--max-packet-size", defaultValue = "1MiB", paramLabel = "SIZE", converter = SizeConverter.class,
      description = "Largest MQTT packet (Remaining Length) accepted; larger ones drop the connection. Advertised "
          + "to MQTT 5 agents as Maximum Packet Size (default: ${DEFAULT-VALUE}).")
  long maxPacketSize;

  @Option(names = "--keep-alive-min", defaultValue = "PT5S", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "An agent asking for a shorter keep-alive gets this one (default: ${DEFAULT-VALUE}).")
  Duration keepAliveMin;

  @Option(names = "--keep-alive-max", defaultValue = "PT5M", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "An agent asking for a longer (or no) keep-alive gets this one (default: ${DEFAULT-VALUE}).")
  Duration keepAliveMax;

  @Option(names = "--max-in-flight", defaultValue = "1000", paramLabel = "N",
      description = "Unacknowledged QoS 1 PUBLISH packets per connection before reading pauses; MQTT 5 Receive "
          + "Maximum (default: ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(names = "--downlink-queue-capacity", defaultValue = "100", paramLabel = "N",
      description = "Commands with an expiry kept per agent while it is away; more are refused (default: ${DEFAULT-VALUE}).")
  int downlinkQueueCapacity;

  /**
   * The transport's limits; its host, port and TLS are not the options' (the cloud sets them).
   *
   * @throws ParameterException naming each option whose value is not allowed, and what is
   */
  MqttTransportConfig toConfig() {
    ParseResult parsed = command.commandLine().getParseResult();
    if (noRateLimit) {
      List<String> combined = RATE_OPTIONS.stream().filter(parsed::hasMatchedOption).toList();
      if (!combined.isEmpty()) {
        throw new ParameterException(command.commandLine(),
            "--no-agent-rate-limit cannot be combined with " + String.join(", ", combined));
      }
    }
    MqttTransportConfig.Builder limits = MqttTransportConfig.builder()
        // Above int the config refuses it anyway, naming what is allowed.
        .maxMessageBytes((int) Math.min(maxPacketSize, Integer.MAX_VALUE))
        .keepAlive(keepAliveMin, keepAliveMax)
        .maxInFlight(maxInFlight)
        .rateLimit(noRateLimit ? AgentRateLimit.UNLIMITED
            : new AgentRateLimit(messagesPerSecond, bytesPerSecond, burst, disconnectAfter))
        .downlinkQueueCapacity(downlinkQueueCapacity);
    List<String> problems = limits.problems();
    if (!problems.isEmpty()) {
      throw new ParameterException(command.commandLine(),
          problems.stream().map(p -> asOptionProblem(p, parsed)).collect(Collectors.joining(System.lineSeparator())));
    }
    return limits.build();
  }

  /** {@code "maxInFlight: 0 not in 1..65535"} becomes {@code "Invalid value for option '--max-in-flight': 0 not in 1..65535"}. */
  private String asOptionProblem(String problem, ParseResult parsed) {
    int colon = problem.indexOf(": ");
    String option = colon < 0 ? null : OPTIONS.get(problem.substring(0, colon));
    if (option == null) {
      return renamed(problem);
    }
    String detail = renamed(problem.substring(colon + 2));
    String given = given(option, parsed);
    // The config names the value as it holds it (bytes, PT5S); the text given is added when it differs.
    String as = detail.startsWith(given + " ") ? "" : " (" + given + ")";
    return "Invalid value for option '" + option + "'" + as + ": " + detail;
  }

  /** The text on the command line, or the default. */
  private String given(String option, ParseResult parsed) {
    OptionSpec matched = parsed.matchedOption(option);
    if (matched != null) {
      List<String> values = matched.originalStringValues();
      return values.get(values.size() - 1);
    }
    return command.findOption(option).defaultValue();
  }

  private static String renamed(String text) {
    String renamed = text;
    for (Map.Entry<String, String> e : OPTIONS.entrySet()) {
      renamed = renamed.replace(e.getKey(), e.getValue());
    }
    return renamed;
  }
}
