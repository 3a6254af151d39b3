package io.eoc.wire.seal;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF, RFC 5869: extract (§2.2) then expand (§2.3), over any HMAC given as a {@link Mac}. */
final class Hkdf {
  private Hkdf() {}

  static byte[] derive(Mac mac, byte[] salt, byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
    int hashLength = mac.getMacLength();
    if (length < 1 || length > 255 * hashLength) {
      throw new IllegalArgumentException("HKDF output length must be 1.." + 255 * hashLength + ", was " + length);
    }
    // §2.2: an absent salt is HashLen zeros.
    byte[] key = salt == null || salt.length == 0 ? new byte[hashLength] : salt;
    mac.init(new SecretKeySpec(key, mac.getAlgorithm()));
    byte[] prk = mac.doFinal(ikm);
    mac.init(new SecretKeySpec(prk, mac.getAlgorithm()));
    byte[] okm = new byte[length];
    byte[] t = new byte[0];
    for (int i = 1, filled = 0; filled < length; i++) {
      mac.update(t);
      mac.update(info);
      mac.update((byte) i);
      t = mac.doFinal();
      int n = Math.min(t.length, length - filled);
      System.arraycopy(t, 0, okm, filled, n);
      filled += n;
    }
    Arrays.fill(prk, (byte) 0);
    return okm;
  }
}
