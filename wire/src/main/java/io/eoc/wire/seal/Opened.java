package io.eoc.wire.seal;

import io.eoc.wire.Batch;
import java.util.Objects;

/** A verified and decrypted envelope: its header, the batch, and its hash (the chain link). */
public record Opened(EnvelopeHeader header, Batch batch, EnvelopeHash hash) {
  public Opened {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(hash, "hash");
  }
}
