package io.eoc.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.wire.pki.CertificateAuthority;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The transport with mutual TLS on a real socket, driven by the Eclipse Paho MQTT 5 client. */
class MqttTlsTest {

  private static TlsFixture pki;

  private final ExecutorService kafka = Executors.newSingleThreadExecutor();
  private final RecordingUplink uplink = RecordingUplink.completingOn(kafka);
  private final RecordingAuditLog audit = new RecordingAuditLog();
  private final List<PahoAgent> agents = new ArrayList<>();
  private MqttTransport transport;

  @BeforeAll
  static void createPki() {
    pki = new TlsFixture();
  }

  @AfterEach
  void stopAll() throws Exception {
    for (PahoAgent agent : agents) {
      agent.close();
    }
    if (transport != null) {
      transport.close();
    }
    kafka.shutdown();
    assertThat(kafka.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  private void start(Authenticator authenticator) throws Exception {
    MqttTransportConfig config = MqttTransportConfig.builder().tls(pki.transportTls()).build();
    transport = MqttTransport.start(config, uplink, authenticator, Clock.systemUTC(), audit);
  }

  private PahoAgent agent(String clientId) throws MqttException {
    PahoAgent agent = new PahoAgent("ssl://127.0.0.1:" + transport.port(), clientId);
    agents.add(agent);
    return agent;
  }

  /** gw-1 with a valid certificate, connected. */
  private PahoAgent connectedGw1() throws Exception {
    PahoAgent agent = agent("gw-1");
    agent.connectTls(pki.socketFactory(pki.agent("gw-1")), null);
    return agent;
  }

  private void assertDroppedAndAudited(SSLSocketFactory factory, TlsFailureKind kind) throws Exception {
    PahoAgent bystander = connectedGw1();
    PahoAgent agent = agent("gw-2");

    assertThatThrownBy(() -> agent.connectTls(factory, null)).isInstanceOf(MqttException.class);

    AuditEvent event = audit.await(AuditEvent.TLS_HANDSHAKE_FAILED);
    assertThat(event.agentId()).isEqualTo(AuditEvent.UNKNOWN);
    assertThat(event.reason()).startsWith(kind.name());
    assertThat(event.remoteAddress()).contains("127.0.0.1");
    TransportStats stats = transport.stats();
    assertThat(stats.tlsFailures(kind)).isEqualTo(1);
    assertThat(stats.tlsFailuresTotal()).isEqualTo(1);
    assertThat(stats.connectionsAccepted()).as("only the bystander").isEqualTo(1);
    assertThat(transport.isConnected("gw-2")).isFalse();
    assertThat(bystander.client.isConnected()).as("other connections are untouched").isTrue();
  }

  @Test
  void agentWithAValidCertificatePublishesQos1AsTheCertificatesAgent() throws Exception {
    start(Authenticator.allowAll());
    PahoAgent agent = connectedGw1();

    List<IMqttToken> tokens = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      tokens.add(agent.publish("eoc/v1/agents/gw-1/batches", ("batch-" + i).getBytes(StandardCharsets.UTF_8)));
    }
    for (IMqttToken token : tokens) {
      token.waitForCompletion(PahoAgent.TIMEOUT_MILLIS);
      assertThat(token.getReasonCodes()).containsExactly(0);
    }

    assertThat(uplink.messages()).hasSize(50).allSatisfy(m -> assertThat(m.agentId()).isEqualTo("gw-1"));
    assertThat(transport.stats().acksSent()).isEqualTo(50);
    assertThat(transport.stats().tlsFailuresTotal()).isZero();
    assertThat(audit.events()).isEmpty();
  }

  @Test
  void agentWithoutAClientCertificateIsDroppedAndAudited() throws Exception {
    start(Authenticator.allowAll());

    assertDroppedAndAudited(pki.socketFactoryWithoutCertificate(), TlsFailureKind.NO_CLIENT_CERTIFICATE);
  }

  @Test
  void certificateOfAForeignCaIsDroppedAndAudited() throws Exception {
    start(Authenticator.allowAll());
    CertificateAuthority foreign = CertificateAuthority.create("eoc test CA", TlsFixture.ONE_DAY);

    assertDroppedAndAudited(pki.socketFactory(TlsFixture.agent(foreign, "gw-2", TlsFixture.ONE_DAY)),
        TlsFailureKind.UNTRUSTED_CERTIFICATE);
  }

  @Test
  void expiredCertificateIsDroppedAndAudited() throws Exception {
    start(Authenticator.allowAll());

    assertDroppedAndAudited(pki.socketFactory(TlsFixture.agent(pki.ca, "gw-2", TlsFixture.LAST_WEEK)),
        TlsFailureKind.EXPIRED_CERTIFICATE);
  }

  @Test
  void plainMqttOnTheTlsPortIsDroppedAndAudited() throws Exception {
    start(Authenticator.allowAll());
    PahoAgent plain = new PahoAgent(transport.port(), "gw-2");
    agents.add(plain);

    assertThatThrownBy(() -> plain.connect("gw-2", "token")).isInstanceOf(MqttException.class);

    assertThat(audit.await(AuditEvent.TLS_HANDSHAKE_FAILED).reason()).startsWith("NOT_TLS");
    assertThat(transport.stats().tlsFailures(TlsFailureKind.NOT_TLS)).isEqualTo(1);
  }

  @Test
  void publishToAnotherAgentsTopicIsDeniedWithNotAuthorizedAndAudited() throws Exception {
    start(Authenticator.allowAll());
    PahoAgent agent = connectedGw1();

    IMqttToken token = agent.publish("eoc/v1/agents/gw-2/batches", new byte[] {1});
    token.waitForCompletion(PahoAgent.TIMEOUT_MILLIS);

    assertThat(token.getReasonCodes()).containsExactly(0x87);
    assertThat(agent.client.isConnected()).isTrue();
    assertThat(uplink.calls()).isEmpty();
    AuditEvent event = audit.await(AuditEvent.ACL_DENIED);
    assertThat(event.agentId()).isEqualTo("gw-1");
    assertThat(event.reason()).isEqualTo("publish to eoc/v1/agents/gw-2/batches");
  }

  @Test
  void clientIdOfAnotherAgentIsRefusedWithNotAuthorizedAndAudited() throws Exception {
    start(Authenticator.allowAll());
    PahoAgent agent = agent("gw-2");

    assertThatThrownBy(() -> agent.connectTls(pki.socketFactory(pki.agent("gw-1")), null))
        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x87));

    AuditEvent event = audit.await(AuditEvent.CONNECTION_REFUSED);
    assertThat(event.agentId()).as("the certificate's agent").isEqualTo("gw-1");
    assertThat(event.reason()).contains("client id 'gw-2' is not the certificate's agent 'gw-1'");
    assertThat(transport.stats().connectionsRefused()).isEqualTo(1);
    assertThat(transport.isConnected("gw-1")).isFalse();
    assertThat(transport.isConnected("gw-2")).isFalse();
  }

  @Test
  void userNameOfAnotherAgentIsRefusedWithNotAuthorized() throws Exception {
    start(Authenticator.allowAll());
    PahoAgent agent = agent("gw-1");

    assertThatThrownBy(() -> agent.connectTls(pki.socketFactory(pki.agent("gw-1")), "gw-2"))
        .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x87));
    assertThat(audit.await(AuditEvent.CONNECTION_REFUSED).reason()).contains("user name 'gw-2'");
  }

  @Test
  void tokenIsASecondFactorWhenTheAuthenticatorAsksForIt() throws Exception {
    start(Authenticator.tokens(Map.of("gw-1", "token-1")));
    PahoAgent agent = agent("gw-1");

    assertThatThrownBy(() -> agent.connectTls(pki.socketFactory(pki.agent("gw-1")), "gw-1"))
        .as("a valid certificate without the token").isInstanceOfSatisfying(MqttException.class,
            e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
    assertThat(audit.await(AuditEvent.CONNECTION_REFUSED).reason()).contains("BAD_USER_NAME_OR_PASSWORD");
  }

  @Test
  void secondConnectionOfTheSameCertificateTakesOverAndIsAudited() throws Exception {
    start(Authenticator.allowAll());
    PahoAgent first = connectedGw1();

    PahoAgent second = connectedGw1();

    assertThat(first.disconnected.get(5, TimeUnit.SECONDS).getReturnCode()).as("Session taken over").isEqualTo(0x8E);
    assertThat(second.client.isConnected()).isTrue();
    assertThat(audit.await(AuditEvent.TAKEOVER).agentId()).isEqualTo("gw-1");
  }

  @Test
  void transportSettingsNeverShowTheServerKey() {
    String shown = MqttTransportConfig.builder().tls(pki.transportTls()).build().toString();

    assertThat(shown).contains("(hidden)").contains("CN=eoc test CA").doesNotContain("PRIVATE KEY");
  }

}
