package io.eoc.wire.pki;

import io.eoc.wire.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * An agent's identity: its key, the request it sends to be certified, and, once the cloud's CA
 * signed it, its certificate chain and the CA certificate it trusts. Immutable.
 *
 * <p>On disk ({@link #save}/{@link #load}): {@value #KEY_FILE} (PKCS#8 PEM, mode 0600),
 * {@value #REQUEST_FILE} (PKCS#10 PEM), and once issued {@value #CHAIN_FILE} (X.509 PEM, leaf
 * first) and {@value #CA_FILE}. The private key never leaves the agent: only the request does.
 * {@link #toString()} never shows the key.
 */
public final class AgentCredentials {

  public static final String KEY_FILE = "agent.key.pem";
  public static final String REQUEST_FILE = "agent.csr.pem";
  public static final String CHAIN_FILE = "agent.chain.pem";
  public static final String CA_FILE = "ca.cert.pem";

  private final String agentId;
  private final PrivateKey key;
  private final CertificateRequest request;
  private final List<X509Certificate> chain;
  private final X509Certificate ca;

  private AgentCredentials(String agentId, PrivateKey key, CertificateRequest request,
      List<X509Certificate> chain, X509Certificate ca) {
    this.agentId = agentId;
    this.key = key;
    this.request = request;
    this.chain = List.copyOf(chain);
    this.ca = ca;
  }

  /** A new P-256 key and a request with {@code CN=<agentId>}; not issued yet. */
  public static AgentCredentials generate(String agentId) {
    Names.requireName(agentId, "agent id");
    KeyPair keys = Keys.generate();
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, agentId).build();
    ContentSigner signer = Keys.signer(keys.getPrivate());
    CertificateRequest request = new CertificateRequest(new JcaPKCS10CertificationRequest(
        new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic()).build(signer)));
    return new AgentCredentials(agentId, keys.getPrivate(), request, List.of(), null);
  }

  /**
   * These credentials with the chain the CA issued and the CA certificate to trust.
   *
   * @throws IllegalArgumentException if the leaf is not for this key or this agent, or the chain
   *     does not lead to {@code ca}
   */
  public AgentCredentials withCertificate(List<X509Certificate> issuedChain, X509Certificate caCertificate) {
    Objects.requireNonNull(caCertificate, "caCertificate");
    List<X509Certificate> copy = List.copyOf(issuedChain);
    try {
      checkChain(copy, caCertificate);
    } catch (CertificateException e) {
      throw new IllegalArgumentException("certificate does not fit agent " + agentId + ": " + e.getMessage(), e);
    }
    return new AgentCredentials(agentId, key, request, copy, caCertificate);
  }

  private void checkChain(List<X509Certificate> issuedChain, X509Certificate caCertificate)
      throws CertificateException {
    if (issuedChain.isEmpty()) {
      throw new CertificateException("empty chain");
    }
    X509Certificate leaf = issuedChain.get(0);
    if (!leaf.getPublicKey().equals(request.publicKey())) {
      throw new CertificateException("the certificate is for another key");
    }
    String named = Identities.agentIdOf(leaf);
    if (!named.equals(agentId)) {
      throw new CertificateException("the certificate names agent '" + named + "'");
    }
    for (int i = 0; i < issuedChain.size(); i++) {
      X509Certificate issuer = i + 1 < issuedChain.size() ? issuedChain.get(i + 1) : caCertificate;
      if (!CertificateTemplate.isSignedBy(issuedChain.get(i), issuer.getPublicKey())) {
        throw new CertificateException("certificate " + i + " of the chain is not signed by "
            + issuer.getSubjectX500Principal().getName());
      }
    }
  }

  /**
   * Reads what {@link #save} wrote: the key and request always, the chain and CA certificate when
   * present (both or neither). Refuses a key file that group or others may read.
   */
  public static AgentCredentials load(Path dir) throws IOException {
    PrivateKey key = Pem.readPrivateKey(dir.resolve(KEY_FILE));
    CertificateRequest request = readRequest(dir.resolve(REQUEST_FILE));
    String agentId = request.commonName()
        .filter(Names::isValid)
        .orElseThrow(() -> new IOException(dir.resolve(REQUEST_FILE) + ": the request names no valid agent id"));
    if (!CertificateTemplate.isKeyOf(key, request.publicKey())) {
      throw new IOException(dir.resolve(KEY_FILE) + " is not the key of " + dir.resolve(REQUEST_FILE));
    }
    AgentCredentials pending = new AgentCredentials(agentId, key, request, List.of(), null);
    boolean hasChain = Files.exists(dir.resolve(CHAIN_FILE));
    if (hasChain != Files.exists(dir.resolve(CA_FILE))) {
      throw new IOException(dir + ": " + CHAIN_FILE + " and " + CA_FILE + " go together; found only one");
    }
    if (!hasChain) {
      return pending;
    }
    try {
      return pending.withCertificate(Pem.readCertificates(dir.resolve(CHAIN_FILE)), Pem.readCertificate(dir.resolve(CA_FILE)));
    } catch (IllegalArgumentException e) {
      throw new IOException(dir.resolve(CHAIN_FILE) + ": " + e.getMessage(), e);
    }
  }

  private static CertificateRequest readRequest(Path file) throws IOException {
    try {
      return CertificateRequest.fromPem(Files.readString(file));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Writes every file into {@code dir} (created if missing), each replaced atomically. */
  public void save(Path dir) throws IOException {
    Pem.writePrivateKey(dir.resolve(KEY_FILE), key, Pem.Overwrite.ALLOWED);
    Pem.writePublic(dir.resolve(REQUEST_FILE), request.toPem(), Pem.Overwrite.ALLOWED);
    if (isIssued()) {
      Pem.writePublic(dir.resolve(CHAIN_FILE), Pem.encodeCertificates(chain), Pem.Overwrite.ALLOWED);
      Pem.writePublic(dir.resolve(CA_FILE), Pem.encode(ca), Pem.Overwrite.ALLOWED);
    }
  }

  public String agentId() {
    return agentId;
  }

  /** What to send to the CA; carries no secret. */
  public CertificateRequest certificateRequest() {
    return request;
  }

  public boolean isIssued() {
    return ca != null;
  }

  /** The key and chain to present in TLS. @throws IllegalStateException if not issued yet */
  public Credential credential() {
    requireIssued();
    return new Credential(key, chain);
  }

  /** The CA certificate the agent trusts. @throws IllegalStateException if not issued yet */
  public X509Certificate caCertificate() {
    requireIssued();
    return ca;
  }

  private void requireIssued() {
    if (!isIssued()) {
      throw new IllegalStateException("agent " + agentId + " has no certificate yet: have its request signed first");
    }
  }

  @Override
  public String toString() {
    return "AgentCredentials[agentId=" + agentId + ", issued=" + isIssued()
        + (isIssued() ? ", notAfter=" + chain.get(0).getNotAfter().toInstant() : "")
        + ", privateKey=" + key.getAlgorithm() + " (hidden)]";
  }
}
