package io.eoc.edge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.edge.Agent;
import io.eoc.edge.config.AgentConfig;
import io.eoc.edge.config.AgentConfigLoader;
import io.eoc.sim.modbus.ModbusBoilerServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentMetricsTest {
  @TempDir
  Path dir;

  @Test
  void prometheusEndpointReportsPointsReadAndDeviceState() throws Exception {
    try (ModbusBoilerServer sim = ModbusBoilerServer.start(ModbusBoilerServer.Options.defaults().withPort(0))) {
      AgentConfig config = AgentConfigLoader.parse("agent.yaml", """
          agent: {id: metrics-test}
          cloud: {url: "tcp://127.0.0.1:1"}
          metrics: {port: 0}
          devices:
            - {id: boiler-1, category: high-energy, protocol: modbus-tcp, host: 127.0.0.1, port: %d, poll: 20ms,
               registers: [{tag: p, address: 0, type: uint16}]}
          """.formatted(sim.port()), dir);
      io.eoc.edge.testing.TestIdentity.provision(config.dataDir());
      try (Agent agent = Agent.start(config, Clock.systemUTC())) {
        int port = agent.metricsPort().orElseThrow();
        String body = "";
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (pointsRead(body) < 5 && System.nanoTime() < deadline) {
          body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString()).body();
        }
        assertThat(pointsRead(body)).as(body).isGreaterThanOrEqualTo(5);
        assertThat(body).contains("eoc_agent_device_online{agent=\"metrics-test\",device=\"boiler-1\"} 1.0")
            .contains("eoc_agent_uplink_connected{agent=\"metrics-test\"} 0.0")
            .contains("eoc_agent_outbox_depth{agent=\"metrics-test\"}")
            .contains("eoc_agent_points_filtered_total{agent=\"metrics-test\",reason=\"nan\"} 0.0");
      }
    }
  }

  private static double pointsRead(String body) {
    Matcher m = Pattern.compile("eoc_agent_points_read_total\\{agent=\"metrics-test\"} ([0-9.eE+]+)").matcher(body);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
