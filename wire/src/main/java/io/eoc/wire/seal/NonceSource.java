package io.eoc.wire.seal;

import java.io.IOException;

/**
 * Hands out the 64-bit counter half of AES-GCM/SM4-GCM nonces. GCM loses both confidentiality and
 * authenticity if a nonce repeats under one key (NIST SP 800-38D §8): a source must never return
 * the same value twice for one agent's keys, across restarts and crashes too.
 */
public interface NonceSource {

  /** The next counter, never returned before; an {@link IOException} if that cannot be guaranteed. */
  long next() throws IOException;
}
