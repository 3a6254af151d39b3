package io.eoc.wire.seal;

import java.security.InvalidKeyException;
import java.security.Key;
import java.security.Provider;
import java.security.SignatureException;
import java.security.interfaces.EdECKey;
import java.security.interfaces.XECKey;
import java.security.spec.NamedParameterSpec;

/** The default suite: everything from the JDK (Ed25519 and X25519 since Java 15/11). */
final class JdkSupport implements SuiteCrypto.Support {
  private static final SuiteCrypto.Algorithms ALGORITHMS = new SuiteCrypto.Algorithms(
      "Ed25519", null, "Ed25519", "X25519", null, "X25519",
      "AES/GCM/NoPadding", "AES", 32, "HmacSHA256", "SHA-256");

  @Override
  public Provider provider() {
    return null;
  }

  @Override
  public SuiteCrypto.Algorithms algorithms() {
    return ALGORITHMS;
  }

  @Override
  public void checkKey(Key key, SuiteCrypto.Role role) throws InvalidKeyException {
    boolean ok = role == SuiteCrypto.Role.SIGNING
        ? key instanceof EdECKey ed && "Ed25519".equals(ed.getParams().getName())
        : key instanceof XECKey xe && xe.getParams() instanceof NamedParameterSpec n && "X25519".equals(n.getName());
    if (!ok) {
      throw new InvalidKeyException("not an " + (role == SuiteCrypto.Role.SIGNING ? "Ed25519" : "X25519")
          + " key: " + key.getAlgorithm());
    }
  }

  /** Ed25519 signatures are 64 bytes as they are (RFC 8032 §5.1.6). */
  @Override
  public byte[] toWire(byte[] signature) throws SignatureException {
    if (signature.length != SuiteCrypto.SIGNATURE_LENGTH) {
      throw new SignatureException("Ed25519 signature of " + signature.length + " bytes");
    }
    return signature;
  }

  @Override
  public byte[] fromWire(byte[] signature) {
    return signature;
  }
}
