package io.eoc.wire.seal;

import java.util.Arrays;
import java.util.HexFormat;

/** A 32-byte hash of an envelope (SHA-256, or SM3 in the SM suite): the links of the chain. */
public final class EnvelopeHash {
  public static final int LENGTH = 32;
  /** The "previous hash" of the first envelope of a chain. */
  public static final EnvelopeHash ZERO = new EnvelopeHash(new byte[LENGTH]);

  private final byte[] bytes;

  private EnvelopeHash(byte[] bytes) {
    this.bytes = bytes;
  }

  public static EnvelopeHash of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException("an envelope hash has " + LENGTH + " bytes, got "
          + (bytes == null ? "null" : bytes.length));
    }
    return new EnvelopeHash(bytes.clone());
  }

  public static EnvelopeHash ofHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  public boolean isZero() {
    return equals(ZERO);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnvelopeHash h && Arrays.equals(bytes, h.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The first 8 bytes in hex, enough to tell hashes apart in messages. */
  @Override
  public String toString() {
    return hex().substring(0, 16);
  }
}
