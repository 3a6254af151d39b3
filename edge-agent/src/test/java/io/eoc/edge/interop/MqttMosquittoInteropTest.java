package io.eoc.edge.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.edge.DeviceDriver;
import io.eoc.edge.config.AgentConfigLoader;
import io.eoc.edge.config.DeviceConfig;
import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import io.eoc.wire.pki.CertificateAuthority;
import io.eoc.wire.pki.Credential;
import io.eoc.wire.pki.Validity;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQTT driver against mosquitto, a broker written by others (C), over TLS with a user name
 * and password: the test makes a CA and a server certificate with the project's PKI helpers, a
 * password file with {@code mosquitto_passwd}, and a configuration that refuses anonymous clients.
 */
class MqttMosquittoInteropTest {
  private static final String USER = "meter";
  private static final String PASSWORD = "meter-pw";
  private static final String TRUST_STORE_PASSWORD = "changeit";

  @TempDir static Path dir;
  private static ExternalPeer broker;
  private static String url;
  private static SSLContext tls;

  @BeforeAll
  static void startMosquitto() throws Exception {
    String mosquitto = Tools.require(Tools.executable("/usr/sbin/mosquitto", "mosquitto"),
        "mosquitto", "apt-get install mosquitto");
    String passwd = Tools.require(Tools.executable("/usr/bin/mosquitto_passwd", "mosquitto_passwd"),
        "mosquitto_passwd", "apt-get install mosquitto");
    CertificateAuthority ca = CertificateAuthority.create("eoc interop test CA",
        Validity.from(Instant.now().minus(Duration.ofHours(1)), Duration.ofDays(2)));
    Credential server = ca.issueServer("mosquitto", List.of(), Validity.from(Instant.now().minus(Duration.ofHours(1)),
        Duration.ofDays(1)));
    Files.writeString(dir.resolve("ca.pem"), pem("CERTIFICATE", ca.certificate().getEncoded()));
    Files.writeString(dir.resolve("server.pem"), pem("CERTIFICATE", server.certificate().getEncoded()));
    Files.writeString(dir.resolve("server.key"), pem("PRIVATE KEY", server.privateKey().getEncoded()));
    writeTrustStore(ca.certificate());
    Path passwords = Files.createFile(dir.resolve("passwords"));
    Process p = new ProcessBuilder(passwd, "-b", passwords.toString(), USER, PASSWORD).redirectErrorStream(true).start();
    assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    int port = ExternalPeer.freePort();
    // mosquitto started as root switches to `user`: keep the user running the test, who owns the files.
    Files.writeString(dir.resolve("mosquitto.conf"), """
        user %s
        persistence false
        log_dest stdout
        listener %d 127.0.0.1
        cafile %s
        certfile %s
        keyfile %s
        allow_anonymous false
        password_file %s
        """.formatted(System.getProperty("user.name"), port, dir.resolve("ca.pem"), dir.resolve("server.pem"),
        dir.resolve("server.key"), passwords));
    url = "ssl://127.0.0.1:" + port;
    broker = ExternalPeer.start("mosquitto", List.of(mosquitto, "-c", dir.resolve("mosquitto.conf").toString()), port,
        Duration.ofSeconds(20));
  }

  @AfterAll
  static void stopMosquitto() {
    if (broker != null) {
      broker.close();
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static void writeTrustStore(X509Certificate ca) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", ca);
    try (OutputStream out = Files.newOutputStream(dir.resolve("trust.p12"))) {
      store.store(out, TRUST_STORE_PASSWORD.toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
  }

  private static DeviceDriver driver(String id, String password) {
    DeviceConfig device = AgentConfigLoader.parse("interop.yaml", """
        agent: {id: interop}
        cloud: {url: "tcp://127.0.0.1:1883"}
        devices:
          - id: %s
            protocol: mqtt
            category: other
            broker: %s
            username: %s
            password: %s
            trust-store: %s
            trust-store-password: %s
            topics: [{filter: "plant/+/%s/telemetry", qos: 1}]
            timestamp: {pointer: /ts, format: epoch-ms}
            tags:
              - {tag: wind_speed, pointer: /values/wind_speed}
              - {tag: running, pointer: /values/running}
              - {tag: power, pointer: /values/power_w, scale: 0.001}
        """.formatted(id, url, USER, password, dir.resolve("trust.p12"), TRUST_STORE_PASSWORD, id), Path.of("."))
        .devices().get(0);
    return device.other().orElseThrow().createDriver(device, Clock.systemUTC());
  }

  private static void publish(String topic, String json) throws Exception {
    MqttClient client = new MqttClient(url, "interop-publisher-" + System.nanoTime(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName(USER);
    options.setPassword(PASSWORD.getBytes(StandardCharsets.UTF_8));
    options.setSocketFactory(tls.getSocketFactory());
    client.connect(options);
    try {
      client.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false);
    } finally {
      client.disconnect();
      client.close();
    }
  }

  @Test
  void readsJsonPublishedThroughMosquittoOverTlsWithAUserAndPassword() throws Exception {
    try (DeviceDriver driver = driver("wind-1", PASSWORD)) {
      assertThat(driver.read()).isEmpty(); // connects and subscribes
      publish("plant/north/wind-1/telemetry",
          "{\"ts\": 1767225600000, \"values\": {\"wind_speed\": 7.25, \"running\": true, \"power_w\": 1234500}}");
      publish("plant/north/other/telemetry", "{\"ts\": 1767225600000, \"values\": {\"wind_speed\": 99}}");

      List<Point> points = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (points.size() < 3 && System.nanoTime() < deadline) {
        points.addAll(driver.read());
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }

      assertThat(points).allSatisfy(p -> {
        assertThat(p.quality()).isEqualTo(Quality.GOOD);
        assertThat(p.timestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
      });
      Map<String, Double> values = points.stream().collect(Collectors.toMap(Point::tag, Point::value));
      assertThat(values).isEqualTo(Map.of("wind_speed", 7.25, "running", 1.0, "power", 1234.5));
    }
  }

  @Test
  void aWrongPasswordIsAConnectionFailureThatSaysSo() {
    try (DeviceDriver driver = driver("wind-2", "not-the-password")) {
      assertThatThrownBy(driver::read).isInstanceOf(IOException.class)
          .hasMessageContaining("cannot connect to MQTT broker " + url)
          .hasMessageContaining("Not authorized. (CONNACK reason 0x87): the broker refused user 'meter'; check the device's username and password")
          .hasMessageNotContaining("not-the-password");
    }
  }
}
