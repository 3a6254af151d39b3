package io.eoc.wire.seal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The operations of one {@link Suite} through the JCA, so both suites share one code path and
 * differ only in algorithm names, provider and a few checks ({@link Support}).
 */
final class SuiteCrypto {
  static final int SIGNATURE_LENGTH = 64;
  static final int NONCE_LENGTH = 12;
  static final int TAG_BITS = 128;
  private static final byte[] KEY_INFO = "eoc batch key v1".getBytes(StandardCharsets.US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  enum Role { SIGNING, AGREEMENT }

  /** The JCA names of one suite. */
  record Algorithms(String signingKey, AlgorithmParameterSpec signingSpec, String signature,
      String agreementKey, AlgorithmParameterSpec agreementSpec, String agreement,
      String cipher, String secretKey, int keyLength, String mac, String digest) {}

  /** What differs between suites beyond names. */
  interface Support {
    /** The provider to ask, or null for the JDK's own. */
    Provider provider();

    Algorithms algorithms();

    /** Refuses a key of another algorithm or curve than the suite's for {@code role}. */
    void checkKey(Key key, Role role) throws InvalidKeyException;

    /** The JCA signature as 64 wire bytes. */
    byte[] toWire(byte[] signature) throws SignatureException;

    /** 64 wire bytes as the JCA expects them. */
    byte[] fromWire(byte[] signature) throws SignatureException;
  }

  // Holders: the SM suite's support loads BouncyCastle only when first used.
  private static final Map<Suite, Supplier<SuiteCrypto>> SUITES =
      Map.of(Suite.DEFAULT, () -> JdkHolder.CRYPTO, Suite.SM, () -> SmHolder.CRYPTO);

  private static final class JdkHolder {
    static final SuiteCrypto CRYPTO = new SuiteCrypto(Suite.DEFAULT, new JdkSupport());
  }

  private static final class SmHolder {
    static final SuiteCrypto CRYPTO = new SuiteCrypto(Suite.SM, new SmSupport());
  }

  private final Suite suite;
  private final Support support;
  private final Algorithms alg;

  private SuiteCrypto(Suite suite, Support support) {
    this.suite = suite;
    this.support = support;
    this.alg = support.algorithms();
  }

  static SuiteCrypto of(Suite suite) {
    return SUITES.get(suite).get();
  }

  KeyPair generate(Role role) {
    try {
      boolean signing = role == Role.SIGNING;
      KeyPairGenerator g = jca(signing ? alg.signingKey() : alg.agreementKey(),
          KeyPairGenerator::getInstance, KeyPairGenerator::getInstance);
      AlgorithmParameterSpec spec = signing ? alg.signingSpec() : alg.agreementSpec();
      if (spec != null) {
        g.initialize(spec, RANDOM);
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(suite.label() + ": cannot generate a " + role + " key pair", e);
    }
  }

  PrivateKey privateKey(byte[] pkcs8, Role role) throws GeneralSecurityException {
    PrivateKey key = keyFactory(role).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    support.checkKey(key, role);
    return key;
  }

  PublicKey publicKey(byte[] x509, Role role) throws GeneralSecurityException {
    PublicKey key = keyFactory(role).generatePublic(new X509EncodedKeySpec(x509));
    support.checkKey(key, role);
    return key;
  }

  void checkKey(Key key, Role role) throws InvalidKeyException {
    support.checkKey(key, role);
  }

  byte[] sign(PrivateKey key, byte[] data, int length) throws GeneralSecurityException {
    Signature s = jca(alg.signature(), Signature::getInstance, Signature::getInstance);
    s.initSign(key, RANDOM);
    s.update(data, 0, length);
    return support.toWire(s.sign());
  }

  /** False for any signature that does not verify, however it is wrong. */
  boolean verify(PublicKey key, byte[] data, int length, byte[] signature) {
    try {
      Signature s = jca(alg.signature(), Signature::getInstance, Signature::getInstance);
      s.initVerify(key);
      s.update(data, 0, length);
      return s.verify(support.fromWire(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The AEAD key for {@code epoch}: HKDF(salt = agent id, ikm = shared secret, info = label || suite || epoch). */
  byte[] batchKey(PrivateKey own, PublicKey peer, String agentId, long epoch) throws GeneralSecurityException {
    KeyAgreement ka = jca(alg.agreement(), KeyAgreement::getInstance, KeyAgreement::getInstance);
    ka.init(own);
    ka.doPhase(peer, true);
    byte[] secret = ka.generateSecret();
    try {
      // RFC 7748 §6.1: an all-zero X25519 output means a small-order peer key; refuse it.
      if (allZero(secret)) {
        throw new InvalidKeyException("key agreement produced an all-zero secret");
      }
      byte[] info = ByteBuffer.allocate(KEY_INFO.length + 5).put(KEY_INFO).put((byte) suite.id())
          .putInt((int) epoch).array();
      Mac mac = jca(alg.mac(), Mac::getInstance, Mac::getInstance);
      return Hkdf.derive(mac, agentId.getBytes(StandardCharsets.UTF_8), secret, info, alg.keyLength());
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  byte[] encrypt(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) throws GeneralSecurityException {
    return cipher(Cipher.ENCRYPT_MODE, key, nonce, aad).doFinal(plaintext);
  }

  byte[] decrypt(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertext) throws GeneralSecurityException {
    return cipher(Cipher.DECRYPT_MODE, key, nonce, aad).doFinal(ciphertext);
  }

  EnvelopeHash hash(byte[] data) {
    try {
      return EnvelopeHash.of(jca(alg.digest(), MessageDigest::getInstance, MessageDigest::getInstance).digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(suite.label() + ": no " + alg.digest(), e);
    }
  }

  private Cipher cipher(int mode, byte[] key, byte[] nonce, byte[] aad) throws GeneralSecurityException {
    Cipher c = jca(alg.cipher(), Cipher::getInstance, Cipher::getInstance);
    c.init(mode, new SecretKeySpec(key, alg.secretKey()), new GCMParameterSpec(TAG_BITS, nonce));
    c.updateAAD(aad);
    return c;
  }

  private KeyFactory keyFactory(Role role) throws GeneralSecurityException {
    return jca(role == Role.SIGNING ? alg.signingKey() : alg.agreementKey(), KeyFactory::getInstance,
        KeyFactory::getInstance);
  }

  private interface ByName<T> {
    T get(String algorithm) throws GeneralSecurityException;
  }

  private interface ByNameAndProvider<T> {
    T get(String algorithm, Provider provider) throws GeneralSecurityException;
  }

  private <T> T jca(String name, ByName<T> jdk, ByNameAndProvider<T> withProvider) throws GeneralSecurityException {
    Provider p = support.provider();
    return p == null ? jdk.get(name) : withProvider.get(name, p);
  }

  private static boolean allZero(byte[] b) {
    int or = 0;
    for (byte x : b) {
      or |= x;
    }
    return or == 0;
  }
}
