package io.eoc.criteria.report;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The cloud's report-signing key: Ed25519 (RFC 8032) from the JDK. Kept as two files in one directory:
 * {@code report-signing.key} (PKCS#8 DER, owner-only) and {@code report-signing.pub} (X.509
 * SubjectPublicKeyInfo DER). Its fingerprint, SHA-256 of the SubjectPublicKeyInfo in hex, is what an
 * assessor pins.
 */
public final class ReportKey {
  public static final String ALGORITHM = "Ed25519";
  static final String PRIVATE_FILE = "report-signing.key";
  static final String PUBLIC_FILE = "report-signing.pub";
  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  private ReportKey(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  public static ReportKey generate() {
    try {
      KeyPair kp = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
      return new ReportKey(kp.getPrivate(), kp.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is required of every JDK since 15", e);
    }
  }

  /** The key in {@code dir}, created (private file 0600 where the file system has POSIX permissions) when absent. */
  public static ReportKey openOrCreate(Path dir) throws IOException {
    Path priv = dir.resolve(PRIVATE_FILE);
    if (!Files.exists(priv)) {
      ReportKey created = generate();
      created.save(dir);
      return created;
    }
    return load(dir);
  }

  public static boolean exists(Path dir) {
    return Files.exists(dir.resolve(PRIVATE_FILE));
  }

  public static ReportKey load(Path dir) throws IOException {
    try {
      KeyFactory kf = KeyFactory.getInstance(ALGORITHM);
      PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(dir.resolve(PRIVATE_FILE))));
      PublicKey pub = kf.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(dir.resolve(PUBLIC_FILE))));
      ReportKey key = new ReportKey(priv, pub);
      if (!verify(pub.getEncoded(), "probe".getBytes(), key.sign("probe".getBytes()))) {
        throw new IOException("the report-signing key files in " + dir + " do not belong together");
      }
      return key;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the report-signing key in " + dir + ": " + e.getMessage(), e);
    }
  }

  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path priv = dir.resolve(PRIVATE_FILE);
    try {
      Files.createFile(priv, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(priv);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("refusing to overwrite the report-signing key " + priv, e);
    }
    Files.write(priv, privateKey.getEncoded());
    Files.write(dir.resolve(PUBLIC_FILE), publicKey.getEncoded());
  }

  /** X.509 SubjectPublicKeyInfo DER. */
  public byte[] publicKey() {
    return publicKey.getEncoded();
  }

  public String publicKeyBase64() {
    return Base64.getEncoder().encodeToString(publicKey());
  }

  public String fingerprint() {
    return fingerprint(publicKey());
  }

  public static String fingerprint(byte[] spki) {
    return Merkle.sha256Hex(spki);
  }

  public byte[] sign(byte[] message) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(privateKey);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /** True when {@code signature} is an Ed25519 signature of {@code message} by the key {@code spki}; false for any malformed input. */
  public static boolean verify(byte[] spki, byte[] message, byte[] signature) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(spki)));
      s.update(message);
      return s.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "ReportKey[Ed25519, fingerprint " + fingerprint() + "]";
  }
}
