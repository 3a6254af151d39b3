package io.eoc.wire.seal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;

/**
 * An agent's secret keys: one pair to sign envelopes, another to agree batch keys with the cloud
 * (separate keys for separate purposes). {@link #toString()} shows the suite only, never a key.
 *
 * <p>On disk ({@link #save}/{@link #load}): a directory (0700) with {@code suite} (the suite's
 * label), {@code signing.key}, {@code agreement.key} (PKCS#8 PEM, 0600) and {@code signing.pub},
 * {@code agreement.pub} (X.509 PEM, the files to give the cloud). Keep the nonce file of
 * {@link FileNonceSource} in the same directory: the two must live and die together.
 */
public final class AgentKeys {
  static final String SUITE_FILE = "suite";
  static final String SIGNING = "signing";
  static final String AGREEMENT = "agreement";

  private final Suite suite;
  private final KeyPair signing;
  private final KeyPair agreement;

  private AgentKeys(Suite suite, KeyPair signing, KeyPair agreement) {
    this.suite = Objects.requireNonNull(suite, "suite");
    this.signing = signing;
    this.agreement = agreement;
  }

  public static AgentKeys generate(Suite suite) {
    SuiteCrypto crypto = SuiteCrypto.of(suite);
    return new AgentKeys(suite, crypto.generate(SuiteCrypto.Role.SIGNING), crypto.generate(SuiteCrypto.Role.AGREEMENT));
  }

  /** Writes the keys into {@code dir} (created 0700 if absent); refuses to overwrite existing key files. */
  public void save(Path dir) throws IOException {
    KeyFiles.createDirectory(dir);
    KeyFiles.write(dir.resolve(SIGNING + ".key"), KeyFiles.PRIVATE, signing.getPrivate().getEncoded());
    KeyFiles.write(dir.resolve(AGREEMENT + ".key"), KeyFiles.PRIVATE, agreement.getPrivate().getEncoded());
    AgentPublicKeys.writeFiles(dir, suite, signing.getPublic(), agreement.getPublic());
  }

  public static AgentKeys load(Path dir) throws IOException {
    Suite suite = readSuite(dir);
    SuiteCrypto crypto = SuiteCrypto.of(suite);
    try {
      KeyPair signing = new KeyPair(
          crypto.publicKey(KeyFiles.read(dir.resolve(SIGNING + ".pub"), KeyFiles.PUBLIC), SuiteCrypto.Role.SIGNING),
          crypto.privateKey(KeyFiles.read(dir.resolve(SIGNING + ".key"), KeyFiles.PRIVATE), SuiteCrypto.Role.SIGNING));
      KeyPair agreement = new KeyPair(
          crypto.publicKey(KeyFiles.read(dir.resolve(AGREEMENT + ".pub"), KeyFiles.PUBLIC), SuiteCrypto.Role.AGREEMENT),
          crypto.privateKey(KeyFiles.read(dir.resolve(AGREEMENT + ".key"), KeyFiles.PRIVATE), SuiteCrypto.Role.AGREEMENT));
      return new AgentKeys(suite, signing, agreement);
    } catch (GeneralSecurityException e) {
      throw new IOException(dir + ": not valid " + suite.label() + " keys: " + e.getMessage(), e);
    }
  }

  static Suite readSuite(Path dir) throws IOException {
    Path file = dir.resolve(SUITE_FILE);
    String label = KeyFiles.readText(file).strip();
    return Suite.fromLabel(label).orElseThrow(() -> new IOException(file + ": unknown suite '" + label + "'"));
  }

  /** Whether {@code dir} holds a complete set of agent keys (the suite file is written last). */
  public static boolean existIn(Path dir) {
    return Files.exists(dir.resolve(SUITE_FILE));
  }

  public Suite suite() {
    return suite;
  }

  /** What the cloud needs to know about this agent. */
  public AgentPublicKeys publicKeys(String agentId) {
    return new AgentPublicKeys(agentId, suite, signing.getPublic(), agreement.getPublic());
  }

  PrivateKey signingKey() {
    return signing.getPrivate();
  }

  PrivateKey agreementKey() {
    return agreement.getPrivate();
  }

  PublicKey signingPublicKey() {
    return signing.getPublic();
  }

  @Override
  public String toString() {
    return "AgentKeys[" + suite.label() + "]";
  }
}
