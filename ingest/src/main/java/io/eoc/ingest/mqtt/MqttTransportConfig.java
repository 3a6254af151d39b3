package io.eoc.ingest.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the device-facing MQTT endpoint, validated once with every error reported together.
 *
 * @param host the address to bind
 * @param port the port to bind; 0 picks an ephemeral port (see {@link MqttTransport#port()})
 * @param maxMessageBytes the largest accepted Remaining Length of a packet; larger packets drop the
 *     connection. Advertised to MQTT 5 clients as Maximum Packet Size.
 * @param minKeepAlive a client asking for a shorter keep-alive gets this one
 * @param maxKeepAlive a client asking for a longer (or no, 0) keep-alive gets this one
 * @param connectTimeout how long a new connection may take to send CONNECT (MQTT 3.1.1 §3.1.4)
 * @param maxInFlight unacknowledged QoS 1 PUBLISH packets per connection before reading pauses;
 *     advertised to MQTT 5 clients as Receive Maximum
 * @param rateLimit how fast each agent may publish; over it, QoS 1 PUBLISH packets are answered
 *     with PUBACK 0x97 Quota exceeded and not handed over (see {@link AgentRateLimit})
 * @param downlinkQueueCapacity messages with an expiry kept per agent while it is not connected
 *     (or not yet subscribed); more are refused (see
 *     {@link MqttTransport#sendToAgent(String, String, byte[], Duration)})
 * @param tls mutual TLS with per-agent certificates; empty for plain TCP (tokens, tests, the
 *     local demo)
 */
public record MqttTransportConfig(
    String host,
    int port,
    int maxMessageBytes,
    Duration minKeepAlive,
    Duration maxKeepAlive,
    Duration connectTimeout,
    int maxInFlight,
    AgentRateLimit rateLimit,
    int downlinkQueueCapacity,
    Optional<TransportTls> tls) {

  /** MQTT's largest Remaining Length (four-byte Variable Byte Integer). */
  public static final int MQTT_MAX_REMAINING_LENGTH = 268_435_455;
  /** Keep Alive is a two-byte number of seconds. */
  public static final Duration MQTT_MAX_KEEP_ALIVE = Duration.ofSeconds(65_535);

  public MqttTransportConfig {
    List<String> errors = problems(host, port, maxMessageBytes, minKeepAlive, maxKeepAlive, connectTimeout, maxInFlight,
        rateLimit, downlinkQueueCapacity, tls);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid MQTT transport config: " + String.join("; ", errors));
    }
  }

  /** Every problem of these settings as {@code "field: what is wrong"}; empty when they are valid. */
  private static List<String> problems(String host, int port, int maxMessageBytes, Duration minKeepAlive,
      Duration maxKeepAlive, Duration connectTimeout, int maxInFlight, AgentRateLimit rateLimit,
      int downlinkQueueCapacity, Optional<TransportTls> tls) {
    List<String> errors = new ArrayList<>();
    if (host == null || host.isBlank()) {
      errors.add("host: must not be blank");
    }
    check(errors, port >= 0 && port <= 65_535, "port: " + port + " not in 0..65535");
    check(errors, maxMessageBytes >= 1 && maxMessageBytes <= MQTT_MAX_REMAINING_LENGTH,
        "maxMessageBytes: " + maxMessageBytes + " not in 1.." + MQTT_MAX_REMAINING_LENGTH);
    check(errors, maxInFlight >= 1 && maxInFlight <= 65_535,
        "maxInFlight: " + maxInFlight + " not in 1..65535 (MQTT 5 Receive Maximum)");
    checkKeepAlive(errors, minKeepAlive, maxKeepAlive);
    if (rateLimit == null) {
      errors.add("rateLimit: must be set (AgentRateLimit.UNLIMITED for none)");
    } else {
      errors.addAll(rateLimit.problems(maxMessageBytes));
    }
    check(errors, downlinkQueueCapacity >= 1,
        "downlinkQueueCapacity: " + downlinkQueueCapacity + " must be at least 1");
    check(errors, connectTimeout != null && connectTimeout.toMillis() > 0,
        "connectTimeout: " + connectTimeout + " must be positive");
    check(errors, tls != null, "tls: must be set (Optional.empty() for plain TCP)");
    return errors;
  }

  /**
   * 127.0.0.1, ephemeral port, 1 MiB, keep-alive 5 s..5 min, 10 s to CONNECT, 1000 in flight,
   * {@link AgentRateLimit#DEFAULT}, 100 downlink messages kept per agent, no TLS.
   */
  public static MqttTransportConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().host(host).port(port).maxMessageBytes(maxMessageBytes)
        .keepAlive(minKeepAlive, maxKeepAlive).connectTimeout(connectTimeout).maxInFlight(maxInFlight)
        .rateLimit(rateLimit).downlinkQueueCapacity(downlinkQueueCapacity).tls(tls.orElse(null));
  }

  /**
   * What an agent meets, in the units the {@code eoc cloud} options take, for the start-up log: e.g.
   * {@code per agent 200 msg/s and 20MiB/s, burst PT5S, disconnected after PT10S of refusals; packets up to
   * 1MiB; keep-alive PT5S..PT5M; 1000 in flight; 100 downlink messages queued}.
   */
  public String limits() {
    String rate = rateLimit.equals(AgentRateLimit.UNLIMITED) ? "no per-agent rate limit"
        : "per agent " + rateLimit.messagesPerSecond() + " msg/s and " + size(rateLimit.bytesPerSecond()) + "/s, burst "
            + rateLimit.burst() + ", disconnected after " + rateLimit.disconnectAfter() + " of refusals";
    return rate + "; packets up to " + size(maxMessageBytes) + "; keep-alive " + minKeepAlive + ".." + maxKeepAlive
        + "; " + maxInFlight + " in flight; " + downlinkQueueCapacity + " downlink messages queued";
  }

  /** In the largest binary unit that divides it: 20MiB, 512KiB, 1000 (bytes). */
  private static String size(long bytes) {
    String[] units = {"GiB", "MiB", "KiB"};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << (10 * (units.length - i));
      if (bytes >= unit && bytes % unit == 0) {
        return bytes / unit + units[i];
      }
    }
    return Long.toString(bytes);
  }

  private static void checkKeepAlive(List<String> errors, Duration min, Duration max) {
    if (min == null || max == null) {
      errors.add("minKeepAlive/maxKeepAlive: must be set");
      return;
    }
    check(errors, min.getSeconds() >= 1, "minKeepAlive: " + min + " must be at least 1 s");
    check(errors, max.compareTo(min) >= 0, "maxKeepAlive: " + max + " must not be below minKeepAlive " + min);
    check(errors, max.compareTo(MQTT_MAX_KEEP_ALIVE) <= 0, "maxKeepAlive: " + max + " above 65535 s");
  }

  private static void check(List<String> errors, boolean ok, String error) {
    if (!ok) {
      errors.add(error);
    }
  }

  /** Starts from the defaults of {@link #defaults()}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 0;
    private int maxMessageBytes = 1024 * 1024;
    private Duration minKeepAlive = Duration.ofSeconds(5);
    private Duration maxKeepAlive = Duration.ofMinutes(5);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private int maxInFlight = 1000;
    private AgentRateLimit rateLimit = AgentRateLimit.DEFAULT;
    private int downlinkQueueCapacity = 100;
    private TransportTls tls;

    private Builder() {}

    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder maxMessageBytes(int maxMessageBytes) {
      this.maxMessageBytes = maxMessageBytes;
      return this;
    }

    public Builder keepAlive(Duration min, Duration max) {
      this.minKeepAlive = min;
      this.maxKeepAlive = max;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder maxInFlight(int maxInFlight) {
      this.maxInFlight = maxInFlight;
      return this;
    }

    public Builder rateLimit(AgentRateLimit rateLimit) {
      this.rateLimit = rateLimit;
      return this;
    }

    public Builder downlinkQueueCapacity(int downlinkQueueCapacity) {
      this.downlinkQueueCapacity = downlinkQueueCapacity;
      return this;
    }

    /**
     * Serves MQTT over mutual TLS only; {@code null} for plain TCP. The connect timeout also
     * bounds the handshake.
     */
    public Builder tls(TransportTls tls) {
      this.tls = tls;
      return this;
    }

    /**
     * What {@link #build()} would refuse, each as {@code "field: what is wrong"} with the record's
     * component name (e.g. {@code "rateLimit.burst: ..."}); empty when it would succeed. For callers
     * that name the settings differently (command-line options) and report the problems themselves.
     */
    public List<String> problems() {
      return MqttTransportConfig.problems(host, port, maxMessageBytes, minKeepAlive, maxKeepAlive, connectTimeout,
          maxInFlight, rateLimit, downlinkQueueCapacity, Optional.ofNullable(tls));
    }

    public MqttTransportConfig build() {
      return new MqttTransportConfig(host, port, maxMessageBytes, minKeepAlive, maxKeepAlive, connectTimeout,
          maxInFlight, rateLimit, downlinkQueueCapacity, Optional.ofNullable(tls));
    }
  }
}
