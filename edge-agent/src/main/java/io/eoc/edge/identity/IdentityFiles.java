package io.eoc.edge.identity;

import java.nio.file.Path;

/**
 * Where an agent keeps its identity under its data directory:
 * <pre>
 * identity/keys/        signing and key-agreement key pairs (private keys 0600)
 * identity/cloud.pub    the cloud's key-agreement public key, received at enrolment
 * identity/tls/         TLS client key, certificate chain and the cloud's CA certificate
 * identity/nonce        nonce-counter reservations (never reuse a nonce under one key)
 * identity/sealer.state the hash chain and key epoch, written before each batch is stored
 * </pre>
 */
public record IdentityFiles(Path root) {
  public static IdentityFiles in(Path dataDir) {
    return new IdentityFiles(dataDir.resolve("identity"));
  }

  public Path keys() {
    return root.resolve("keys");
  }

  public Path cloudKey() {
    return root.resolve("cloud.pub");
  }

  public Path tls() {
    return root.resolve("tls");
  }

  public Path nonce() {
    return root.resolve("nonce");
  }

  public Path sealerState() {
    return root.resolve("sealer.state");
  }
}
