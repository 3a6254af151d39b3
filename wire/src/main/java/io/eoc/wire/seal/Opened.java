package io.eoc.wire.seal;

import io.eoc.wire.Batch;
import java.util.Objects;

/**
 * A verified and decrypted envelope: its header, the batch, its hash (the chain link), and the
 * batch's encoding as the agent wrote it (the plaintext), which the cloud passes on as it is
 * instead of encoding the batch again.
 */
public record Opened(EnvelopeHeader header, Batch batch, EnvelopeHash hash, byte[] encodedBatch) {
  public Opened {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(encodedBatch, "encodedBatch");
  }
}
