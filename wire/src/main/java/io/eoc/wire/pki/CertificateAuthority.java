package io.eoc.wire.pki;

import io.eoc.wire.Names;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * The cloud's certificate authority: the one trust anchor of both sides. It issues the cloud's
 * server certificate and one client certificate per agent; nothing else is trusted.
 *
 * <p>On disk ({@link #save}/{@link #load}): {@value #KEY_FILE} (PKCS#8 PEM, mode 0600) and
 * {@value #CERTIFICATE_FILE} (X.509 PEM, the file agents are given as their trust anchor).
 * {@link #toString()} never shows the key.
 */
public final class CertificateAuthority {

  public static final String KEY_FILE = "ca.key.pem";
  public static final String CERTIFICATE_FILE = "ca.cert.pem";
  /** Always in a server certificate: agents and tests on the cloud's own machine connect here. */
  public static final String LOOPBACK = "127.0.0.1";

  private final PrivateKey key;
  private final X509Certificate certificate;

  private CertificateAuthority(PrivateKey key, X509Certificate certificate) {
    this.key = key;
    this.certificate = certificate;
  }

  /** A new self-signed CA on a new P-256 key; its subject is {@code CN=<commonName>, O=eoc}. */
  public static CertificateAuthority create(String commonName, Validity validity) {
    requireText(commonName, "commonName");
    KeyPair keys = Keys.generate();
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.CN, commonName).addRDN(BCStyle.O, "eoc").build();
    X509Certificate self = CertificateTemplate.selfSignedCa(subject, keys, validity);
    return new CertificateAuthority(keys.getPrivate(), self);
  }

  /** Reads {@value #KEY_FILE} and {@value #CERTIFICATE_FILE} from {@code dir}; checks they belong together. */
  public static CertificateAuthority load(Path dir) throws IOException {
    PrivateKey key = Pem.readPrivateKey(dir.resolve(KEY_FILE));
    X509Certificate certificate = Pem.readCertificate(dir.resolve(CERTIFICATE_FILE));
    if (!CertificateTemplate.isKeyOf(key, certificate.getPublicKey())) {
      throw new IOException(dir.resolve(KEY_FILE) + " is not the key of " + dir.resolve(CERTIFICATE_FILE));
    }
    return new CertificateAuthority(key, certificate);
  }

  /**
   * Writes both files into {@code dir} (created if missing). Refuses to overwrite an existing key:
   * a new CA key would orphan every certificate issued so far.
   */
  public void save(Path dir) throws IOException {
    Pem.writePrivateKey(dir.resolve(KEY_FILE), key, Pem.Overwrite.REFUSED);
    Pem.writePublic(dir.resolve(CERTIFICATE_FILE), Pem.encode(certificate), Pem.Overwrite.ALLOWED);
  }

  /** The trust anchor to hand to agents and to the cloud's TLS endpoint. */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * A new key and server certificate for the cloud: {@code CN=<commonName>}, SAN IP
   * {@value #LOOPBACK} plus {@code hosts} (IP literals become IP SANs, the rest DNS SANs), EKU
   * serverAuth. Agents check the host they dial against these SANs.
   */
  public Credential issueServer(String commonName, List<String> hosts, Validity validity) {
    requireText(commonName, "commonName");
    KeyPair keys = Keys.generate();
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    X509Certificate leaf = new CertificateTemplate(subject, keys.getPublic(), checkWithin(validity))
        .usage(KeyUsage.digitalSignature, KeyPurposeId.id_kp_serverAuth)
        .hosts(CertificateTemplate.withLoopback(hosts))
        .sign(key, certificate);
    return new Credential(keys.getPrivate(), List.of(leaf));
  }

  /**
   * The client certificate of {@code agentId}: subject {@code CN=<agentId>}, SAN URI
   * {@code urn:eoc:agent:<agentId>}, EKU clientAuth, for the key in {@code request}.
   *
   * @throws IllegalArgumentException if {@code agentId} is not a valid name, the request's
   *     signature does not verify (its sender does not hold the key), its common name is not
   *     {@code agentId}, or {@code validity} ends after this CA's certificate
   */
  public X509Certificate sign(CertificateRequest request, String agentId, Validity validity) {
    Names.requireName(agentId, "agent id");
    Objects.requireNonNull(request, "request");
    if (!request.isSignatureValid()) {
      throw new IllegalArgumentException("certificate request signature does not verify: refusing to sign");
    }
    String requested = request.commonName().orElse("");
    if (!requested.equals(agentId)) {
      throw new IllegalArgumentException("certificate request is for '" + requested + "', not agent '" + agentId + "'");
    }
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, agentId).build();
    return new CertificateTemplate(subject, request.publicKey(), checkWithin(validity))
        .usage(KeyUsage.digitalSignature, KeyPurposeId.id_kp_clientAuth)
        .agentUri(Identities.agentUri(agentId))
        .sign(key, certificate);
  }

  /** Whether {@code candidate} was signed by this CA's key (validity is not checked). */
  public boolean issued(X509Certificate candidate) {
    return CertificateTemplate.isSignedBy(candidate, certificate.getPublicKey());
  }

  private Validity checkWithin(Validity validity) {
    Objects.requireNonNull(validity, "validity");
    if (validity.notAfter().isAfter(certificate.getNotAfter().toInstant())) {
      throw new IllegalArgumentException("validity ends " + validity.notAfter() + ", after the CA certificate ("
          + certificate.getNotAfter().toInstant() + ")");
    }
    return validity;
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }

  @Override
  public String toString() {
    return "CertificateAuthority[subject=" + certificate.getSubjectX500Principal().getName()
        + ", notAfter=" + certificate.getNotAfter().toInstant() + ", key=" + key.getAlgorithm() + " (hidden)]";
  }
}
