package io.eoc.wire.seal;

import io.eoc.wire.Batch;
import io.eoc.wire.BatchCodec;
import io.eoc.wire.MalformedMessageException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;

/**
 * The cloud side: checks, in this order, that the envelope is well formed, that its suite has a
 * cloud key, that it names the agent and suite of the keys given, that the agent's signature
 * verifies, then derives the epoch's batch key, decrypts and decodes, and checks that the batch
 * inside names the same agent and sequence. Chain order is {@link ChainVerifier}'s job.
 */
public final class BatchOpener {
  private final CloudKeys cloudKeys;

  public BatchOpener(CloudKeys cloudKeys) {
    this.cloudKeys = Objects.requireNonNull(cloudKeys, "cloudKeys");
  }

  /** The header, unverified: to find which agent's keys to open the envelope with. */
  public static EnvelopeHeader peek(byte[] envelope) throws MalformedMessageException {
    return Envelope.parse(envelope).header();
  }

  public Opened open(byte[] envelope, AgentPublicKeys agent) throws MalformedMessageException, SealException {
    Envelope.Parsed parsed = Envelope.parse(envelope);
    EnvelopeHeader h = parsed.header();
    PrivateKey cloudKey = cloudKeys.privateKey(h.suite()).orElseThrow(() -> new SealException(
        SealException.Reason.UNSUPPORTED_SUITE, "no cloud key for suite " + h.suite().label()));
    if (!h.agentId().equals(agent.agentId()) || h.suite() != agent.suite()) {
      throw new SealException(SealException.Reason.WRONG_KEYS, "envelope of agent " + h.agentId() + " ("
          + h.suite().label() + ") opened with the keys of " + agent.agentId() + " (" + agent.suite().label() + ")");
    }
    SuiteCrypto crypto = SuiteCrypto.of(h.suite());
    if (!crypto.verify(agent.signingKey(), envelope, parsed.signedEnd(), parsed.signature())) {
      throw new SealException(SealException.Reason.SIGNATURE_INVALID, "signature invalid (agent "
          + h.agentId() + ", sequence " + h.sequence() + ")");
    }
    byte[] plaintext = decrypt(crypto, cloudKey, agent, h, envelope, parsed);
    Batch batch = BatchCodec.decode(plaintext);
    if (!batch.agentId().equals(h.agentId()) || batch.sequence() != h.sequence()) {
      throw new SealException(SealException.Reason.BATCH_MISMATCH, "envelope of " + h.agentId() + " #"
          + h.sequence() + " holds the batch of " + batch.agentId() + " #" + batch.sequence());
    }
    return new Opened(h, batch, crypto.hash(envelope), plaintext);
  }

  private static byte[] decrypt(SuiteCrypto crypto, PrivateKey cloudKey, AgentPublicKeys agent, EnvelopeHeader h,
      byte[] envelope, Envelope.Parsed parsed) throws SealException {
    byte[] key;
    try {
      key = crypto.batchKey(cloudKey, agent.agreementKey(), h.agentId(), h.epoch());
    } catch (GeneralSecurityException e) {
      throw new SealException(SealException.Reason.KEY_AGREEMENT_FAILED, "key agreement failed: " + e.getMessage(), e);
    }
    byte[] aad = Arrays.copyOf(envelope, parsed.aadEnd());
    try {
      return crypto.decrypt(key, h.nonce(), aad, parsed.ciphertext());
    } catch (AEADBadTagException e) {
      throw new SealException(SealException.Reason.DECRYPTION_FAILED, "decryption failed (tag mismatch)", e);
    } catch (GeneralSecurityException e) {
      throw new SealException(SealException.Reason.DECRYPTION_FAILED, "decryption failed ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }
}
