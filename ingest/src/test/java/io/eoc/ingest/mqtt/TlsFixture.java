package io.eoc.ingest.mqtt;

import io.eoc.wire.pki.AgentCredentials;
import io.eoc.wire.pki.CertificateAuthority;
import io.eoc.wire.pki.Credential;
import io.eoc.wire.pki.TlsContexts;
import io.eoc.wire.pki.Validity;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/** The cloud's CA, its server certificate, and agents with good and bad certificates. */
final class TlsFixture {

  static final Validity ONE_DAY = Validity.startingNow(Clock.systemUTC(), Duration.ofDays(1));
  static final Validity LAST_WEEK = Validity.from(Instant.now().minus(Duration.ofDays(8)), Duration.ofDays(1));

  final CertificateAuthority ca =
      CertificateAuthority.create("eoc test CA", Validity.startingNow(Clock.systemUTC(), Duration.ofDays(30)));
  final Credential server = ca.issueServer("eoc cloud", List.of("localhost"), ONE_DAY);

  TransportTls transportTls() {
    return new TransportTls(server, ca.certificate());
  }

  AgentCredentials agent(String agentId) {
    return agent(ca, agentId, ONE_DAY);
  }

  static AgentCredentials agent(CertificateAuthority issuer, String agentId, Validity validity) {
    AgentCredentials agent = AgentCredentials.generate(agentId);
    return agent.withCertificate(List.of(issuer.sign(agent.certificateRequest(), agentId, validity)),
        issuer.certificate());
  }

  /** What an agent with {@code credentials} dials with: its certificate, trusting our CA. */
  SSLSocketFactory socketFactory(AgentCredentials credentials) {
    return TlsContexts.socketFactory(TlsContexts.agent(credentials.credential(), ca.certificate()));
  }

  /** A client that trusts our CA but has no certificate to present. */
  SSLSocketFactory socketFactoryWithoutCertificate() throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(new KeyManager[0], new TrustManager[] {TlsContexts.hostVerifyingTrustManager(ca.certificate())}, null);
    return TlsContexts.socketFactory(context);
  }
}
