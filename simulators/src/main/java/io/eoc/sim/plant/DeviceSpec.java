package io.eoc.sim.plant;

import io.eoc.sim.model.Category;
import io.eoc.sim.model.ModelType;
import io.eoc.sim.model.Models;
import io.eoc.sim.model.TagSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One simulated device of a plant scenario.
 *
 * @param id device id, as the agent and the cloud know it
 * @param name human name, for the agent's configuration; defaults to the id
 * @param kind the model kind ({@link Models#kinds()})
 * @param category derived from the model
 * @param protocol how it is served: Modbus TCP, OPC UA or MQTT (through the plant's broker)
 * @param host address to bind
 * @param port TCP port; 0 picks a free one
 * @param gateway devices naming the same gateway share one port; empty for none. Devices
 *     without a gateway but with the same non-zero port share it too
 * @param unitId Modbus unit id; unused by other protocols
 * @param seed seed of the model's randomness
 * @param tick how often, and by how much simulated time, the model advances
 * @param poll how often the generated agent configuration polls it
 * @param setpoints values written to writable tags before serving starts, in order
 */
public record DeviceSpec(String id, String name, String kind, Category category,
    Protocol protocol, String host, int port, String gateway, int unitId, long seed,
    Duration tick, Duration poll, Map<String, Double> setpoints) {

  public DeviceSpec {
    List<String> problems = new ArrayList<>();
    if (!TagSpec.isValidName(id)) {
      problems.add("id '" + id + "' is not a valid name: " + TagSpec.NAME_RULE);
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(gateway, "gateway");
    ModelType type = Models.type(Objects.requireNonNull(kind, "kind")).orElse(null);
    if (type == null) {
      problems.add("unknown model kind '" + kind + "'; allowed: "
          + String.join(", ", Models.kinds()));
    } else if (category != type.category()) {
      problems.add("model " + kind + " is " + type.category().id() + ", not " + category);
    }
    if (port < 0 || port > 0xFFFF) {
      problems.add("port must be 0-65535, was " + port);
    }
    if (unitId < 0 || unitId > 255) {
      problems.add("unit id must be 0-255, was " + unitId);
    }
    if (tick == null || tick.compareTo(Duration.ofMillis(1)) < 0) {
      problems.add("tick must be at least 1ms, was " + tick);
    }
    if (poll == null || poll.compareTo(Duration.ofMillis(10)) < 0) {
      problems.add("poll must be at least 10ms, was " + poll);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("device " + id + ": " + String.join("; ", problems));
    }
    setpoints = Collections.unmodifiableMap(new LinkedHashMap<>(setpoints));
  }

  /**
   * A Modbus TCP device of {@code kind} on its own ephemeral port, unit 1, ticking every second
   * and polled every second.
   */
  public static DeviceSpec modbus(String id, String kind, long seed) {
    Category category = Models.type(kind).map(ModelType::category).orElse(Category.OTHER);
    return new DeviceSpec(id, id, kind, category, Protocol.MODBUS_TCP, "127.0.0.1", 0, "", 1,
        seed, Duration.ofSeconds(1), Duration.ofSeconds(1), Map.of());
  }

  public DeviceSpec withPort(int value) {
    return new DeviceSpec(id, name, kind, category, protocol, host, value, gateway, unitId, seed,
        tick, poll, setpoints);
  }

  public DeviceSpec withGateway(String value, int unit) {
    return new DeviceSpec(id, name, kind, category, protocol, host, port, value, unit, seed,
        tick, poll, setpoints);
  }

  public DeviceSpec withTick(Duration value) {
    return new DeviceSpec(id, name, kind, category, protocol, host, port, gateway, unitId, seed,
        value, poll, setpoints);
  }

  public DeviceSpec withSetpoints(Map<String, Double> value) {
    return new DeviceSpec(id, name, kind, category, protocol, host, port, gateway, unitId, seed,
        tick, poll, value);
  }

  /** Devices with the same key are served on one port, by one server of their protocol. */
  String serverKey() {
    String key;
    if (!gateway.isEmpty()) {
      key = "gateway " + gateway;
    } else {
      key = port != 0 ? "port " + host + ":" + port : "device " + id;
    }
    return protocol == Protocol.MODBUS_TCP ? key : protocol.id() + " " + key;
  }

  /** The server's name: the gateway's, else the device's. */
  String serverName() {
    return gateway.isEmpty() ? id : gateway;
  }
}
