package io.eoc.wire.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key and its certificate chain, leaf first: what one side of a TLS connection presents.
 * {@link #toString()} never shows the key.
 */
public record Credential(PrivateKey privateKey, List<X509Certificate> chain) {

  public Credential {
    Objects.requireNonNull(privateKey, "privateKey");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("the certificate chain must not be empty");
    }
  }

  /** The leaf: the certificate of {@link #privateKey()}. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  @Override
  public String toString() {
    return "Credential[subject=" + certificate().getSubjectX500Principal().getName()
        + ", notAfter=" + certificate().getNotAfter().toInstant()
        + ", chain=" + chain.size() + ", privateKey=" + privateKey.getAlgorithm() + " (hidden)]";
  }
}
