package io.eoc.edge.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.edge.config.TagSpec;
import io.eoc.edge.filter.FilterConfig;
import io.eoc.edge.opcua.OpcUaSettings.Deadband;
import io.eoc.edge.opcua.OpcUaSettings.Identity;
import io.eoc.edge.opcua.OpcUaSettings.Mode;
import io.eoc.edge.opcua.OpcUaSettings.NodeSpec;
import io.eoc.edge.opcua.OpcUaSettings.ReadMode;
import io.eoc.edge.opcua.OpcUaSettings.Security;
import io.eoc.sim.model.EquipmentModel;
import io.eoc.sim.model.Models;
import io.eoc.sim.opcua.OpcUaEquipmentServer;
import io.eoc.wire.Point;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpcUaDriverTest {
  private static final String DEVICE = "motor-1";
  private static final List<String> TAGS = List.of("running", "active_power", "current", "energy");

  @TempDir Path tmp;
  private OpcUaEquipmentServer server;
  private OpcUaDriver driver;

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private OpcUaEquipmentServer start(Duration tick, int port) throws IOException {
    EquipmentModel model = Models.create("motor", 7, Instant.parse("2026-01-01T00:00:00Z"));
    return start(tick, port, model);
  }

  private OpcUaEquipmentServer start(Duration tick, int port, EquipmentModel model) throws IOException {
    return OpcUaEquipmentServer.start(OpcUaEquipmentServer.Options.local(tmp.resolve("server-pki"))
        .withTick(tick).withPort(port), Map.of(DEVICE, model));
  }

  private OpcUaSettings settings(Security security, Mode mode, ReadMode read) {
    List<NodeSpec> nodes = TAGS.stream().map(t -> new NodeSpec(new TagSpec(t, "", FilterConfig.ANALOG),
        server.nodeId(DEVICE, t), Deadband.NONE)).toList();
    return new OpcUaSettings(server.endpointUrl(), security, mode, Identity.ANONYMOUS,
        tmp.resolve("agent-pki"), read, Duration.ofMillis(100), nodes);
  }

  /** Reads until {@code done} holds for the latest value of every tag, within {@code bound}. */
  private Map<String, Point> readUntil(Duration bound, Predicate<Map<String, Point>> done) throws Exception {
    Map<String, Point> latest = new HashMap<>();
    long deadline = System.nanoTime() + bound.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        for (Point p : driver.read()) {
          latest.put(p.tag(), p);
        }
        if (done.test(latest)) {
          return latest;
        }
      } catch (IOException e) {
        last = e;
        driver.disconnect();
      }
      Thread.onSpinWait();
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
    }
    throw new AssertionError("not done within " + bound + "; latest " + latest, last);
  }

  @Test
  void subscriptionDeliversTheModelsValues() throws Exception {
    server = start(Duration.ofHours(1), 0);
    driver = new OpcUaDriver(DEVICE, settings(Security.NONE, Mode.NONE, ReadMode.SUBSCRIPTION), Clock.systemUTC());
    Map<String, Double> expected = server.values(DEVICE);
    Map<String, Point> got = readUntil(Duration.ofSeconds(10), m -> m.keySet().containsAll(TAGS));
    for (String tag : TAGS) {
      assertThat(got.get(tag).value()).as(tag).isEqualTo(expected.get(tag));
      assertThat(got.get(tag).quality().isGood()).isTrue();
    }
    assertThat(driver.serverIdentity()).hasValueSatisfying(id -> assertThat(id.simulated()).isTrue());
  }

  @Test
  void pollModeReadsEveryTag() throws Exception {
    server = start(Duration.ofHours(1), 0);
    driver = new OpcUaDriver(DEVICE, settings(Security.NONE, Mode.NONE, ReadMode.POLL), Clock.systemUTC());
    Map<String, Double> expected = server.values(DEVICE);
    List<Point> points = driver.read();
    assertThat(points).extracting(Point::tag).containsExactlyElementsOf(TAGS);
    points.forEach(p -> assertThat(p.value()).as(p.tag()).isEqualTo(expected.get(p.tag())));
  }

  @Test
  void writingRunningZeroStopsTheMotor() throws Exception {
    server = start(Duration.ofMillis(100), 0);
    driver = new OpcUaDriver(DEVICE, settings(Security.NONE, Mode.NONE, ReadMode.SUBSCRIPTION), Clock.systemUTC());
    readUntil(Duration.ofSeconds(10), m -> m.containsKey("active_power") && m.get("active_power").value() > 0);
    var client = org.eclipse.milo.opcua.sdk.client.OpcUaClient.create(server.endpointUrl());
    client.connect();
    try {
      var status = client.writeValues(
          List.of(org.eclipse.milo.opcua.stack.core.types.builtin.NodeId.parse(server.nodeId(DEVICE, "running"))),
          List.of(org.eclipse.milo.opcua.stack.core.types.builtin.DataValue.valueOnly(
              new org.eclipse.milo.opcua.stack.core.types.builtin.Variant(false))));
      assertThat(status.get(0).isGood()).as(status.toString()).isTrue();
    } finally {
      client.disconnect();
    }
    readUntil(Duration.ofSeconds(20), m -> m.containsKey("running") && m.get("running").value() == 0
        && m.containsKey("active_power") && m.get("active_power").value() == 0);
  }

  /** The server trusts the agent (its certificate in the server's trusted/), as an engineer would. */
  private Path trustAgentOnServer() throws IOException {
    Path pki = tmp.resolve("agent-pki");
    ClientPki agent = ClientPki.open(pki);
    Path staged = tmp.resolve("server-pki/agent.tmp");
    Files.copy(agent.certificateFile(), staged);
    Files.move(staged, tmp.resolve("server-pki/trusted/agent.der"), StandardCopyOption.ATOMIC_MOVE);
    return pki;
  }

  /** Reads until the driver refuses with the quarantine message (the server's trust list reloads asynchronously). */
  private IOException awaitRefusal(Path pki) {
    String expected = "move it to " + pki.resolve("trusted") + "/ to trust it";
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    IOException last = null;
    while (System.nanoTime() < deadline) {
      try {
        driver.read();
        throw new AssertionError("an untrusted server was accepted");
      } catch (IOException e) {
        last = e;
        if (e.getMessage().contains(expected)) {
          return e;
        }
      }
      java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);
    }
    throw new AssertionError("no refusal naming " + expected, last);
  }

  @Test
  void untrustedServerCertificateIsRefusedAndQuarantined() throws Exception {
    server = start(Duration.ofHours(1), 0);
    Path pki = trustAgentOnServer();
    driver = new OpcUaDriver(DEVICE, settings(Security.BASIC256SHA256, Mode.SIGN_AND_ENCRYPT,
        ReadMode.SUBSCRIPTION), Clock.systemUTC());
    assertThat(awaitRefusal(pki)).hasMessageContaining("is not trusted");
    try (Stream<Path> rejected = Files.list(pki.resolve("rejected"))) {
      assertThat(rejected.filter(p -> p.toString().endsWith(".der")).toList()).hasSize(1);
    }
  }

  @Test
  void signAndEncryptWorksOnceBothCertificatesAreTrusted() throws Exception {
    server = start(Duration.ofHours(1), 0);
    Path pki = trustAgentOnServer();
    driver = new OpcUaDriver(DEVICE, settings(Security.BASIC256SHA256, Mode.SIGN_AND_ENCRYPT,
        ReadMode.SUBSCRIPTION), Clock.systemUTC());
    awaitRefusal(pki);
    try (Stream<Path> rejected = Files.list(pki.resolve("rejected"))) {
      for (Path p : rejected.filter(p -> p.toString().endsWith(".der")).toList()) {
        Files.move(p, pki.resolve("trusted").resolve(p.getFileName()));
      }
    }
    Map<String, Double> expected = server.values(DEVICE);
    Map<String, Point> got = readUntil(Duration.ofSeconds(15), m -> m.keySet().containsAll(TAGS));
    assertThat(got.get("active_power").value()).isEqualTo(expected.get("active_power"));
  }

  @Test
  void subscriptionRecoversAfterEachOfFiveServerRestarts() throws Exception {
    EquipmentModel model = Models.create("motor", 7, Instant.parse("2026-01-01T00:00:00Z"));
    server = start(Duration.ofMillis(200), 0, model);
    int port = server.port();
    driver = new OpcUaDriver(DEVICE, settings(Security.NONE, Mode.NONE, ReadMode.SUBSCRIPTION), Clock.systemUTC());
    readUntil(Duration.ofSeconds(10), m -> m.containsKey("energy"));
    for (int i = 0; i < 5; i++) {
      driver.read();
      server.close();
      server = start(Duration.ofMillis(200), port, model);
      long t0 = System.nanoTime();
      readUntil(Duration.ofSeconds(10), m -> m.containsKey("current"));
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void readThrowsWhenTheServerIsGoneInsteadOfReturningNothingForever() throws Exception {
    server = start(Duration.ofMillis(200), 0);
    driver = new OpcUaDriver(DEVICE, settings(Security.NONE, Mode.NONE, ReadMode.SUBSCRIPTION), Clock.systemUTC());
    readUntil(Duration.ofSeconds(10), m -> m.containsKey("current"));
    server.close();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    IOException thrown = null;
    while (thrown == null && System.nanoTime() < deadline) {
      try {
        driver.read();
        java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);
      } catch (IOException e) {
        thrown = e;
      }
    }
    assertThat(thrown).as("read() must fail within 10 s of the server going away").isNotNull();
  }

  @Test
  void stopAndStartMethodsDriveTheModel() throws Exception {
    server = start(Duration.ofMillis(100), 0);
    var client = org.eclipse.milo.opcua.sdk.client.OpcUaClient.create(server.endpointUrl());
    client.connect();
    try {
      var device = org.eclipse.milo.opcua.stack.core.types.builtin.NodeId.parse(server.nodeId(DEVICE, "running")
          .replace(".running", ""));
      var stop = org.eclipse.milo.opcua.stack.core.types.builtin.NodeId.parse(server.nodeId(DEVICE, "Stop"));
      var result = client.call(List.of(new org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest(
          device, stop, new org.eclipse.milo.opcua.stack.core.types.builtin.Variant[0]))).getResults()[0];
      assertThat(result.getStatusCode().isGood()).as(result.toString()).isTrue();
      assertThat(server.values(DEVICE).get("running")).isEqualTo(0.0);
    } finally {
      client.disconnect();
    }
  }
}
