package io.eoc.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.edge.config.AgentConfig;
import io.eoc.edge.config.AgentConfigLoader;
import io.eoc.sim.modbus.ModbusBoilerServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentDeviceFailureTest {
  @TempDir
  Path dir;

  @Test
  void unreachableDeviceIsRetriedWithBackoffShowsBadQualityAndNeverStopsTheAgentOrOtherDevices() throws Exception {
    int deadPort = freePort();
    io.eoc.edge.testing.TestIdentity.provision(dir.resolve("data/agent"));
    try (ModbusBoilerServer live = ModbusBoilerServer.start(ModbusBoilerServer.Options.defaults().withPort(0));
         Agent agent = Agent.start(config(live.port(), deadPort), Clock.systemUTC())) {
      await(Duration.ofSeconds(20), () -> status(agent, "dead").failures() >= 3 && status(agent, "live").reads() >= 20);

      DeviceStatus dead = status(agent, "dead");
      assertThat(dead.state()).isEqualTo(DeviceStatus.State.OFFLINE);
      assertThat(dead.lastError()).hasValueSatisfying(e -> assertThat(e).contains("127.0.0.1:" + deadPort));
      assertThat(agent.status().badPoints()).isGreaterThanOrEqualTo(3);
      assertThat(status(agent, "live").state()).isEqualTo(DeviceStatus.State.ONLINE);
      // Polled every 50 ms, the live device reads far more often than the dead one is retried:
      // retries back off instead of hammering the unreachable address.
      assertThat(dead.failures()).isLessThan(status(agent, "live").reads() / 3);

      // The device appears: the next retry connects and it is online again.
      try (ModbusBoilerServer revived = ModbusBoilerServer.start(
          ModbusBoilerServer.Options.defaults().withDeviceId("dead").withPort(deadPort))) {
        await(Duration.ofSeconds(30), () -> status(agent, "dead").state() == DeviceStatus.State.ONLINE);
        assertThat(revived.servedLog().size()).isPositive();
      }
    }
  }

  private static DeviceStatus status(Agent agent, String device) {
    return agent.status().devices().stream().filter(d -> d.deviceId().equals(device)).findFirst().orElseThrow();
  }

  private AgentConfig config(int livePort, int deadPort) {
    return AgentConfigLoader.parse("agent.yaml", """
        agent: {id: failure-test}
        metrics: {port: 0}
        cloud: {url: "tcp://127.0.0.1:%d"}
        devices:
          - {id: live, category: power, protocol: modbus-tcp, host: 127.0.0.1, port: %d, poll: 50ms, timeout: 500ms,
             registers: [{tag: p, address: 0, type: uint16}]}
          - {id: dead, category: power, protocol: modbus-tcp, host: 127.0.0.1, port: %d, poll: 50ms, timeout: 500ms,
             registers: [{tag: p, address: 0, type: uint16}, {tag: t, address: 1, type: int16}]}
        """.formatted(freePortQuietly(), livePort, deadPort), dir);
  }

  private static int freePortQuietly() {
    try {
      return freePort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void await(Duration bound, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + bound);
      }
      Thread.sleep(20);
    }
  }
}
