package io.eoc.wire.seal;

import java.util.Objects;

/**
 * A sealed envelope ready to send, with its sequence, its hash (the next envelope's previous hash)
 * and its key epoch. Resend exactly these bytes on redelivery: resealing would make another
 * envelope for the same sequence, which the cloud reports as a fork.
 */
public record SealedBatch(byte[] bytes, long sequence, EnvelopeHash hash, long epoch) {

  public SealedBatch {
    bytes = Objects.requireNonNull(bytes, "bytes").clone();
    Objects.requireNonNull(hash, "hash");
  }

  /** A copy of the envelope. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealedBatch s && java.util.Arrays.equals(bytes, s.bytes);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "SealedBatch[sequence " + sequence + ", " + bytes.length + " bytes, hash " + hash + ", epoch " + epoch + "]";
  }

  public int size() {
    return bytes.length;
  }
}
