package io.eoc.wire.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

  private static final Clock CLOCK = Clock.systemUTC();
  private static final Validity TEN_YEARS = Validity.startingNow(CLOCK, Duration.ofDays(3650));
  private static final Validity ONE_YEAR = Validity.startingNow(CLOCK, Duration.ofDays(365));
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

  private final CertificateAuthority ca = CertificateAuthority.create("eoc test CA", TEN_YEARS);

  @TempDir
  Path dir;

  @Test
  void agentCertificateNamesTheAgentTwiceAndChainsToTheCa() throws Exception {
    AgentCredentials agent = AgentCredentials.generate("gw-1");

    X509Certificate certificate = ca.sign(agent.certificateRequest(), "gw-1", ONE_YEAR);

    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=gw-1");
    assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(6, "urn:eoc:agent:gw-1"));
    assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
    assertThat(certificate.getBasicConstraints()).as("not a CA").isEqualTo(-1);
    assertThat(certificate.getPublicKey()).isEqualTo(agent.certificateRequest().publicKey());
    assertThat(ca.issued(certificate)).isTrue();
    TlsContexts.trustManager(ca.certificate()).checkClientTrusted(new X509Certificate[] {certificate}, "EC");
    assertThat(Identities.agentIdOf(certificate)).isEqualTo("gw-1");
  }

  @Test
  void serverCertificateNamesLoopbackAndTheGivenHosts() throws Exception {
    Credential server = ca.issueServer("eoc cloud", List.of("cloud.example.com", "10.0.0.7"), ONE_YEAR);

    assertThat(server.certificate().getSubjectAlternativeNames()).containsExactly(
        List.of(7, "127.0.0.1"), List.of(2, "cloud.example.com"), List.of(7, "10.0.0.7"));
    assertThat(server.certificate().getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
    TlsContexts.trustManager(ca.certificate()).checkServerTrusted(server.chain().toArray(X509Certificate[]::new), "ECDHE_ECDSA");
  }

  @Test
  void wildcardHostIsNotIssued() {
    assertThatThrownBy(() -> ca.issueServer("eoc cloud", List.of("*.example.com"), ONE_YEAR))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("*.example.com");
  }

  @Test
  void requestForAnotherAgentIsNotSigned() {
    AgentCredentials agent = AgentCredentials.generate("gw-1");

    assertThatThrownBy(() -> ca.sign(agent.certificateRequest(), "gw-2", ONE_YEAR))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'gw-1', not agent 'gw-2'");
  }

  @Test
  void invalidAgentIdIsNotSigned() {
    AgentCredentials agent = AgentCredentials.generate("gw-1");

    assertThatThrownBy(() -> ca.sign(agent.certificateRequest(), "gw/1", ONE_YEAR))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agent id 'gw/1'");
  }

  @Test
  void certificateMayNotOutliveTheCa() {
    AgentCredentials agent = AgentCredentials.generate("gw-1");
    Validity tooLong = Validity.startingNow(CLOCK, Duration.ofDays(4000));

    assertThatThrownBy(() -> ca.sign(agent.certificateRequest(), "gw-1", tooLong))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after the CA certificate");
  }

  @Test
  void validityInThePastGivesAnExpiredCertificate() throws Exception {
    Validity lastWeek = Validity.from(Instant.now().minus(Duration.ofDays(8)), Duration.ofDays(1));

    X509Certificate certificate = ca.sign(AgentCredentials.generate("gw-1").certificateRequest(), "gw-1", lastWeek);

    assertThat(certificate.getNotAfter().toInstant()).isBefore(Instant.now());
  }

  @Test
  void savedCaLoadsAndKeepsIssuingForTheSameTrustAnchor() throws Exception {
    ca.save(dir);

    CertificateAuthority loaded = CertificateAuthority.load(dir);
    X509Certificate certificate = loaded.sign(AgentCredentials.generate("gw-1").certificateRequest(), "gw-1", ONE_YEAR);

    assertThat(loaded.certificate()).isEqualTo(ca.certificate());
    assertThat(ca.issued(certificate)).isTrue();
  }

  @Test
  void caKeyFileIsReadableByItsOwnerOnly() throws Exception {
    ca.save(dir);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(CertificateAuthority.KEY_FILE))))
        .isEqualTo("rw-------");
    assertThat(Files.readString(dir.resolve(CertificateAuthority.KEY_FILE))).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(dir.resolve(CertificateAuthority.CERTIFICATE_FILE))).startsWith("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void savingNeverOverwritesAnExistingCaKey() throws Exception {
    ca.save(dir);
    CertificateAuthority other = CertificateAuthority.create("another CA", TEN_YEARS);

    assertThatThrownBy(() -> other.save(dir)).isInstanceOf(FileAlreadyExistsException.class);
    assertThat(CertificateAuthority.load(dir).certificate()).isEqualTo(ca.certificate());
  }

  @Test
  void keyFileThatOthersMayReadIsNotLoaded() throws Exception {
    ca.save(dir);
    Path key = dir.resolve(CertificateAuthority.KEY_FILE);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> CertificateAuthority.load(dir)).hasMessageContaining("chmod 600");
  }

  @Test
  void keyOfAnotherCaIsNotLoadedWithThisCertificate() throws Exception {
    ca.save(dir);
    Path otherDir = dir.resolve("other");
    CertificateAuthority.create("another CA", TEN_YEARS).save(otherDir);
    Files.copy(otherDir.resolve(CertificateAuthority.CERTIFICATE_FILE), dir.resolve(CertificateAuthority.CERTIFICATE_FILE),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> CertificateAuthority.load(dir)).hasMessageContaining("is not the key of");
  }
}
