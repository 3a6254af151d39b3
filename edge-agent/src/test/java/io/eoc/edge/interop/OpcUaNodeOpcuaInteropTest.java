package io.eoc.edge.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.edge.config.TagSpec;
import io.eoc.edge.filter.FilterConfig;
import io.eoc.edge.opcua.OpcUaDriver;
import io.eoc.edge.opcua.OpcUaSettings;
import io.eoc.edge.opcua.OpcUaSettings.Deadband;
import io.eoc.edge.opcua.OpcUaSettings.Identity;
import io.eoc.edge.opcua.OpcUaSettings.Mode;
import io.eoc.edge.opcua.OpcUaSettings.NodeSpec;
import io.eoc.edge.opcua.OpcUaSettings.ReadMode;
import io.eoc.edge.opcua.OpcUaSettings.Security;
import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OPC UA driver against node-opcua, an OPC UA server written by others (JavaScript):
 * {@code src/test/interop/opcua-server/server.mjs}, installed with {@code npm ci} in that folder.
 */
class OpcUaNodeOpcuaInteropTest {
  private static final Path SERVER_DIR = Path.of("src/test/interop/opcua-server");
  private static final List<String> TAGS = List.of("Setpoint", "Temperature", "Counter", "Running");

  @TempDir static Path tmp;
  private static ExternalPeer server;
  private static String endpoint;
  /** An agent whose certificate the server trusts, and which trusts the server (set up once). */
  private static Path trustingAgent;
  /** An agent whose certificate the server trusts, but which has not yet seen the server. */
  private static Path newAgent;
  private OpcUaDriver driver;

  @BeforeAll
  static void startNodeOpcua() throws Exception {
    String node = Tools.require(Tools.firstWorking(List.of("node"), "--version"), "Node.js", "apt-get install nodejs");
    Tools.require(Optional.of(SERVER_DIR.resolve("node_modules/node-opcua-server")).filter(Files::isDirectory)
        .map(Path::toString), "node-opcua", "npm ci --prefix " + SERVER_DIR.toAbsolutePath());
    int port = ExternalPeer.freePort();
    endpoint = "opc.tcp://127.0.0.1:" + port;
    // Each agent creates its application certificate on first start (here: a start without a server).
    trustingAgent = agentCertificate("trusting-agent");
    newAgent = agentCertificate("new-agent");
    server = ExternalPeer.start("node-opcua", List.of(node, SERVER_DIR.resolve("server.mjs").toString(),
        String.valueOf(port), tmp.resolve("server-pki").toString(),
        trustingAgent.resolve("own/cert.der").toString(), newAgent.resolve("own/cert.der").toString()),
        port, Duration.ofSeconds(60));
    trustServerAsTheEngineerWould(trustingAgent);
  }

  @AfterAll
  static void stopNodeOpcua() {
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void closeDriver() {
    if (driver != null) {
      driver.close();
    }
  }

  private static Path agentCertificate(String name) {
    Path pki = tmp.resolve(name);
    try (OpcUaDriver first = new OpcUaDriver(name, settings(Security.NONE, Mode.NONE, Identity.ANONYMOUS, pki,
        ReadMode.POLL, "opc.tcp://127.0.0.1:1"), Clock.systemUTC())) {
      first.read();
    } catch (IOException expected) {
      // nothing listens on port 1; the certificate is created all the same
    }
    assertThat(pki.resolve("own/cert.der")).isRegularFile();
    return pki;
  }

  /** Connects once with security: refused and quarantined; then moves rejected/ to trusted/. */
  private static void trustServerAsTheEngineerWould(Path pki) throws IOException {
    try (OpcUaDriver first = new OpcUaDriver("first", settings(Security.BASIC256SHA256, Mode.SIGN_AND_ENCRYPT,
        Identity.ANONYMOUS, pki, ReadMode.POLL, endpoint), Clock.systemUTC())) {
      assertThatThrownBy(first::read).hasMessageContaining("is not trusted");
    }
    try (Stream<Path> rejected = Files.list(pki.resolve("rejected"))) {
      for (Path p : rejected.filter(p -> p.toString().endsWith(".der")).toList()) {
        Files.move(p, pki.resolve("trusted").resolve(p.getFileName()));
      }
    }
  }

  private static OpcUaSettings settings(Security security, Mode mode, Identity identity, Path pki, ReadMode read,
      String url) {
    List<NodeSpec> nodes = TAGS.stream().map(t -> new NodeSpec(new TagSpec(t, "", FilterConfig.ANALOG),
        "ns=1;s=Pump." + t, Deadband.NONE)).toList();
    return new OpcUaSettings(url, security, mode, identity, pki, read, Duration.ofMillis(100), nodes);
  }

  private OpcUaDriver driver(Security security, Mode mode, Identity identity) {
    driver = new OpcUaDriver("pump", settings(security, mode, identity, trustingAgent, ReadMode.SUBSCRIPTION, endpoint),
        Clock.systemUTC());
    return driver;
  }

  /** Reads until every tag has a value and the counter has changed at least twice. */
  private static Map<String, Point> readChangingValues(OpcUaDriver driver) throws IOException {
    Map<String, Point> latest = new HashMap<>();
    Set<Double> counts = new HashSet<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    Predicate<Map<String, Point>> done = m -> m.keySet().containsAll(TAGS) && counts.size() >= 3;
    while (!done.test(latest)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no changing values within 15 s; latest " + latest);
      }
      for (Point p : driver.read()) {
        latest.put(p.tag(), p);
        if (p.tag().equals("Counter")) {
          counts.add(p.value());
        }
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    assertThat(latest.values()).allSatisfy(p -> assertThat(p.quality()).as(p.tag()).isEqualTo(Quality.GOOD));
    assertThat(latest.get("Setpoint").value()).isEqualTo(42.5);
    assertThat(latest.get("Temperature").value()).isBetween(15.0, 25.0);
    assertThat(latest.get("Running").value()).isIn(0.0, 1.0);
    return latest;
  }

  @Test
  void subscriptionWithoutSecurityDeliversChangingDoubleInt32AndBooleanValues() throws Exception {
    readChangingValues(driver(Security.NONE, Mode.NONE, Identity.ANONYMOUS));

    assertThat(driver.serverIdentity()).hasValueSatisfying(id -> {
      assertThat(id.manufacturer()).isEqualTo("node-opcua");
      assertThat(id.productName()).isEqualTo("eoc interop node-opcua server");
      assertThat(id.simulated()).isFalse();
    });
  }

  @Test
  void pollingMakesOnlyAnUnknownNodeBad() throws Exception {
    List<NodeSpec> nodes = List.of(
        new NodeSpec(new TagSpec("Setpoint", "", FilterConfig.ANALOG), "ns=1;s=Pump.Setpoint", Deadband.NONE),
        new NodeSpec(new TagSpec("Missing", "", FilterConfig.ANALOG), "ns=1;s=Pump.Missing", Deadband.NONE));
    driver = new OpcUaDriver("pump", new OpcUaSettings(endpoint, Security.NONE, Mode.NONE, Identity.ANONYMOUS,
        trustingAgent, ReadMode.POLL, Duration.ofMillis(100), nodes), Clock.systemUTC());

    List<Point> points = driver.read();

    assertThat(points).extracting(Point::tag, Point::value)
        .first().isEqualTo(org.assertj.core.groups.Tuple.tuple("Setpoint", 42.5));
    assertThat(points.get(1).quality()).isEqualTo(Quality.BAD_DEVICE_FAILURE);
  }

  @Test
  void aNewAgentRefusesTheServerCertificateAndQuarantinesItForTheEngineer() throws Exception {
    driver = new OpcUaDriver("pump", settings(Security.BASIC256SHA256, Mode.SIGN_AND_ENCRYPT, Identity.ANONYMOUS,
        newAgent, ReadMode.SUBSCRIPTION, endpoint), Clock.systemUTC());

    assertThatThrownBy(driver::read).hasMessageContaining("is not trusted")
        .hasMessageContaining("move it to " + newAgent.resolve("trusted") + "/ to trust it");
    try (Stream<Path> rejected = Files.list(newAgent.resolve("rejected"))) {
      assertThat(rejected.filter(p -> p.toString().endsWith(".der")).toList()).hasSize(1);
    }
  }

  @Test
  void signAndEncryptWithBasic256Sha256WorksOnceTheServerIsTrusted() throws Exception {
    readChangingValues(driver(Security.BASIC256SHA256, Mode.SIGN_AND_ENCRYPT, Identity.ANONYMOUS));
  }

  @Test
  void aes256Sha256RsaPssWorksWithSignAndWithSignAndEncrypt() throws Exception {
    readChangingValues(driver(Security.AES256_SHA256_RSAPSS, Mode.SIGN, Identity.ANONYMOUS));
    driver.close();
    readChangingValues(driver(Security.AES256_SHA256_RSAPSS, Mode.SIGN_AND_ENCRYPT, Identity.ANONYMOUS));
  }

  @Test
  void aUserWithTheRightPasswordIsLetIn() throws Exception {
    readChangingValues(driver(Security.BASIC256SHA256, Mode.SIGN_AND_ENCRYPT,
        new Identity(Optional.of("operator"), "operator-pw")));
  }

  @Test
  void aWrongPasswordIsRefusedWithTheServersReason() {
    driver(Security.BASIC256SHA256, Mode.SIGN_AND_ENCRYPT, new Identity(Optional.of("operator"), "wrong"));

    assertThatThrownBy(driver::read).isInstanceOf(IOException.class).hasMessageContaining("cannot connect to " + endpoint)
        .hasMessageNotContaining("wrong");
  }
}
