package io.eoc.wire.seal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cloud's key agreement pairs, one per suite it accepts. On disk: {@code <suite label>.key}
 * (PKCS#8 PEM, 0600) and {@code <suite label>.pub} (X.509 PEM, the file every agent is given).
 * {@link #toString()} names the suites only.
 */
public final class CloudKeys {
  private final Map<Suite, KeyPair> pairs;

  private CloudKeys(Map<Suite, KeyPair> pairs) {
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("cloud keys need at least one suite");
    }
    this.pairs = Map.copyOf(pairs);
  }

  public static CloudKeys generate(Suite... suites) {
    Map<Suite, KeyPair> pairs = new EnumMap<>(Suite.class);
    for (Suite s : suites) {
      pairs.put(s, SuiteCrypto.of(s).generate(SuiteCrypto.Role.AGREEMENT));
    }
    return new CloudKeys(pairs);
  }

  public void save(Path dir) throws IOException {
    KeyFiles.createDirectory(dir);
    for (Map.Entry<Suite, KeyPair> e : pairs.entrySet()) {
      KeyFiles.write(dir.resolve(e.getKey().label() + ".key"), KeyFiles.PRIVATE, e.getValue().getPrivate().getEncoded());
      KeyFiles.write(dir.resolve(e.getKey().label() + ".pub"), KeyFiles.PUBLIC, e.getValue().getPublic().getEncoded());
    }
  }

  /** Loads every suite whose key file is in {@code dir}. */
  public static CloudKeys load(Path dir) throws IOException {
    Map<Suite, KeyPair> pairs = new EnumMap<>(Suite.class);
    for (Suite s : Suite.values()) {
      Path key = dir.resolve(s.label() + ".key");
      if (Files.exists(key)) {
        SuiteCrypto crypto = SuiteCrypto.of(s);
        try {
          pairs.put(s, new KeyPair(readPublicKey(dir.resolve(s.label() + ".pub"), s),
              crypto.privateKey(KeyFiles.read(key, KeyFiles.PRIVATE), SuiteCrypto.Role.AGREEMENT)));
        } catch (GeneralSecurityException e) {
          throw new IOException(key + ": not a valid " + s.label() + " key: " + e.getMessage(), e);
        }
      }
    }
    if (pairs.isEmpty()) {
      throw new IOException(dir + ": no cloud key (<suite>.key) found");
    }
    return new CloudKeys(pairs);
  }

  /** The cloud's public key for {@code suite} as an agent reads it from the file it was given. */
  public static PublicKey readPublicKey(Path file, Suite suite) throws IOException {
    try {
      return SuiteCrypto.of(suite).publicKey(KeyFiles.read(file, KeyFiles.PUBLIC), SuiteCrypto.Role.AGREEMENT);
    } catch (GeneralSecurityException e) {
      throw new IOException(file + ": not a " + suite.label() + " cloud public key: " + e.getMessage(), e);
    }
  }

  public Set<Suite> suites() {
    return pairs.keySet();
  }

  public PublicKey publicKey(Suite suite) {
    return Optional.ofNullable(pairs.get(suite)).orElseThrow(
        () -> new IllegalArgumentException("no cloud key for suite " + suite.label())).getPublic();
  }

  Optional<PrivateKey> privateKey(Suite suite) {
    return Optional.ofNullable(pairs.get(suite)).map(KeyPair::getPrivate);
  }

  @Override
  public String toString() {
    return "CloudKeys" + pairs.keySet();
  }
}
