package io.eoc.wire.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Keys and signatures: ECDSA on P-256 with SHA-256, which the JDK's TLS 1.3 and 1.2, Netty's JDK
 * provider and Paho all handle without extra providers (Ed25519 certificates are not offered by
 * every TLS peer). Everything uses the JDK's own providers; BouncyCastle only builds and parses
 * the ASN.1 structures, and is never registered as a provider.
 */
final class Keys {

  static final String CURVE = "secp256r1";
  static final String SIGNATURE = "SHA256withECDSA";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Keys() {}

  static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(CURVE), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate " + CURVE + " keys", e);
    }
  }

  static ContentSigner signer(PrivateKey key) {
    try {
      return new JcaContentSignerBuilder(SIGNATURE).build(key);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot sign with " + SIGNATURE + " using a " + key.getAlgorithm() + " key", e);
    }
  }

  /** A positive 127-bit random serial number (RFC 5280 §4.1.2.2: at most 20 octets, unique per CA). */
  static BigInteger serialNumber() {
    return new BigInteger(127, RANDOM).setBit(0);
  }
}
