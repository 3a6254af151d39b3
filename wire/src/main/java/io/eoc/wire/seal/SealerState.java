package io.eoc.wire.seal;

import io.eoc.wire.MalformedMessageException;
import io.eoc.wire.internal.WireReader;
import io.eoc.wire.internal.WireWriter;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link BatchSealer} must remember across restarts: the last link of its chain and its key
 * epoch. Persist it with each sealed envelope (in the same write as the outbox entry) and hand it
 * back to the sealer's constructor. {@link #encode}/{@link #decode} give one checksummed blob.
 *
 * @param lastSequence the sequence of the last sealed envelope, -1 before the first
 * @param lastHash its hash, {@link EnvelopeHash#ZERO} before the first
 * @param epoch the current key epoch (0..2^32-1)
 * @param epochStartedAt when the current epoch began
 * @param sealedInEpoch envelopes sealed in the current epoch
 */
public record SealerState(long lastSequence, EnvelopeHash lastHash, long epoch, Instant epochStartedAt,
    long sealedInEpoch) {
  static final long MAX_EPOCH = 0xFFFF_FFFFL;
  private static final byte[] MAGIC = "EOCT".getBytes(StandardCharsets.US_ASCII);

  public SealerState {
    if (lastSequence < -1) {
      throw new IllegalArgumentException("lastSequence must be >= -1, was " + lastSequence);
    }
    Objects.requireNonNull(lastHash, "lastHash");
    if (epoch < 0 || epoch > MAX_EPOCH) {
      throw new IllegalArgumentException("epoch must be 0.." + MAX_EPOCH + ", was " + epoch);
    }
    Objects.requireNonNull(epochStartedAt, "epochStartedAt");
    if (sealedInEpoch < 0) {
      throw new IllegalArgumentException("sealedInEpoch must be >= 0, was " + sealedInEpoch);
    }
  }

  /** Before the first envelope of a chain. */
  public static SealerState fresh(Instant now) {
    return new SealerState(-1, EnvelopeHash.ZERO, 0, now, 0);
  }

  SealerState nextEpoch(Instant now) {
    if (epoch == MAX_EPOCH) {
      throw new IllegalStateException("key epochs exhausted: generate new keys");
    }
    return new SealerState(lastSequence, lastHash, epoch + 1, now, 0);
  }

  SealerState sealed(long sequence, EnvelopeHash hash) {
    return new SealerState(sequence, hash, epoch, epochStartedAt, sealedInEpoch + 1);
  }

  /**
   * "EOCT" | version u8 (1) | lastSequence zigzag | lastHash (32) | epoch varint
   * | epochStartedAt (seconds zigzag, nanos varint) | sealedInEpoch varint | CRC32C.
   */
  public byte[] encode() {
    return new WireWriter(64).bytes(MAGIC).u8(1).zigzag(lastSequence).bytes(lastHash.bytes()).varint(epoch)
        .zigzag(epochStartedAt.getEpochSecond()).varint(epochStartedAt.getNano()).varint(sealedInEpoch)
        .finishWithChecksum();
  }

  public static SealerState decode(byte[] bytes) throws MalformedMessageException {
    WireReader r = WireReader.checked(bytes, MAGIC.length + 1);
    r.expect(MAGIC, "an eoc sealer state");
    if (r.u8("version") != 1) {
      throw new MalformedMessageException("unsupported sealer state version", 4);
    }
    long last = r.zigzag("last sequence");
    EnvelopeHash hash = EnvelopeHash.of(r.bytes(EnvelopeHash.LENGTH, "last hash"));
    long epoch = r.varint("epoch");
    long seconds = r.zigzag("epoch start seconds");
    long nanos = r.varint("epoch start nanos");
    long sealed = r.varint("sealed in epoch");
    r.expectEnd("sealer state");
    try {
      return new SealerState(last, hash, epoch, Instant.ofEpochSecond(seconds, nanos), sealed);
    } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
      throw new MalformedMessageException("invalid sealer state: " + e.getMessage(), 0);
    }
  }
}
