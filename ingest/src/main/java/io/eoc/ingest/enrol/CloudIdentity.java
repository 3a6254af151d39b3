package io.eoc.ingest.enrol;

import java.util.Optional;

/** The cloud's side of enrolment: its key-agreement public key per suite, and its certificate authority. */
public interface CloudIdentity {
  /** X.509 DER of the cloud's key-agreement public key for {@code suite}; throws for an unknown suite. */
  byte[] agreementKey(String suite);

  /** Signs an agent's CSR as a client certificate for {@code agentId}; empty when TLS is not set up. */
  Optional<String> signCsr(String csrPem, String agentId) throws EnrolmentException;

  Optional<String> caCertificatePem();
}
