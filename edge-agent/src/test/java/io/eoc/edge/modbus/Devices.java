package io.eoc.edge.modbus;

import io.eoc.edge.config.AgentConfigLoader;
import io.eoc.edge.config.DeviceConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Test devices bound from YAML exactly as the agent binds them, and small waiting helpers. */
final class Devices {
  private Devices() {}

  /** Binds one device from the YAML lines of its mapping (indented by the caller's text block). */
  static DeviceConfig device(String deviceYaml) {
    String withProtocol = deviceYaml.contains("protocol:") ? deviceYaml : "protocol: modbus-tcp\n" + deviceYaml;
    String withCategory = withProtocol.contains("category:") ? withProtocol : "category: other\n" + withProtocol;
    String indented = withCategory.lines().map(l -> "    " + l).collect(Collectors.joining("\n"));
    return AgentConfigLoader.parse("test.yaml", """
        agent: {id: modbus-test}
        cloud: {url: "tcp://127.0.0.1:1883"}
        devices:
          -
        """ + indented + "\n", Path.of(".")).devices().get(0);
  }

  /** {@code count} uint16 holding registers tag_00000, tag_00001, … from address 0, scale 0.1. */
  static String loadTags(int count) {
    return IntStream.range(0, count).mapToObj(i -> String.format(
        "  - {tag: tag_%05d, address: %d, type: uint16, scale: 0.1}", i, i)).collect(Collectors.joining("\n"));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Polls {@code condition} until it holds, failing after {@code bound}. */
  static void await(Duration bound, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + bound);
      }
      Thread.onSpinWait();
      java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
    }
  }
}
