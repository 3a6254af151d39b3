package io.eoc.wire.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TlsContextsTest {

  private static final Validity ONE_YEAR = Validity.startingNow(Clock.systemUTC(), Duration.ofDays(365));
  private static final CertificateAuthority CA =
      CertificateAuthority.create("eoc test CA", Validity.startingNow(Clock.systemUTC(), Duration.ofDays(3650)));

  private final X509ExtendedTrustManager trust = TlsContexts.trustManager(CA.certificate());
  private final ExecutorService serverThread = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopServerThread() throws InterruptedException {
    serverThread.shutdownNow();
    assertThat(serverThread.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  private static AgentCredentials agent(CertificateAuthority ca, String agentId, Validity validity) {
    AgentCredentials agent = AgentCredentials.generate(agentId);
    return agent.withCertificate(List.of(ca.sign(agent.certificateRequest(), agentId, validity)), ca.certificate());
  }

  private static X509Certificate[] chainOf(AgentCredentials agent) {
    return agent.credential().chain().toArray(X509Certificate[]::new);
  }

  @Test
  void expiredAgentCertificateIsRejectedByTheTrustManager() {
    Validity lastWeek = Validity.from(Instant.now().minus(Duration.ofDays(8)), Duration.ofDays(1));
    AgentCredentials expired = agent(CA, "gw-1", lastWeek);

    assertThatThrownBy(() -> trust.checkClientTrusted(chainOf(expired), "EC"))
        .isInstanceOf(CertificateException.class)
        .hasRootCauseInstanceOf(CertificateExpiredException.class);
  }

  @Test
  void certificateOfAForeignCaIsRejectedByTheTrustManager() {
    CertificateAuthority foreign = CertificateAuthority.create("eoc test CA", ONE_YEAR);
    AgentCredentials stranger = agent(foreign, "gw-1", ONE_YEAR);

    assertThatThrownBy(() -> trust.checkClientTrusted(chainOf(stranger), "EC"))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void serverCertificateIsNotAcceptedAsAClientCertificate() {
    Credential server = CA.issueServer("eoc cloud", List.of(), ONE_YEAR);

    assertThatThrownBy(() -> trust.checkClientTrusted(server.chain().toArray(X509Certificate[]::new), "EC"))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void agentAndServerCompleteAMutualHandshakeAndTheServerLearnsTheAgent() throws Exception {
    Credential server = CA.issueServer("eoc cloud", List.of(), ONE_YEAR);
    AgentCredentials agent = agent(CA, "gw-1", ONE_YEAR);

    try (SSLServerSocket listener = listen(server)) {
      CompletableFuture<String> seen = acceptOne(listener);
      try (SSLSocket socket = dial(TlsContexts.agent(agent), "127.0.0.1", listener.getLocalPort())) {
        socket.startHandshake();
        assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        socket.getOutputStream().write(1);
        assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("gw-1");
      }
    }
  }

  @Test
  void agentRefusesAServerWhoseCertificateDoesNotNameTheDialledHost() throws Exception {
    Credential server = CA.issueServer("eoc cloud", List.of("cloud.example.com"), ONE_YEAR);
    AgentCredentials agent = agent(CA, "gw-1", ONE_YEAR);

    try (SSLServerSocket listener = listen(server)) {
      acceptOne(listener);
      try (SSLSocket socket = dial(TlsContexts.agent(agent), "localhost", listener.getLocalPort())) {
        assertThatThrownBy(socket::startHandshake)
            .isInstanceOf(SSLHandshakeException.class)
            .hasStackTraceContaining("does not name host localhost");
      }
    }
  }

  @Test
  void agentSocketsSpeakOnlyTls13And12WithoutNaglesDelay() throws Exception {
    SSLContext context = TlsContexts.agent(agent(CA, "gw-1", ONE_YEAR));

    try (SSLSocket socket = (SSLSocket) TlsContexts.socketFactory(context).createSocket()) {
      assertThat(socket.getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
      assertThat(socket.getTcpNoDelay()).isTrue();
    }
  }

  @Test
  void serverParametersRequireAClientCertificate() {
    assertThat(TlsContexts.serverParameters().getNeedClientAuth()).isTrue();
    assertThat(TlsContexts.serverParameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
  }

  private static SSLServerSocket listen(Credential server) throws IOException {
    SSLServerSocket listener = (SSLServerSocket) TlsContexts.server(server, CA.certificate())
        .getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
    listener.setSSLParameters(TlsContexts.serverParameters());
    return listener;
  }

  /**
   * Accepts one connection, reads one byte, and completes with the agent id of the client
   * certificate. Completes before closing: a TLS 1.3 close waits for the peer's close_notify.
   */
  private CompletableFuture<String> acceptOne(SSLServerSocket listener) {
    CompletableFuture<String> seen = new CompletableFuture<>();
    serverThread.execute(() -> {
      try (SSLSocket accepted = (SSLSocket) listener.accept()) {
        accepted.setSoTimeout(5_000);
        accepted.getInputStream().read();
        seen.complete(Identities.agentIdOf((X509Certificate) accepted.getSession().getPeerCertificates()[0]));
      } catch (Exception e) {
        seen.completeExceptionally(e);
      }
    });
    return seen;
  }

  private static SSLSocket dial(SSLContext context, String host, int port) throws IOException {
    SSLSocket socket = (SSLSocket) TlsContexts.socketFactory(context).createSocket();
    socket.connect(new InetSocketAddress(host, port), 5_000);
    socket.setSoTimeout(5_000);
    return socket;
  }
}
