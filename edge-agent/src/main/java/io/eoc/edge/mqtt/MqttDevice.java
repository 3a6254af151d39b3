package io.eoc.edge.mqtt;

import io.eoc.edge.DeviceDriver;
import io.eoc.edge.config.DeviceConfig;
import io.eoc.edge.config.ProtocolDevice;
import io.eoc.edge.config.TagSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An MQTT device as bound from YAML by {@link MqttBinder}: equipment (or a gateway) that publishes
 * JSON to a broker, read by subscribing. {@code password} and {@code trustStorePassword} are
 * secrets: never in {@link #toString()} or {@link #endpoint()}.
 *
 * @param broker {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId empty for {@code eoc-<device>-<random>}
 * @param bufferPoints points kept between two reads; beyond that the oldest are dropped and counted
 */
public record MqttDevice(String broker, Optional<String> username, Optional<String> password,
    Optional<String> clientId, List<Subscription> topics, TimestampSpec timestamp, List<MqttTag> mappings,
    Optional<Path> trustStore, Optional<String> trustStorePassword, Duration connectTimeout, int bufferPoints)
    implements ProtocolDevice {

  /** A topic filter (with + and # wildcards, MQTT 5 §4.7) and its QoS (0 or 1). */
  public record Subscription(String filter, int qos) {
    public Subscription {
      Objects.requireNonNull(filter, "filter");
      if (qos < 0 || qos > 1) {
        throw new IllegalArgumentException("qos must be 0 or 1, was " + qos);
      }
    }
  }

  public MqttDevice {
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(clientId, "clientId");
    topics = List.copyOf(topics);
    Objects.requireNonNull(timestamp, "timestamp");
    mappings = List.copyOf(mappings);
    Objects.requireNonNull(trustStore, "trustStore");
    Objects.requireNonNull(trustStorePassword, "trustStorePassword");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (topics.isEmpty() || mappings.isEmpty()) {
      throw new IllegalArgumentException("an MQTT device needs at least one topic and one tag");
    }
    if (bufferPoints < 1) {
      throw new IllegalArgumentException("bufferPoints must be >= 1");
    }
  }

  /** A device on {@code broker} reading {@code tags} from messages on {@code filter}, QoS 1, stamped on receipt. */
  public static MqttDevice of(String broker, String filter, List<MqttTag> tags) {
    return new MqttDevice(broker, Optional.empty(), Optional.empty(), Optional.empty(),
        List.of(new Subscription(filter, 1)), TimestampSpec.RECEIVE_TIME, tags, Optional.empty(), Optional.empty(),
        Duration.ofSeconds(5), 10_000);
  }

  public MqttDevice withTimestamp(TimestampSpec value) {
    return new MqttDevice(broker, username, password, clientId, topics, value, mappings, trustStore,
        trustStorePassword, connectTimeout, bufferPoints);
  }

  public MqttDevice withBufferPoints(int value) {
    return new MqttDevice(broker, username, password, clientId, topics, timestamp, mappings, trustStore,
        trustStorePassword, connectTimeout, value);
  }

  @Override
  public String protocol() {
    return MqttBinder.PROTOCOL;
  }

  @Override
  public String endpoint() {
    return broker + " " + topics.stream().map(Subscription::filter).toList();
  }

  @Override
  public List<TagSpec> tags() {
    return mappings.stream().map(MqttTag::spec).toList();
  }

  @Override
  public DeviceDriver createDriver(DeviceConfig device, Clock clock) {
    return new MqttDeviceDriver(device.id(), this, clock);
  }

  @Override
  public String toString() {
    return "MqttDevice[" + endpoint() + username.map(u -> ", user=" + u).orElse("")
        + password.map(p -> ", password=***").orElse("") + ", tags=" + mappings.size() + "]";
  }
}
