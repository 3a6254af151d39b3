package io.eoc.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CertificateBindingTest {

  private static final Optional<String> GW1 = Optional.of("gw-1");

  @Test
  void connectThatNamesTheCertificatesAgentAgrees() {
    assertThat(CertificateBinding.conflict(GW1, "gw-1", null)).isEmpty();
    assertThat(CertificateBinding.conflict(GW1, "gw-1", "gw-1")).isEmpty();
  }

  @Test
  void anyOtherNameConflicts() {
    assertThat(CertificateBinding.conflict(GW1, "gw-2", null)).get().asString().contains("client id 'gw-2'");
    assertThat(CertificateBinding.conflict(GW1, "gw-1", "admin")).get().asString().contains("user name 'admin'");
    assertThat(CertificateBinding.conflict(GW1, "", null)).as("no server-assigned client ids").isPresent();
  }

  @Test
  void withoutAVerifiedCertificateNothingAgrees() {
    assertThat(CertificateBinding.conflict(Optional.empty(), "gw-1", "gw-1")).isPresent();
  }
}
