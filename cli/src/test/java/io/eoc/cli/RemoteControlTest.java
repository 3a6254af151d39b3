package io.eoc.cli;

import static io.eoc.cli.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eoc.edge.Agent;
import io.eoc.edge.config.AgentConfig;
import io.eoc.edge.config.AgentConfigLoader;
import io.eoc.edge.identity.Enroller;
import io.eoc.ingest.Cloud;
import io.eoc.ingest.CloudConfig;
import io.eoc.sim.model.Category;
import io.eoc.sim.model.EquipmentModel;
import io.eoc.sim.model.PvInverterModel;
import io.eoc.sim.model.TagSpec;
import io.eoc.sim.modbus.ModbusEquipmentServer;
import io.eoc.sim.modbus.ServedDevice;
import io.eoc.wire.seal.Suite;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote control end to end (guidelines README §1.2 remote-control): an operator asks through the
 * cloud's API, the command travels over MQTT to the agent, the agent checks it against its own
 * configuration and writes the real Modbus slave, and the result comes back into the cloud.
 */
class RemoteControlTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AGENT = "rc-agent";

  @TempDir
  Path dir;

  @Test
  void anOperatorChangesASetPointWithinLimitsAndEverythingElseIsRefused() throws Exception {
    try (ModbusEquipmentServer sim = pvSimulator();
         Cloud cloud = Cloud.start(CloudConfig.embedded(dir.resolve("cloud")), Clock.systemUTC())) {
      ServedDevice pv = sim.device(1);
      AgentConfig config = pvAgent(cloud, pv);
      String base = "http://127.0.0.1:" + cloud.httpPort();
      // From the cloud's own machine while no user exists (how the first users are made).
      String operator = operator(base);
      assertThat(send("POST", base + "/api/admin/users", null, "{\"id\":\"ann\",\"role\":\"assessor\",\"password\":\"assessor-pass-1234\"}").statusCode()).isEqualTo(201);
      String assessor = login(base, "ann", "assessor-pass-1234");
      double runningBefore = pv.values().get("running");

      try (Agent agent = Agent.start(config, Clock.systemUTC())) {
        await(Duration.ofSeconds(30), () -> agent.status().uplink().connects() > 0);

        JsonNode applied = command(base, operator, "pv-1", "power_limit", 55);
        assertThat(applied.get("status").asText()).as(applied.toString()).isEqualTo("APPLIED");
        assertThat(applied.get("readBack").asDouble()).isCloseTo(55, within(0.05));
        assertThat(applied.get("issuedBy").asText()).isEqualTo("olga");
        assertThat(pv.values().get("power_limit")).isCloseTo(55, within(0.05));

        JsonNode tooHigh = command(base, operator, "pv-1", "power_limit", 95);
        assertThat(tooHigh.get("status").asText()).isEqualTo("REFUSED");
        assertThat(tooHigh.get("detail").asText()).contains("outside the remote limits [20.0, 80.0]");
        assertThat(pv.values().get("power_limit")).isCloseTo(55, within(0.05));

        JsonNode notRemote = command(base, operator, "pv-1", "running", 0);
        assertThat(notRemote.get("status").asText()).isEqualTo("REFUSED");
        assertThat(notRemote.get("detail").asText()).contains("not configured for remote writing");
        assertThat(pv.values().get("running")).isEqualTo(runningBefore);

        HttpResponse<String> forbidden = send("POST", base + "/api/commands", assessor, body("pv-1", "power_limit", 50, "PT1M"));
        assertThat(forbidden.statusCode()).as(forbidden.body()).isEqualTo(403);
        assertThat(pv.values().get("power_limit")).isCloseTo(55, within(0.05));
      }

      // The agent is away: a command with a short expiry is never applied.
      HttpResponse<String> r = send("POST", base + "/api/commands", operator, body("pv-1", "power_limit", 60, "PT1S"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      String id = JSON.readTree(r.body()).get("id").asText();
      await(Duration.ofSeconds(15), () -> status(base, operator, id).get("status").asText().equals("EXPIRED"));
      assertThat(pv.values().get("power_limit")).isCloseTo(55, within(0.05));

      assertThat(Fixtures.count(cloud, "SELECT coalesce(sum(uses), 0) FROM service_usage WHERE service = 'remote-control'"))
          .as("each accepted POST is one use; the assessor's 403 is not").isEqualTo(4);
      assertThat(Fixtures.count(cloud, "SELECT count(*) FROM audit_log WHERE action = 'command' AND actor LIKE '%olga%'")).isEqualTo(4);
      assertThat(Fixtures.count(cloud, "SELECT count(*) FROM audit_log WHERE action = 'command-result'")).isGreaterThanOrEqualTo(3);
    }
  }

  /**
   * 决策优化/执行优化 end to end: an auto strategy decides in the cloud, its command travels the same
   * audited path as an operator's, the agent applies it to the real Modbus slave within its own
   * remote limits, and the loop goes on once the result is back (one pending command at a time).
   */
  @Test
  void anAutoStrategyTrimsASetPointOnTheDeviceStepByStepWithinItsLimits() throws Exception {
    try (ModbusEquipmentServer sim = pvSimulator();
         Cloud cloud = Cloud.start(CloudConfig.embedded(dir.resolve("cloud")), Clock.systemUTC())) {
      ServedDevice pv = sim.device(1);
      AgentConfig config = pvAgent(cloud, pv);
      String base = "http://127.0.0.1:" + cloud.httpPort();
      String operator = operator(base);
      assertThat(pv.values().get("power_limit")).isCloseTo(100, within(0.05));
      long strategy;

      try (Agent agent = Agent.start(config, Clock.systemUTC())) {
        await(Duration.ofSeconds(30), () -> Fixtures.count(cloud, "SELECT count(*) FROM series WHERE agent_id = '" + AGENT
            + "' AND tag = 'power_limit'") == 1 && Fixtures.count(cloud, "SELECT count(*) FROM points") > 0);
        // AC power is never below zero, so its mean is always above this band: trim the power limit down,
        // 5 % at a time, not below 70 %. 100 % is outside the strategy's own limits: the first step goes to 80.
        HttpResponse<String> created = send("POST", base + "/api/optimisation/strategies", operator, """
            {"name": "pv limit", "agent": "%s", "device": "pv-1", "measureTag": "ac_power", "statistic": "mean",
             "window": "PT1M", "bandLow": -1, "bandHigh": -0.5, "setpointTag": "power_limit", "step": 5,
             "setpointMin": 70, "setpointMax": 80, "every": "PT1H", "mode": "auto"}""".formatted(AGENT));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        strategy = JSON.readTree(created.body()).get("id").asLong();

        // The cloud's scheduler evaluates a new strategy at once, and then every hour: the next steps are asked for.
        await(Duration.ofSeconds(30), () -> Math.abs(pv.values().get("power_limit") - 80) < 0.05);
        JsonNode first = decisions(base, operator, strategy).get(0);
        assertThat(decisions(base, operator, strategy)).hasSize(1);
        assertThat(first.get("action").asText()).as(first.toString()).isEqualTo("lower");
        assertThat(first.get("current").asDouble()).isCloseTo(100, within(0.05));
        assertThat(first.get("proposed").asDouble()).isEqualTo(80);
        String command = first.get("command").asText();
        await(Duration.ofSeconds(20), () -> status(base, operator, command).get("status").asText().equals("APPLIED"));
        JsonNode applied = status(base, operator, command);
        assertThat(applied.get("issuedBy").asText()).isEqualTo("optimiser:" + strategy);

        // Once the new value is stored, the next evaluation steps again; the one after stops at the minimum.
        await(Duration.ofSeconds(20), () -> Fixtures.number(cloud, "SELECT p.value FROM points p JOIN series s ON s.id = p.series_id"
            + " WHERE s.tag = 'power_limit' ORDER BY p.time DESC LIMIT 1") < 80.05);
        JsonNode second = JSON.readTree(send("POST", base + "/api/optimisation/strategies/" + strategy + "/evaluate", operator, "").body());
        assertThat(second.get("action").asText()).as(second.toString()).isEqualTo("lower");
        assertThat(second.get("proposed").asDouble()).isEqualTo(75);
        await(Duration.ofSeconds(20), () -> Math.abs(pv.values().get("power_limit") - 75) < 0.05);

        HttpResponse<String> off = send("PUT", base + "/api/optimisation/strategies/" + strategy, operator, "{\"enabled\": false}");
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
      }
      assertThat(Fixtures.count(cloud, "SELECT count(*) FROM audit_log WHERE action = 'command' AND actor = 'optimiser:" + strategy + "'"))
          .as("each command the optimiser sent is audited under its name").isEqualTo(2);
      // The scheduler's one evaluation and the requests served: create, decisions (twice), evaluate, enable.
      assertThat(Fixtures.count(cloud, "SELECT coalesce(sum(uses), 0) FROM service_usage WHERE service = 'optimisation'")).isEqualTo(6);
      assertThat(Fixtures.count(cloud, "SELECT count(*) FROM user_activity WHERE user_id LIKE 'optimiser%'")).isZero();
    }
  }

  private static JsonNode decisions(String base, String token, long strategy) throws Exception {
    HttpResponse<String> r = send("GET", base + "/api/optimisation/decisions?strategy=" + strategy, token, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).get("decisions");
  }

  /**
   * The cloud goes down after the agent got a command and before its result could be sent: the
   * simulated inverter holds the write until the cloud's MQTT transport is closed. The agent keeps
   * the result on disk; after the cloud restarts on the same data directory and ports, the result
   * arrives and the command becomes APPLIED, recorded and audited once.
   */
  @Test
  void aResultHeldUpByACloudOutageIsRecordedOnceAfterTheCloudIsBack() throws Exception {
    HeldWrite held = new HeldWrite(new PvInverterModel(3, Instant.parse("2024-06-21T04:00:00Z")), "power_limit");
    CloudConfig cloudConfig = CloudConfig.embedded(dir.resolve("cloud")).withPorts(Fixtures.freePort(), Fixtures.freePort());
    try (ModbusEquipmentServer sim = ModbusEquipmentServer.start(ModbusEquipmentServer.Options.of("pv"),
        List.of(new ModbusEquipmentServer.Unit("pv-1", 1, held, Duration.ofMillis(50))))) {
      ServedDevice pv = sim.device(1);
      Cloud cloud = Cloud.start(cloudConfig, Clock.systemUTC());
      try {
        // The write is held for a moment: the agent waits longer for the device than the default second.
        AgentConfig config = pvAgent(cloud, pv, "timeout: 4s");
        String base = "http://127.0.0.1:" + cloud.httpPort();
        assertThat(send("POST", base + "/api/admin/users", null, "{\"id\":\"olga\",\"role\":\"operator\",\"password\":\"operator-pass-1234\"}").statusCode()).isEqualTo(201);
        String operator = login(base, "olga", "operator-pass-1234");
        try (Agent agent = Agent.start(config, Clock.systemUTC())) {
          await(Duration.ofSeconds(20), () -> agent.status().uplink().connects() > 0);

          HttpResponse<String> r = send("POST", base + "/api/commands", operator, body("pv-1", "power_limit", 60, "PT1M"));
          assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
          String id = JSON.readTree(r.body()).get("id").asText();
          held.awaitWrite(Duration.ofSeconds(20));
          cloud.transport().close();
          await(Duration.ofSeconds(5), () -> !agent.status().uplink().connected());
          held.release();

          await(Duration.ofSeconds(10), () -> agent.status().commandResults().pending() == 1);
          assertThat(pv.values().get("power_limit")).isCloseTo(60, within(0.05));
          assertThat(Fixtures.count(cloud, "SELECT count(*) FROM commands WHERE status = 'APPLIED'")).isZero();
          cloud.close();

          cloud = Cloud.start(cloudConfig, Clock.systemUTC());
          await(Duration.ofSeconds(30), () -> agent.status().commandResults().pending() == 0);

          assertThat(agent.status().commandResults().acked()).isEqualTo(1);
          assertThat(agent.status().commandResults().dropped().values()).containsOnly(0L);
          String again = login(base, "olga", "operator-pass-1234");
          JsonNode applied = status(base, again, id);
          assertThat(applied.get("status").asText()).as(applied.toString()).isEqualTo("APPLIED");
          assertThat(applied.get("readBack").asDouble()).isCloseTo(60, within(0.05));
          JsonNode listed = JSON.readTree(send("GET", base + "/api/commands?agent=" + AGENT, again, null).body()).get("commands");
          assertThat(listed).singleElement().satisfies(c -> assertThat(c.get("status").asText()).isEqualTo("APPLIED"));
          assertThat(Fixtures.count(cloud, "SELECT count(*) FROM audit_log WHERE action = 'command-result' AND outcome = 'applied'"
              + " AND subject = 'command:" + id + "'")).isEqualTo(1);
          assertThat(Fixtures.count(cloud, "SELECT count(*) FROM command_reports")).isEqualTo(1);
        }
      } finally {
        cloud.close();
      }
    }
  }

  /** A simulated PV inverter served over Modbus TCP, its power limit writable (100 % at the start). */
  private static ModbusEquipmentServer pvSimulator() throws Exception {
    return ModbusEquipmentServer.start(ModbusEquipmentServer.Options.of("pv"),
        List.of(new ModbusEquipmentServer.Unit("pv-1", 1, new PvInverterModel(3, Instant.parse("2024-06-21T04:00:00Z")),
            Duration.ofMillis(50))));
  }

  /** Adds operator olga from the cloud's own machine (how the first users are made) and logs her in. */
  private static String operator(String base) throws Exception {
    assertThat(send("POST", base + "/api/admin/users", null, "{\"id\":\"olga\",\"role\":\"operator\",\"password\":\"operator-pass-1234\"}").statusCode()).isEqualTo(201);
    return login(base, "olga", "operator-pass-1234");
  }

  private AgentConfig pvAgent(Cloud cloud, ServedDevice pv) throws Exception {
    return pvAgent(cloud, pv, "");
  }

  /** {@code deviceExtra}: more settings of the device, one line ({@code "timeout: 4s"}). */
  private AgentConfig pvAgent(Cloud cloud, ServedDevice pv, String deviceExtra) throws Exception {
    String registers = pv.map().registers().stream().map(r -> "      - {tag: %s, address: %d, type: %s, scale: %s%s}".formatted(
        r.name(), r.address(), r.type().id(), r.scale(), r.name().equals("power_limit") ? ", remote: {min: 20, max: 80}" : ""))
        .collect(Collectors.joining("\n"));
    Path file = Files.writeString(dir.resolve("agent.yaml"), """
        agent: {id: %s, data-dir: agent}
        metrics: {port: 0}
        cloud: {url: "ssl://127.0.0.1:%d", api: "http://127.0.0.1:%d"}
        batch: {max-points: 50, max-delay: 200ms}
        devices:
          - id: pv-1
            category: new-energy
            kind: pv-inverter
            simulated: true
            protocol: modbus-tcp
            host: 127.0.0.1
            port: %d
            unit-id: 1
            poll: 100ms
            %s
            registers:
        %s
        """.formatted(AGENT, cloud.mqttPort(), cloud.httpPort(), pv.port(), deviceExtra, registers));
    AgentConfig config = AgentConfigLoader.load(file);
    String token = cloud.enrolment().issueToken(AGENT, Duration.ofMinutes(5)).token();
    Enroller.enrol(AGENT, config.dataDir(), URI.create("http://127.0.0.1:" + cloud.httpPort()), token, Suite.DEFAULT);
    return config;
  }

  /** Issues a command and waits for the agent's result. */
  private static JsonNode command(String base, String token, String device, String tag, double value) throws Exception {
    HttpResponse<String> r = send("POST", base + "/api/commands", token, body(device, tag, value, "PT1M"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    String id = JSON.readTree(r.body()).get("id").asText();
    await(Duration.ofSeconds(20), () -> !status(base, token, id).get("status").asText().equals("SENT"));
    return status(base, token, id);
  }

  private static JsonNode status(String base, String token, String id) {
    try {
      HttpResponse<String> r = send("GET", base + "/api/commands/" + id, token, null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return JSON.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String body(String device, String tag, double value, String expiresIn) {
    return "{\"agent\":\"%s\",\"device\":\"%s\",\"tag\":\"%s\",\"value\":%s,\"expiresIn\":\"%s\"}"
        .formatted(AGENT, device, tag, value, expiresIn);
  }

  private static String login(String base, String user, String password) throws Exception {
    HttpResponse<String> r = send("POST", base + "/api/login", null, "{\"user\":\"%s\",\"password\":\"%s\"}".formatted(user, password));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).get("token").asText();
  }

  /** An equipment model whose write of one tag waits, on the simulator's tick thread, until released. */
  private static final class HeldWrite implements EquipmentModel {
    private final EquipmentModel model;
    private final String tag;
    private final CountDownLatch written = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    HeldWrite(EquipmentModel model, String tag) {
      this.model = model;
      this.tag = tag;
    }

    void awaitWrite(Duration bound) throws InterruptedException {
      assertThat(written.await(bound.toMillis(), TimeUnit.MILLISECONDS)).as("the agent wrote " + tag).isTrue();
    }

    void release() {
      released.countDown();
    }

    @Override
    public void write(String name, double value) {
      if (name.equals(tag)) {
        written.countDown();
        try {
          // Bounded below the simulator's and the agent's timeouts, so a stuck test fails instead of hanging.
          released.await(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      model.write(name, value);
    }

    @Override
    public String kind() {
      return model.kind();
    }

    @Override
    public Category category() {
      return model.category();
    }

    @Override
    public List<TagSpec> tags() {
      return model.tags();
    }

    @Override
    public Instant now() {
      return model.now();
    }

    @Override
    public void step(Duration dt) {
      model.step(dt);
    }

    @Override
    public double value(String name) {
      return model.value(name);
    }
  }

  private static HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
