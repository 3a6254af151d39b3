package io.eoc.wire.seal;

import io.eoc.wire.Batch;
import io.eoc.wire.BatchCodec;
import io.eoc.wire.Names;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;

/**
 * The agent side: encodes a batch ({@link BatchCodec}), encrypts it with the epoch's batch key,
 * signs the envelope ({@link Envelope}) and links it to the previous one by hash.
 *
 * <p>Sequences must grow. After each {@link #seal}, persist {@link #state()} together with the
 * envelope; after a restart pass it to the restoring constructor, or the chain starts over (the
 * cloud would see a fork).
 */
public final class BatchSealer {
  private final String agentId;
  private final AgentKeys keys;
  private final PublicKey cloudKey;
  private final NonceSource nonces;
  private final RotationPolicy rotation;
  private final Clock clock;
  private final SuiteCrypto crypto;
  private SealerState state;
  private byte[] epochKey;

  /** A sealer starting a new chain (the first envelope's previous hash is all zeros). */
  public BatchSealer(String agentId, AgentKeys keys, PublicKey cloudPublicKey, NonceSource nonces,
      RotationPolicy rotation, Clock clock) {
    this(agentId, keys, cloudPublicKey, nonces, rotation, clock, SealerState.fresh(clock.instant()));
  }

  /** A sealer continuing the chain and key epoch of {@code restored}. */
  public BatchSealer(String agentId, AgentKeys keys, PublicKey cloudPublicKey, NonceSource nonces,
      RotationPolicy rotation, Clock clock, SealerState restored) {
    this.agentId = Names.requireName(agentId, "agent id");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.nonces = Objects.requireNonNull(nonces, "nonces");
    this.rotation = Objects.requireNonNull(rotation, "rotation");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.state = Objects.requireNonNull(restored, "restored");
    this.crypto = SuiteCrypto.of(keys.suite());
    try {
      crypto.checkKey(Objects.requireNonNull(cloudPublicKey, "cloudPublicKey"), SuiteCrypto.Role.AGREEMENT);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("cloud public key does not fit suite " + keys.suite().label()
          + ": " + e.getMessage(), e);
    }
    this.cloudKey = cloudPublicKey;
  }

  /**
   * Seals {@code batch}, whose agent must be this sealer's and whose sequence must be above the
   * last sealed one.
   *
   * @throws IOException if the nonce source cannot guarantee a fresh nonce
   */
  public synchronized SealedBatch seal(Batch batch) throws IOException {
    if (!batch.agentId().equals(agentId)) {
      throw new IllegalArgumentException("batch of agent " + batch.agentId() + " given to the sealer of " + agentId);
    }
    if (batch.sequence() <= state.lastSequence()) {
      throw new IllegalArgumentException("sequence " + batch.sequence() + " is not above the last sealed "
          + state.lastSequence());
    }
    rotateIfDue();
    EnvelopeHeader header = new EnvelopeHeader(agentId, batch.sequence(), keys.suite(), state.epoch(),
        nonces.next(), state.lastHash());
    byte[] envelope = build(header, BatchCodec.encode(batch));
    EnvelopeHash hash = crypto.hash(envelope);
    state = state.sealed(batch.sequence(), hash);
    return new SealedBatch(envelope, batch.sequence(), hash, header.epoch());
  }

  /** The chain and epoch state to persist after each {@link #seal}. */
  public synchronized SealerState state() {
    return state;
  }

  private byte[] build(EnvelopeHeader header, byte[] plaintext) {
    try {
      byte[] aad = Envelope.header(header);
      byte[] ciphertext = crypto.encrypt(epochKey(), header.nonce(), aad, plaintext);
      byte[] signed = Envelope.signedPart(aad, ciphertext);
      return Envelope.assemble(signed, crypto.sign(keys.signingKey(), signed, signed.length));
    } catch (GeneralSecurityException e) {
      // Our own keys and a fresh nonce: failing here is a broken installation, not bad input.
      throw new IllegalStateException(keys.suite().label() + ": sealing failed: " + e.getMessage(), e);
    }
  }

  private void rotateIfDue() {
    if (rotation.due(state, clock.instant())) {
      state = state.nextEpoch(clock.instant());
      forgetKey();
    }
  }

  private byte[] epochKey() throws GeneralSecurityException {
    if (epochKey == null) {
      epochKey = crypto.batchKey(keys.agreementKey(), cloudKey, agentId, state.epoch());
    }
    return epochKey;
  }

  private void forgetKey() {
    if (epochKey != null) {
      Arrays.fill(epochKey, (byte) 0);
      epochKey = null;
    }
  }

  @Override
  public String toString() {
    return "BatchSealer[" + agentId + ", " + keys.suite().label() + ", epoch " + state.epoch() + "]";
  }
}
