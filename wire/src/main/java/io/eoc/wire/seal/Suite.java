package io.eoc.wire.seal;

import java.util.Arrays;
import java.util.Optional;

/**
 * A set of algorithms for sealing batches. Both sides of a chain use the same suite; the
 * envelope names it, so a cloud can accept agents of either suite at once.
 */
public enum Suite {
  /**
   * JDK only: X25519 (RFC 7748) key agreement, HKDF-SHA256 (RFC 5869), AES-256-GCM
   * (NIST SP 800-38D), Ed25519 signatures (RFC 8032), SHA-256 chain hashes.
   */
  DEFAULT(1, "x25519-ed25519-aes256gcm"),
  /**
   * Chinese national algorithms through BouncyCastle: static ECDH on the SM2 curve sm2p256v1
   * (GB/T 32918), HKDF over HMAC-SM3, SM4-GCM (GB/T 32907, GCM per RFC 8998), SM2 signatures with
   * SM3 and the default user id (GB/T 35276), SM3 chain hashes (GB/T 32905). The interactive SM2
   * key exchange (GB/T 32918.3) is not used: a batch travels one way, store-and-forward, with no
   * round trip to run a protocol in.
   */
  SM(2, "sm2-sm3-sm4gcm");

  private final int id;
  private final String label;

  Suite(int id, String label) {
    this.id = id;
    this.label = label;
  }

  /** The byte on the wire. */
  public int id() {
    return id;
  }

  /** The name in files and configuration. */
  public String label() {
    return label;
  }

  public static Optional<Suite> fromId(int id) {
    return Arrays.stream(values()).filter(s -> s.id == id).findFirst();
  }

  public static Optional<Suite> fromLabel(String label) {
    return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
  }
}
