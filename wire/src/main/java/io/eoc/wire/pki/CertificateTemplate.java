package io.eoc.wire.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/** One certificate to be issued: subject, key, validity and the RFC 5280 §4.2 extensions. */
final class CertificateTemplate {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  /** RFC 1123 host names; no wildcards: every host is named exactly. */
  private static final Pattern DNS_NAME =
      Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

  private final X500Name subject;
  private final PublicKey publicKey;
  private final Validity validity;
  private final List<GeneralName> alternativeNames = new ArrayList<>();
  private int keyUsage;
  private KeyPurposeId purpose;

  CertificateTemplate(X500Name subject, PublicKey publicKey, Validity validity) {
    this.subject = subject;
    this.publicKey = publicKey;
    this.validity = validity;
  }

  CertificateTemplate usage(int keyUsageBits, KeyPurposeId extendedPurpose) {
    this.keyUsage = keyUsageBits;
    this.purpose = extendedPurpose;
    return this;
  }

  CertificateTemplate hosts(List<String> hosts) {
    for (String host : hosts) {
      alternativeNames.add(hostName(host));
    }
    return this;
  }

  CertificateTemplate agentUri(String uri) {
    alternativeNames.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
    return this;
  }

  /** An end-entity certificate signed by {@code issuerKey}, the key of {@code issuer}. */
  X509Certificate sign(PrivateKey issuerKey, X509Certificate issuer) {
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, Keys.serialNumber(),
          Date.from(validity.notBefore()), Date.from(validity.notAfter()), subject, publicKey)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
          .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey))
          .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
      if (!alternativeNames.isEmpty()) {
        builder.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(alternativeNames.toArray(GeneralName[]::new)));
      }
      return convert(builder, issuerKey);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot issue a certificate for " + subject, e);
    }
  }

  /** A CA that may sign end-entity certificates only (path length 0). */
  static X509Certificate selfSignedCa(X500Name subject, KeyPair keys, Validity validity) {
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, Keys.serialNumber(),
          Date.from(validity.notBefore()), Date.from(validity.notAfter()), subject, keys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
      return convert(builder, keys.getPrivate());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot create a CA certificate for " + subject, e);
    }
  }

  private static X509Certificate convert(X509v3CertificateBuilder builder, PrivateKey signingKey)
      throws CertificateException {
    return new JcaX509CertificateConverter().getCertificate(builder.build(Keys.signer(signingKey)));
  }

  /** {@code hosts} with {@value CertificateAuthority#LOOPBACK} first, each once. */
  static List<String> withLoopback(List<String> hosts) {
    Set<String> all = new LinkedHashSet<>();
    all.add(CertificateAuthority.LOOPBACK);
    all.addAll(hosts);
    return List.copyOf(all);
  }

  private static GeneralName hostName(String host) {
    if (host != null && (IPV4.matcher(host).matches() || host.contains(":"))) {
      return new GeneralName(GeneralName.iPAddress, host);
    }
    if (host == null || !DNS_NAME.matcher(host).matches()) {
      throw new IllegalArgumentException("not an IP literal or DNS host name (no wildcards): " + host);
    }
    return new GeneralName(GeneralName.dNSName, host);
  }

  /** Whether {@code key} is the private half of {@code publicKey}: signs a challenge and verifies it. */
  static boolean isKeyOf(PrivateKey key, PublicKey publicKey) {
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(Keys.SIGNATURE);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(Keys.SIGNATURE);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  static boolean isSignedBy(X509Certificate certificate, PublicKey issuerKey) {
    try {
      certificate.verify(issuerKey);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
