package io.eoc.ingest.enrol;

import java.util.Objects;
import java.util.Optional;

/** What the cloud answers: its key-agreement public key and, when a CSR was sent, the certificates. */
public record EnrolmentResult(String agentId, String suite, byte[] cloudAgreementKey, Optional<String> certificatePem,
    Optional<String> caCertificatePem) {
  public EnrolmentResult {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(cloudAgreementKey, "cloudAgreementKey");
    Objects.requireNonNull(certificatePem, "certificatePem");
    Objects.requireNonNull(caCertificatePem, "caCertificatePem");
  }
}
