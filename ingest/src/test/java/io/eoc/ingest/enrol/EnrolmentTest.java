package io.eoc.ingest.enrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.ingest.store.Schema;
import io.eoc.ingest.testing.SharedDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnrolmentTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };
  private Enrolment enrolment;

  /** A hand-written cloud identity: fixed key bytes, a CA that "signs" by echoing a marker. */
  private static final CloudIdentity CLOUD = new CloudIdentity() {
    @Override
    public byte[] agreementKey(String suite) {
      return new byte[] {1, 2, 3};
    }

    @Override
    public Optional<String> signCsr(String csrPem, String agentId) {
      return Optional.of("CERT for " + agentId);
    }

    @Override
    public Optional<String> caCertificatePem() {
      return Optional.of("CA");
    }
  };

  @BeforeEach
  void setUp() throws Exception {
    DataSource ds = SharedDatabase.freshDatabase();
    Schema.migrate(ds);
    enrolment = new Enrolment(ds, CLOUD, clock);
  }

  private static EnrolmentRequest request(String agent, String token) {
    return new EnrolmentRequest(agent, token, "x25519-aes256gcm-ed25519", new byte[] {9}, new byte[] {8}, Optional.of("CSR"));
  }

  @Test
  void aTokenEnrolsItsAgentOnceAndStoresTheKeys() throws Exception {
    Enrolment.IssuedToken t = enrolment.issueToken("plant-a", Duration.ofHours(1));
    assertThat(t.toString()).doesNotContain(t.token());
    EnrolmentResult r = enrolment.enrol(request("plant-a", t.token()));
    assertThat(r.cloudAgreementKey()).containsExactly(1, 2, 3);
    assertThat(r.certificatePem()).contains("CERT for plant-a");
    assertThat(enrolment.keys("plant-a")).hasValueSatisfying(k -> assertThat(k.signingKey()).containsExactly(9));
    assertThatThrownBy(() -> enrolment.enrol(request("plant-a", t.token())))
        .isInstanceOf(EnrolmentException.class).hasMessageContaining("already used");
  }

  @Test
  void noAgentCanEnrolOrBeIssuedATokenAsTheCloudItself() {
    assertThatThrownBy(() -> enrolment.issueToken("cloud", Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agent id 'cloud' is reserved");
    assertThatThrownBy(() -> enrolment.enrol(request("cloud", "any-token")))
        .isInstanceOf(EnrolmentException.class).hasMessageContaining("agent id 'cloud' is reserved");
  }

  @Test
  void aTokenForAnotherAgentAnUnknownTokenAndAnExpiredTokenAreRefused() throws Exception {
    Enrolment.IssuedToken t = enrolment.issueToken("plant-a", Duration.ofMinutes(10));
    assertThatThrownBy(() -> enrolment.enrol(request("plant-b", t.token()))).isInstanceOf(EnrolmentException.class);
    assertThatThrownBy(() -> enrolment.enrol(request("plant-a", "guess"))).isInstanceOf(EnrolmentException.class);
    now.set(now.get().plus(Duration.ofMinutes(11)));
    assertThatThrownBy(() -> enrolment.enrol(request("plant-a", t.token()))).hasMessageContaining("expired");
    assertThat(enrolment.keys("plant-a")).isEmpty();
  }
}
