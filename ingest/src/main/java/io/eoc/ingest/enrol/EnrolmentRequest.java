package io.eoc.ingest.enrol;

import io.eoc.wire.Names;
import java.util.Objects;
import java.util.Optional;

/**
 * What an agent sends to enrol: its id, the one-time token, its public keys (X.509 DER) and, for
 * mutual TLS, a certificate signing request (PEM).
 */
public record EnrolmentRequest(String agentId, String token, String suite, byte[] signingKey, byte[] agreementKey,
    Optional<String> csrPem) {
  public EnrolmentRequest {
    Names.requireName(agentId, "agent id");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(signingKey, "signingKey");
    Objects.requireNonNull(agreementKey, "agreementKey");
    Objects.requireNonNull(csrPem, "csrPem");
  }

  @Override
  public String toString() {
    return "EnrolmentRequest[agentId=" + agentId + ", suite=" + suite + ", token=****, csr=" + csrPem.isPresent() + "]";
  }
}
