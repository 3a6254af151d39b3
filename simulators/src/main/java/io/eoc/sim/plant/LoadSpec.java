package io.eoc.sim.plant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A synthetic plant for benchmarks: {@code devices} devices of {@code tagsPerDevice} uint16 tags
 * each, whose values change every {@code tick} from a precomputed table, served
 * {@code devicesPerPort} to a port (unit ids 1, 2, …).
 */
public record LoadSpec(int devices, int tagsPerDevice, Duration tick, int devicesPerPort,
    String host) {

  /** The most devices one port serves: unit ids 1-247 (MODBUS over serial line §2.2). */
  public static final int MAX_DEVICES_PER_PORT = 247;

  public LoadSpec {
    List<String> problems = new ArrayList<>();
    if (devices < 1 || devices > 10_000) {
      problems.add("devices must be 1-10000, was " + devices);
    }
    if (tagsPerDevice < 1 || tagsPerDevice > 10_000) {
      problems.add("tagsPerDevice must be 1-10000, was " + tagsPerDevice);
    }
    if (tick == null || tick.compareTo(Duration.ofMillis(1)) < 0) {
      problems.add("tick must be at least 1ms, was " + tick);
    }
    if (devicesPerPort < 1 || devicesPerPort > MAX_DEVICES_PER_PORT) {
      problems.add("devicesPerPort must be 1-" + MAX_DEVICES_PER_PORT + ", was " + devicesPerPort);
    }
    Objects.requireNonNull(host, "host");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid load: " + String.join("; ", problems));
    }
  }

  /** {@code devices} × {@code tagsPerDevice} changing every {@code tick}, 10 devices a port. */
  public static LoadSpec of(int devices, int tagsPerDevice, Duration tick) {
    return new LoadSpec(devices, tagsPerDevice, tick, 10, "127.0.0.1");
  }

  public LoadSpec withDevicesPerPort(int value) {
    return new LoadSpec(devices, tagsPerDevice, tick, value, host);
  }
}
