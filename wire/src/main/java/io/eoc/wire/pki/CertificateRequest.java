package io.eoc.wire.pki;

import java.io.IOException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * A PKCS#10 certificate signing request (RFC 2986): an agent's public key and name, signed with
 * its private key, which proves that the agent holds the key. Carries no secret.
 */
public final class CertificateRequest {

  private final JcaPKCS10CertificationRequest request;

  CertificateRequest(JcaPKCS10CertificationRequest request) {
    this.request = request;
  }

  /** @throws IllegalArgumentException if {@code pem} is not one PEM "CERTIFICATE REQUEST" */
  public static CertificateRequest fromPem(String pem) {
    return new CertificateRequest(new JcaPKCS10CertificationRequest(Pem.parseRequest(pem)));
  }

  /** @throws IllegalArgumentException if {@code der} is not a DER-encoded PKCS#10 request */
  public static CertificateRequest fromDer(byte[] der) {
    try {
      return new CertificateRequest(new JcaPKCS10CertificationRequest(der));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a DER PKCS#10 certificate request: " + e.getMessage(), e);
    }
  }

  public String toPem() {
    return Pem.encode(request);
  }

  public byte[] der() {
    try {
      return request.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a parsed request", e);
    }
  }

  /** The subject's common name, if it has exactly one. */
  public Optional<String> commonName() {
    return Identities.commonName(request.getSubject().getRDNs(BCStyle.CN));
  }

  public PublicKey publicKey() {
    try {
      return request.getPublicKey();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException("unsupported public key in certificate request: " + e.getMessage(), e);
    }
  }

  /** Whether the request is signed by the private key of {@link #publicKey()}. */
  public boolean isSignatureValid() {
    try {
      return request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey()));
    } catch (OperatorCreationException | PKCSException | IllegalArgumentException e) {
      return false;
    }
  }

  JcaPKCS10CertificationRequest bouncyCastle() {
    return request;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CertificateRequest that && Arrays.equals(der(), that.der());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(der());
  }

  @Override
  public String toString() {
    return "CertificateRequest[subject=" + request.getSubject() + "]";
  }
}
