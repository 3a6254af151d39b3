package io.eoc.wire.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCredentialsTest {

  private static final Validity ONE_YEAR = Validity.startingNow(Clock.systemUTC(), Duration.ofDays(365));
  private static final CertificateAuthority CA =
      CertificateAuthority.create("eoc test CA", Validity.startingNow(Clock.systemUTC(), Duration.ofDays(3650)));

  @TempDir
  Path dir;

  private static AgentCredentials issued(String agentId) {
    AgentCredentials agent = AgentCredentials.generate(agentId);
    return agent.withCertificate(List.of(CA.sign(agent.certificateRequest(), agentId, ONE_YEAR)), CA.certificate());
  }

  @Test
  void requestNamesTheAgentAndProvesPossessionOfTheKey() {
    CertificateRequest request = AgentCredentials.generate("gw-1").certificateRequest();

    assertThat(request.commonName()).contains("gw-1");
    assertThat(request.isSignatureValid()).isTrue();
    assertThat(CertificateRequest.fromPem(request.toPem())).isEqualTo(request);
  }

  @Test
  void issuedCredentialsSurviveSaveAndLoad() throws Exception {
    AgentCredentials agent = issued("gw-1");

    agent.save(dir);
    AgentCredentials loaded = AgentCredentials.load(dir);

    assertThat(loaded.agentId()).isEqualTo("gw-1");
    assertThat(loaded.isIssued()).isTrue();
    assertThat(loaded.credential().chain()).isEqualTo(agent.credential().chain());
    assertThat(loaded.credential().privateKey().getEncoded()).isEqualTo(agent.credential().privateKey().getEncoded());
    assertThat(loaded.caCertificate()).isEqualTo(CA.certificate());
  }

  @Test
  void pendingCredentialsSurviveSaveAndLoadUntilTheCertificateArrives() throws Exception {
    AgentCredentials.generate("gw-1").save(dir);

    AgentCredentials pending = AgentCredentials.load(dir);
    pending.withCertificate(List.of(CA.sign(pending.certificateRequest(), "gw-1", ONE_YEAR)), CA.certificate()).save(dir);

    assertThat(pending.isIssued()).isFalse();
    assertThat(AgentCredentials.load(dir).isIssued()).isTrue();
    assertThat(Files.list(dir)).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
        AgentCredentials.KEY_FILE, AgentCredentials.REQUEST_FILE, AgentCredentials.CHAIN_FILE, AgentCredentials.CA_FILE);
  }

  @Test
  void keyFileIsReadableByItsOwnerOnly() throws Exception {
    issued("gw-1").save(dir);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(AgentCredentials.KEY_FILE))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(AgentCredentials.CHAIN_FILE))))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void certificateForAnotherKeyIsRefused() {
    AgentCredentials agent = AgentCredentials.generate("gw-1");
    AgentCredentials impostor = AgentCredentials.generate("gw-1");

    assertThatThrownBy(() -> agent.withCertificate(
        List.of(CA.sign(impostor.certificateRequest(), "gw-1", ONE_YEAR)), CA.certificate()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another key");
  }

  @Test
  void certificateOfAnotherCaIsRefused() {
    AgentCredentials agent = AgentCredentials.generate("gw-1");
    CertificateAuthority foreign = CertificateAuthority.create("eoc test CA", ONE_YEAR);

    assertThatThrownBy(() -> agent.withCertificate(
        List.of(foreign.sign(agent.certificateRequest(), "gw-1", ONE_YEAR)), CA.certificate()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not signed by");
  }

  @Test
  void credentialsBeforeIssuanceAreAMisuse() {
    AgentCredentials pending = AgentCredentials.generate("gw-1");

    assertThatThrownBy(pending::credential).isInstanceOf(IllegalStateException.class).hasMessageContaining("gw-1");
  }

  @Test
  void privateKeysNeverAppearInToString() {
    AgentCredentials agent = issued("gw-1");
    Credential server = CA.issueServer("eoc cloud", List.of(), ONE_YEAR);

    for (Object holder : List.of(agent, agent.credential(), server, CA, TlsContexts.keyManager(server))) {
      assertThat(holder.toString()).contains("(hidden)").doesNotContain("PRIVATE KEY");
    }
    for (PrivateKey key : List.of(agent.credential().privateKey(), server.privateKey())) {
      String base64 = Base64.getEncoder().encodeToString(key.getEncoded());
      for (Object holder : List.of(agent, agent.credential(), server, CA)) {
        assertThat(holder.toString()).doesNotContain(base64).doesNotContain(base64.substring(base64.length() - 40));
      }
    }
  }
}
