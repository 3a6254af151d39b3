package io.eoc.wire.seal;

import io.eoc.wire.Names;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.util.Objects;

/**
 * What the cloud knows of one agent: its id, suite, and public signing and agreement keys. The
 * keys are X.509 SubjectPublicKeyInfo ({@link #signingKeyDer()}, {@link #agreementKeyDer()}) for
 * storage, or PEM files ({@link #save}, {@link #load}).
 */
public record AgentPublicKeys(String agentId, Suite suite, PublicKey signingKey, PublicKey agreementKey) {

  public AgentPublicKeys {
    Names.requireName(agentId, "agent id");
    Objects.requireNonNull(suite, "suite");
    try {
      SuiteCrypto.of(suite).checkKey(Objects.requireNonNull(signingKey, "signingKey"), SuiteCrypto.Role.SIGNING);
      SuiteCrypto.of(suite).checkKey(Objects.requireNonNull(agreementKey, "agreementKey"), SuiteCrypto.Role.AGREEMENT);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException(suite.label() + " keys of agent " + agentId + ": " + e.getMessage(), e);
    }
  }

  /** From stored X.509 encodings; a key of the wrong algorithm or curve is refused. */
  public static AgentPublicKeys fromDer(String agentId, Suite suite, byte[] signingX509, byte[] agreementX509)
      throws GeneralSecurityException {
    SuiteCrypto crypto = SuiteCrypto.of(suite);
    return new AgentPublicKeys(agentId, suite, crypto.publicKey(signingX509, SuiteCrypto.Role.SIGNING),
        crypto.publicKey(agreementX509, SuiteCrypto.Role.AGREEMENT));
  }

  /** Reads {@code suite}, {@code signing.pub} and {@code agreement.pub} of an agent key directory. */
  public static AgentPublicKeys load(String agentId, Path dir) throws IOException {
    Suite suite = AgentKeys.readSuite(dir);
    try {
      return fromDer(agentId, suite, KeyFiles.read(dir.resolve(AgentKeys.SIGNING + ".pub"), KeyFiles.PUBLIC),
          KeyFiles.read(dir.resolve(AgentKeys.AGREEMENT + ".pub"), KeyFiles.PUBLIC));
    } catch (GeneralSecurityException e) {
      throw new IOException(dir + ": not valid " + suite.label() + " public keys: " + e.getMessage(), e);
    }
  }

  /** Writes {@code suite}, {@code signing.pub} and {@code agreement.pub} into {@code dir}. */
  public void save(Path dir) throws IOException {
    writeFiles(dir, suite, signingKey, agreementKey);
  }

  /** The suite file goes last: its presence means the directory is complete. */
  static void writeFiles(Path dir, Suite suite, PublicKey signing, PublicKey agreement) throws IOException {
    KeyFiles.createDirectory(dir);
    KeyFiles.write(dir.resolve(AgentKeys.SIGNING + ".pub"), KeyFiles.PUBLIC, signing.getEncoded());
    KeyFiles.write(dir.resolve(AgentKeys.AGREEMENT + ".pub"), KeyFiles.PUBLIC, agreement.getEncoded());
    KeyFiles.writeText(dir.resolve(AgentKeys.SUITE_FILE), suite.label() + "\n");
  }

  public byte[] signingKeyDer() {
    return signingKey.getEncoded();
  }

  public byte[] agreementKeyDer() {
    return agreementKey.getEncoded();
  }
}
