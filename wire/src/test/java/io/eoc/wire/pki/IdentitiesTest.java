package io.eoc.wire.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

class IdentitiesTest {

  private static final Validity ONE_YEAR = Validity.startingNow(Clock.systemUTC(), Duration.ofDays(365));
  private static final CertificateAuthority CA =
      CertificateAuthority.create("eoc test CA", Validity.startingNow(Clock.systemUTC(), Duration.ofDays(3650)));

  /** A certificate the CA API would not issue, to see what the reader makes of it. */
  private static X509Certificate certificate(String subject, String uri) {
    KeyPair keys = Keys.generate();
    CertificateTemplate template = new CertificateTemplate(new X500Name(subject), keys.getPublic(), ONE_YEAR)
        .usage(KeyUsage.digitalSignature, KeyPurposeId.id_kp_clientAuth);
    if (uri != null) {
      template.agentUri(uri);
    }
    KeyPair caKeys = Keys.generate();
    X509Certificate issuer = CertificateTemplate.selfSignedCa(new X500Name("CN=other"), caKeys, ONE_YEAR);
    return template.sign(caKeys.getPrivate(), issuer);
  }

  @Test
  void agentIdComesFromAnIssuedCertificate() throws Exception {
    AgentCredentials agent = AgentCredentials.generate("press-line-3.gw");

    assertThat(Identities.agentIdOf(CA.sign(agent.certificateRequest(), "press-line-3.gw", ONE_YEAR)))
        .isEqualTo("press-line-3.gw");
  }

  @Test
  void commonNameAloneIsEnough() throws Exception {
    assertThat(Identities.agentIdOf(certificate("CN=gw-1,O=eoc", null))).isEqualTo("gw-1");
  }

  @Test
  void sanUriAloneIsEnough() throws Exception {
    assertThat(Identities.agentIdOf(certificate("O=eoc", "urn:eoc:agent:gw-1"))).isEqualTo("gw-1");
  }

  @Test
  void commonNameAndSanThatDisagreeAreRejected() {
    assertThatThrownBy(() -> Identities.agentIdOf(certificate("CN=gw-1", "urn:eoc:agent:gw-2")))
        .isInstanceOf(CertificateException.class).hasMessageContaining("'gw-1'").hasMessageContaining("'gw-2'");
  }

  @Test
  void nameThatIsNotAValidAgentIdIsRejected() {
    assertThatThrownBy(() -> Identities.agentIdOf(certificate("CN=gw/1", null)))
        .isInstanceOf(CertificateException.class).hasMessageContaining("not a valid name");
    assertThatThrownBy(() -> Identities.agentIdOf(CA.certificate()))
        .as("'eoc test CA' has spaces").isInstanceOf(CertificateException.class);
  }

  @Test
  void certificateWithoutAnyAgentNameIsRejected() {
    assertThatThrownBy(() -> Identities.agentIdOf(certificate("O=eoc", null)))
        .isInstanceOf(CertificateException.class).hasMessageContaining("names no agent");
  }
}
