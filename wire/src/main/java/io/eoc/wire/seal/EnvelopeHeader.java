package io.eoc.wire.seal;

import io.eoc.wire.Names;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The clear-text fields of a sealed envelope: who, which batch, which key epoch and nonce counter,
 * and the hash of the previous envelope of the agent's chain. All of it is authenticated (GCM
 * additional data, and the signature).
 */
public record EnvelopeHeader(String agentId, long sequence, Suite suite, long epoch, long counter,
    EnvelopeHash previousHash) {

  public EnvelopeHeader {
    Names.requireName(agentId, "agent id");
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be >= 0, was " + sequence);
    }
    Objects.requireNonNull(suite, "suite");
    if (epoch < 0 || epoch > SealerState.MAX_EPOCH) {
      throw new IllegalArgumentException("epoch must be 0.." + SealerState.MAX_EPOCH + ", was " + epoch);
    }
    if (counter < 0) {
      throw new IllegalArgumentException("counter must be >= 0, was " + counter);
    }
    Objects.requireNonNull(previousHash, "previousHash");
  }

  /**
   * The 96-bit GCM nonce: epoch (32 bits) || counter (64 bits), big-endian, the deterministic
   * construction of NIST SP 800-38D §8.2.1 (fixed field || invocation field).
   */
  public byte[] nonce() {
    return ByteBuffer.allocate(SuiteCrypto.NONCE_LENGTH).putInt((int) epoch).putLong(counter).array();
  }
}
