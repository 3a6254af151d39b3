package io.eoc.edge.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.wire.DeviceCatalog;
import io.eoc.wire.pki.AgentCredentials;
import io.eoc.wire.pki.CertificateAuthority;
import io.eoc.wire.pki.Credential;
import io.eoc.wire.pki.Identities;
import io.eoc.wire.pki.TlsContexts;
import io.eoc.wire.pki.Validity;
import java.io.IOException;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The uplink's TLS option against a bare JDK TLS server: what the agent presents and what it
 * accepts. The whole path through the cloud's MQTT transport is tested in the ingest module.
 */
class MqttUplinkTlsTest {

  private static final Validity ONE_DAY = Validity.startingNow(Clock.systemUTC(), Duration.ofDays(1));
  private static final CertificateAuthority CA = CertificateAuthority.create("eoc test CA", ONE_DAY);
  private static final Supplier<DeviceCatalog> NO_DEVICES = () -> new DeviceCatalog("gw-1", Instant.now(), List.of());

  private final ExecutorService serverThread = Executors.newSingleThreadExecutor();
  private MqttUplink uplink;
  @org.junit.jupiter.api.io.TempDir
  java.nio.file.Path dir;
  private io.eoc.edge.outbox.Outbox outbox;

  private io.eoc.edge.outbox.Outbox outbox() throws java.io.IOException {
    if (outbox == null) {
      outbox = io.eoc.edge.outbox.Outbox.open(dir.resolve("outbox"), io.eoc.edge.outbox.OutboxConfig.defaults(), Clock.systemUTC());
    }
    return outbox;
  }

  private MqttUplink uplink(String url) throws java.io.IOException {
    return new MqttUplink(url, "gw-1", Optional.empty(), NO_DEVICES, outbox(), new MqttUplink.Settings(4, Duration.ofSeconds(30)),
        Optional.of(agentContext()), Clock.systemUTC(), seq -> { });
  }

  @AfterEach
  void stop() throws Exception {
    if (uplink != null) {
      uplink.close();
    }
    if (outbox != null) {
      outbox.close();
    }
    serverThread.shutdownNow();
    assertThat(serverThread.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  private static SSLContext agentContext() {
    AgentCredentials agent = AgentCredentials.generate("gw-1");
    return TlsContexts.agent(agent.withCertificate(
        List.of(CA.sign(agent.certificateRequest(), "gw-1", ONE_DAY)), CA.certificate()));
  }

  private static SSLServerSocket cloud(List<String> hosts) throws IOException {
    Credential server = CA.issueServer("eoc cloud", hosts, ONE_DAY);
    SSLServerSocket listener = (SSLServerSocket) TlsContexts.server(server, CA.certificate())
        .getServerSocketFactory().createServerSocket(0, 4, InetAddress.getLoopbackAddress());
    listener.setSSLParameters(TlsContexts.serverParameters());
    return listener;
  }

  /** Completes with the agent id of the first client's certificate, or with its handshake failure. */
  private CompletableFuture<String> handshakeOnce(SSLServerSocket listener) {
    CompletableFuture<String> agent = new CompletableFuture<>();
    serverThread.execute(() -> {
      try (SSLSocket accepted = (SSLSocket) listener.accept()) {
        accepted.setSoTimeout(5_000);
        accepted.startHandshake();
        agent.complete(Identities.agentIdOf((X509Certificate) accepted.getSession().getPeerCertificates()[0]));
      } catch (Exception e) {
        agent.completeExceptionally(e);
      }
    });
    return agent;
  }

  @Test
  void uplinkPresentsTheAgentsCertificate() throws Exception {
    try (SSLServerSocket listener = cloud(List.of())) {
      CompletableFuture<String> seen = handshakeOnce(listener);
      uplink = uplink("ssl://127.0.0.1:" + listener.getLocalPort());

      uplink.start();

      assertThat(seen).succeedsWithin(5, TimeUnit.SECONDS).isEqualTo("gw-1");
    }
  }

  @Test
  void uplinkRefusesACloudWhoseCertificateDoesNotNameTheHostItDials() throws Exception {
    try (SSLServerSocket listener = cloud(List.of("cloud.example.com"))) {
      CompletableFuture<String> seen = handshakeOnce(listener);
      uplink = uplink("ssl://localhost:" + listener.getLocalPort());

      uplink.start();

      // The agent aborts the handshake; the server sees that as a certificate_unknown alert or,
      // when the agent's close wins the race, as a broken pipe. Either way no session starts.
      assertThat(seen).failsWithin(5, TimeUnit.SECONDS).withThrowableThat()
          .withCauseInstanceOf(java.io.IOException.class)
          .satisfies(e -> assertThat(e.getCause() instanceof SSLHandshakeException
              ? e.getMessage().contains("certificate_unknown") : e.getCause() instanceof java.net.SocketException).isTrue());
      assertThat(uplink.stats().connected()).isFalse();
    }
  }

  @Test
  void tlsNeedsAnSslUrl() {
    assertThatThrownBy(() -> uplink("tcp://127.0.0.1:1883"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ssl://");
  }
}
