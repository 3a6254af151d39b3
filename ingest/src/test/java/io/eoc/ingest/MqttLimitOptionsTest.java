package io.eoc.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.ingest.mqtt.AgentRateLimit;
import io.eoc.ingest.mqtt.MqttTransportConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The MQTT transport's limits on the {@code eoc cloud} command line, as far as the cloud's configuration. */
class MqttLimitOptionsTest {
  private static final int USAGE = 2;

  @Test
  void withoutOptionsTheLimitsAreTheTransportsDefaults() {
    assertThat(limits()).isEqualTo(MqttTransportConfig.defaults());
    assertThat(CloudConfig.embedded(java.nio.file.Path.of("data")).mqttLimits()).isEqualTo(MqttTransportConfig.defaults());
  }

  @Test
  void everyLimitIsTakenFromItsOption() {
    MqttTransportConfig limits = limits("--agent-max-msgs-per-second", "50", "--agent-max-bytes-per-second", "512KiB",
        "--agent-burst", "PT4S", "--agent-disconnect-after", "30s", "--max-packet-size", "256KiB",
        "--keep-alive-min", "10s", "--keep-alive-max", "PT10M", "--max-in-flight", "100", "--downlink-queue-capacity", "20");

    assertThat(limits.rateLimit())
        .isEqualTo(new AgentRateLimit(50, 512 * 1024, Duration.ofSeconds(4), Duration.ofSeconds(30)));
    assertThat(limits.maxMessageBytes()).isEqualTo(256 * 1024);
    assertThat(limits.minKeepAlive()).isEqualTo(Duration.ofSeconds(10));
    assertThat(limits.maxKeepAlive()).isEqualTo(Duration.ofMinutes(10));
    assertThat(limits.maxInFlight()).isEqualTo(100);
    assertThat(limits.downlinkQueueCapacity()).isEqualTo(20);
  }

  @ParameterizedTest
  @CsvSource({"1000000, 1000000", "1000000B, 1000000", "64KiB, 65536", "64 kib, 65536", "20MiB, 20971520",
      "1GiB, 1073741824"})
  void sizesAreBytesOrBinaryUnits(String size, long bytes) {
    assertThat(limits("--agent-max-bytes-per-second", size, "--max-packet-size", "1KiB").rateLimit().bytesPerSecond())
        .isEqualTo(bytes);
  }

  @Test
  void durationsAreIsoOrShortForm() {
    assertThat(limits("--agent-burst", "PT0.5S", "--max-packet-size", "1KiB").rateLimit().burst())
        .isEqualTo(Duration.ofMillis(500));
    assertThat(limits("--agent-burst", "1500ms").rateLimit().burst()).isEqualTo(Duration.ofMillis(1500));
    assertThat(limits("--keep-alive-max", "1h").maxKeepAlive()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void theRateLimitCanBeSwitchedOff() {
    assertThat(limits("--no-agent-rate-limit").rateLimit()).isEqualTo(AgentRateLimit.UNLIMITED);
  }

  @Test
  void theLimitsReachTheCloudsConfigurationWithItsOtherSettings() {
    CloudConfig config = command("--host", "127.0.0.1", "--mqtt-port", "0", "--plain-mqtt",
        "--agent-max-msgs-per-second", "7").config();

    assertThat(config.mqttLimits().rateLimit().messagesPerSecond()).isEqualTo(7);
    assertThat(config.tls()).isFalse();
    assertThat(config.mqttPort()).isZero();
  }

  @Test
  void helpShowsEveryLimitWithItsDefault() {
    CommandLine cl = new CommandLine(new CloudCommand());
    cl.setUsageHelpWidth(300); // one line per option
    String help = cl.getUsageMessage();

    assertThat(help).contains("--agent-max-msgs-per-second=N", "(default: 200)")
        .contains("--agent-max-bytes-per-second=SIZE", "(default: 20MiB)")
        .contains("--agent-burst=DURATION", "(default: PT5S)")
        .contains("--agent-disconnect-after=DURATION", "default: PT10S")
        .contains("--no-agent-rate-limit")
        .contains("--max-packet-size=SIZE", "(default: 1MiB)")
        .contains("--keep-alive-min=DURATION", "--keep-alive-max=DURATION", "(default: PT5M)")
        .contains("--max-in-flight=N", "(default: 1000)")
        .contains("--downlink-queue-capacity=N", "(default: 100)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      --max-packet-size 20MB          | Invalid value for option '--max-packet-size': '20MB' is not a size; write a whole number of bytes (1048576) or of KiB, MiB, GiB (512KiB, 20MiB)
      --agent-max-bytes-per-second -1 | Invalid value for option '--agent-max-bytes-per-second': '-1' is not a size
      --max-packet-size 99999999999GiB | Invalid value for option '--max-packet-size': '99999999999GiB' is too large a size
      --agent-burst soon              | Invalid value for option '--agent-burst': 'soon' is not a duration; write e.g. 500ms, 5s, 5m, 1h or ISO-8601 (PT5S, PT0.5S)
      --agent-max-msgs-per-second 0   | Invalid value for option '--agent-max-msgs-per-second': 0 must be at least 1
      --agent-max-msgs-per-second -5  | Invalid value for option '--agent-max-msgs-per-second': -5 must be at least 1
      --agent-max-bytes-per-second 0  | Invalid value for option '--agent-max-bytes-per-second': 0 must be at least 1
      --agent-burst 0s                | Invalid value for option '--agent-burst' (0s): PT0S must be positive
      --agent-burst PT-1S             | Invalid value for option '--agent-burst': PT-1S must be positive
      --agent-disconnect-after PT0S   | Invalid value for option '--agent-disconnect-after': PT0S must be positive
      --agent-max-bytes-per-second 100KiB | Invalid value for option '--agent-burst': PT5S at 102400 bytes/s holds less than --max-packet-size 1048576 (raise --agent-max-bytes-per-second or --agent-burst, or lower --max-packet-size)
      --agent-max-msgs-per-second 1 --agent-burst 500ms --max-packet-size 1KiB | Invalid value for option '--agent-burst' (500ms): PT0.5S holds less than one message at 1/s
      --max-packet-size 0             | Invalid value for option '--max-packet-size': 0 not in 1..268435455
      --max-packet-size 4GiB          | Invalid value for option '--max-packet-size' (4GiB): 2147483647 not in 1..268435455
      --keep-alive-min 0s             | Invalid value for option '--keep-alive-min' (0s): PT0S must be at least 1 s
      --keep-alive-min 10m            | Invalid value for option '--keep-alive-max': PT5M must not be below --keep-alive-min PT10M
      --keep-alive-max 19h            | Invalid value for option '--keep-alive-max' (19h): PT19H above 65535 s
      --max-in-flight 0               | Invalid value for option '--max-in-flight': 0 not in 1..65535 (MQTT 5 Receive Maximum)
      --max-in-flight 70000           | Invalid value for option '--max-in-flight': 70000 not in 1..65535 (MQTT 5 Receive Maximum)
      --downlink-queue-capacity 0     | Invalid value for option '--downlink-queue-capacity': 0 must be at least 1
      --no-agent-rate-limit --agent-burst 1s --agent-max-msgs-per-second 5 | --no-agent-rate-limit cannot be combined with --agent-max-msgs-per-second, --agent-burst
      """)
  void aLimitThatIsNotAllowedIsAUsageErrorNamingTheOptionTheValueAndWhatIsAllowed(String args, String message)
      throws Exception {
    Rejection rejection = rejected(args.trim().split("\\s+"));

    assertThat(rejection.code).isEqualTo(USAGE);
    assertThat(rejection.err).startsWith(message).doesNotContain("Exception", "\tat ");
  }

  @Test
  void everyProblemIsReportedInTheOneError() throws Exception {
    Rejection rejection = rejected("--max-in-flight", "0", "--downlink-queue-capacity", "0", "--agent-burst", "0s");

    assertThat(rejection.err.lines().filter(l -> l.startsWith("Invalid value for option")))
        .containsExactlyInAnyOrder(
            "Invalid value for option '--max-in-flight': 0 not in 1..65535 (MQTT 5 Receive Maximum)",
            "Invalid value for option '--agent-burst' (0s): PT0S must be positive",
            "Invalid value for option '--downlink-queue-capacity': 0 must be at least 1");
  }

  @Test
  @Timeout(20) // were the limit accepted, the cloud would start and run until interrupted
  void runningTheCommandWithALimitThatIsNotAllowedExitsWithTheUsageCodeBeforeStartingAnything() {
    CommandLine cl = new CommandLine(new CloudCommand());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));

    int code = cl.execute("--max-in-flight", "0");

    assertThat(code).isEqualTo(USAGE);
    assertThat(err.toString())
        .startsWith("Invalid value for option '--max-in-flight': 0 not in 1..65535 (MQTT 5 Receive Maximum)")
        .contains("Usage: cloud").doesNotContain("Exception");
    assertThat(out.toString()).doesNotContain("starting");
  }

  private static CloudCommand command(String... args) {
    CommandLine cl = new CommandLine(new CloudCommand());
    cl.parseArgs(args);
    return cl.getCommand();
  }

  private static MqttTransportConfig limits(String... args) {
    return command(args).config().mqttLimits();
  }

  private record Rejection(int code, String err) {}

  /** Parses and builds the configuration as {@code eoc cloud} does, handling the error as picocli does. */
  private static Rejection rejected(String... args) throws Exception {
    CommandLine cl = new CommandLine(new CloudCommand());
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    try {
      cl.parseArgs(args);
      ((CloudCommand) cl.getCommand()).config();
    } catch (ParameterException e) {
      int code = cl.getParameterExceptionHandler().handleParseException(e, args);
      return new Rejection(code, err.toString());
    }
    throw new AssertionError("accepted: " + String.join(" ", args));
  }
}
