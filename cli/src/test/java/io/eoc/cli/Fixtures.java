package io.eoc.cli;

import io.eoc.edge.config.AgentConfig;
import io.eoc.edge.config.AgentConfigLoader;
import io.eoc.edge.identity.Enroller;
import io.eoc.ingest.Cloud;
import io.eoc.wire.seal.Suite;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** What the cross-module tests share: ports, waiting with a bound, enrolment, database counts. */
final class Fixtures {
  private Fixtures() {}

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static void await(Duration bound, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + bound);
      }
      Thread.sleep(50);
    }
  }

  /** An agent file for one boiler, written to {@code dir/agent.yaml}, and the agent enrolled with the cloud. */
  static AgentConfig boilerAgent(Path dir, String agentId, Cloud cloud, int mqttPort, int httpPort, int modbusPort,
      String extra) throws Exception {
    return boilerAgent(dir, agentId, cloud, "ssl://127.0.0.1:" + mqttPort, httpPort, modbusPort, extra);
  }

  /** {@code mqttUrls}: one or several (comma-separated) cloud instances. */
  static AgentConfig boilerAgent(Path dir, String agentId, Cloud cloud, String mqttUrls, int httpPort, int modbusPort,
      String extra) throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), """
        agent: {id: %s, data-dir: agent}
        metrics: {port: 0}
        cloud: {url: "%s", api: "http://127.0.0.1:%d", backfill-after: 2s}
        batch: {max-points: 50, max-delay: 200ms}
        devices:
          - id: boiler-1
            category: high-energy
            kind: industrial-boiler
            simulated: true
            protocol: modbus-tcp
            host: 127.0.0.1
            port: %d
            poll: 50ms
            registers:
              - {tag: steam_pressure,    address: 0, type: uint16,  scale: 0.01}
              - {tag: steam_temperature, address: 1, type: int16,   scale: 0.1}
              - {tag: fuel_flow,         address: 2, type: float32}
              - {tag: running,           address: 4, type: uint16}
              - {tag: steam_flow,        address: 5, type: float32}
        %s
        """.formatted(agentId, mqttUrls, httpPort, modbusPort, extra));
    AgentConfig config = AgentConfigLoader.load(file);
    String token = cloud.enrolment().issueToken(agentId, Duration.ofMinutes(5)).token();
    Enroller.enrol(agentId, config.dataDir(), URI.create("http://127.0.0.1:" + httpPort), token, Suite.DEFAULT);
    return config;
  }

  static long count(Cloud cloud, String sql) {
    try (Connection c = cloud.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (Exception e) {
      throw new IllegalStateException(sql, e);
    }
  }

  static double number(Cloud cloud, String sql) {
    try (Connection c = cloud.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getDouble(1);
    } catch (Exception e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Points stored twice: the same series and time more than once. */
  static long duplicatePoints(Cloud cloud) {
    return count(cloud, "SELECT count(*) FROM (SELECT series_id, time FROM points GROUP BY series_id, time HAVING count(*) > 1) d");
  }
}
