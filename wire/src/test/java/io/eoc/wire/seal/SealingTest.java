package io.eoc.wire.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.eoc.wire.Batch;
import io.eoc.wire.BatchCodec;
import io.eoc.wire.DropCount;
import io.eoc.wire.MalformedMessageException;
import io.eoc.wire.Point;
import io.eoc.wire.seal.SealException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SealingTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final AgentKeys AGENT = AgentKeys.generate(Suite.DEFAULT);
  private static final CloudKeys CLOUD = CloudKeys.generate(Suite.DEFAULT, Suite.SM);

  private final TestClock clock = new TestClock(T0);

  private BatchSealer sealer(AgentKeys keys, RotationPolicy rotation) {
    return new BatchSealer("agent-1", keys, CLOUD.publicKey(keys.suite()), new CountingNonces(), rotation, clock);
  }

  static Batch batch(long sequence, int points) {
    List<Point> list = new ArrayList<>();
    for (int i = 0; i < points; i++) {
      list.add(Point.good("boiler-1", "steam_pressure", T0.plusSeconds(i), 1.0 + i * 0.01));
      list.add(Point.good("boiler-1", "fuel_flow", T0.plusSeconds(i), (float) (500 + Math.sin(i) * 50)));
    }
    return new Batch("agent-1", sequence, T0, list, List.of(new DropCount("boiler-1", "fuel_flow", "spike", 1)));
  }

  @Test
  void aSealedBatchOpensToTheSameBatchAndChainsToItsPredecessor() throws Exception {
    BatchSealer sealer = sealer(AGENT, RotationPolicy.DEFAULT);
    BatchOpener opener = new BatchOpener(CLOUD);
    ChainState chain = ChainState.empty();
    EnvelopeHash previous = EnvelopeHash.ZERO;
    for (long seq = 1; seq <= 3; seq++) {
      SealedBatch sealed = sealer.seal(batch(seq, 20));
      Opened opened = opener.open(sealed.bytes(), AGENT.publicKeys("agent-1"));
      assertThat(opened.batch()).isEqualTo(BatchCodec.decode(BatchCodec.encode(batch(seq, 20))));
      assertThat(opened.hash()).isEqualTo(sealed.hash());
      assertThat(opened.header().previousHash()).isEqualTo(previous);
      Verdict verdict = ChainVerifier.verify(chain, opened);
      assertThat(verdict.kind()).isEqualTo(Verdict.Kind.OK);
      chain = verdict.next();
      previous = sealed.hash();
    }
    assertThat(sealer.state().lastSequence()).isEqualTo(3);
    assertThat(sealer.state().lastHash()).isEqualTo(previous);
  }

  @Test
  void theSmSuiteRoundTrips() throws Exception {
    AgentKeys sm = AgentKeys.generate(Suite.SM);
    BatchSealer sealer = sealer(sm, RotationPolicy.DEFAULT);
    SealedBatch first = sealer.seal(batch(1, 10));
    SealedBatch second = sealer.seal(batch(2, 10));
    BatchOpener opener = new BatchOpener(CLOUD);
    Opened opened = opener.open(second.bytes(), sm.publicKeys("agent-1"));
    assertThat(opened.header().suite()).isEqualTo(Suite.SM);
    assertThat(opened.header().previousHash()).isEqualTo(first.hash());
    assertThat(opened.batch().size()).isEqualTo(20);
    byte[] altered = second.bytes();
    altered[altered.length / 2] ^= 1;
    assertThatThrownBy(() -> opener.open(altered, sm.publicKeys("agent-1")))
        .isInstanceOf(SealException.class).hasMessageContaining("signature invalid");
  }

  @Test
  void keyRotationMovesToANewEpochAfterNBatchesOrTimeAndTheCloudStillDecrypts() throws Exception {
    BatchSealer sealer = sealer(AGENT, new RotationPolicy(3, Duration.ofHours(1)));
    BatchOpener opener = new BatchOpener(CLOUD);
    List<Long> epochs = new ArrayList<>();
    for (long seq = 1; seq <= 7; seq++) {
      SealedBatch sealed = sealer.seal(batch(seq, 2));
      epochs.add(opener.open(sealed.bytes(), AGENT.publicKeys("agent-1")).header().epoch());
    }
    assertThat(epochs).containsExactly(0L, 0L, 0L, 1L, 1L, 1L, 2L);
    clock.advance(Duration.ofMinutes(61));
    SealedBatch afterAnHour = sealer.seal(batch(8, 2));
    assertThat(afterAnHour.epoch()).isEqualTo(3);
    assertThat(opener.open(afterAnHour.bytes(), AGENT.publicKeys("agent-1")).batch().sequence()).isEqualTo(8);
  }

  @Test
  void aRestoredSealerContinuesTheChainAndTheEpoch() throws Exception {
    BatchSealer before = sealer(AGENT, new RotationPolicy(2, Duration.ofHours(1)));
    before.seal(batch(1, 2));
    before.seal(batch(2, 2));
    before.seal(batch(3, 2));
    SealerState saved = SealerState.decode(before.state().encode());
    assertThat(saved).isEqualTo(before.state());
    BatchSealer after = new BatchSealer("agent-1", AGENT, CLOUD.publicKey(Suite.DEFAULT), new CountingNonces(),
        new RotationPolicy(2, Duration.ofHours(1)), clock, saved);
    SealedBatch next = after.seal(batch(4, 2));
    Opened opened = new BatchOpener(CLOUD).open(next.bytes(), AGENT.publicKeys("agent-1"));
    assertThat(opened.header().previousHash()).isEqualTo(saved.lastHash());
    assertThat(opened.header().epoch()).isEqualTo(1);
    assertThatThrownBy(() -> after.seal(batch(4, 2))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not above the last sealed 4");
  }

  @Test
  void everyTruncationAndEverySingleBitFlipOfAnEnvelopeIsRejectedWithAReason() throws Exception {
    byte[] envelope = sealer(AGENT, RotationPolicy.DEFAULT).seal(batch(1, 3)).bytes();
    BatchOpener opener = new BatchOpener(CLOUD);
    AgentPublicKeys keys = AGENT.publicKeys("agent-1");
    for (int len = 0; len < envelope.length; len++) {
      byte[] cut = Arrays.copyOf(envelope, len);
      assertRejected(catchThrowable(() -> opener.open(cut, keys)));
    }
    Set<String> reasons = new HashSet<>();
    for (int bit = 0; bit < envelope.length * 8; bit++) {
      byte[] flipped = envelope.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      Throwable t = catchThrowable(() -> opener.open(flipped, keys));
      assertRejected(t);
      reasons.add(t instanceof SealException s ? s.reason().name() : "MALFORMED");
    }
    assertThat(reasons).contains("MALFORMED", "SIGNATURE_INVALID", "WRONG_KEYS");
  }

  private static void assertRejected(Throwable t) {
    assertThat(t).isNotNull().isInstanceOfAny(MalformedMessageException.class, SealException.class);
    assertThat(t.getMessage()).isNotBlank();
  }

  @Test
  void aCiphertextAlteredAndResignedByTheAgentFailsDecryptionWithATagMismatch() throws Exception {
    byte[] envelope = sealer(AGENT, RotationPolicy.DEFAULT).seal(batch(1, 3)).bytes();
    Envelope.Parsed parsed = Envelope.parse(envelope);
    byte[] ciphertext = parsed.ciphertext();
    ciphertext[0] ^= 1;
    byte[] signed = Envelope.signedPart(Arrays.copyOf(envelope, parsed.aadEnd()), ciphertext);
    byte[] forged = Envelope.assemble(signed,
        SuiteCrypto.of(Suite.DEFAULT).sign(AGENT.signingKey(), signed, signed.length));
    assertThatThrownBy(() -> new BatchOpener(CLOUD).open(forged, AGENT.publicKeys("agent-1")))
        .isInstanceOf(SealException.class).hasMessage("decryption failed (tag mismatch)")
        .extracting(t -> ((SealException) t).reason()).isEqualTo(Reason.DECRYPTION_FAILED);
  }

  @Test
  void anEnvelopeWhoseBatchNamesAnotherSequenceIsRefused() throws Exception {
    SuiteCrypto crypto = SuiteCrypto.of(Suite.DEFAULT);
    EnvelopeHeader header = new EnvelopeHeader("agent-1", 5, Suite.DEFAULT, 0, 0, EnvelopeHash.ZERO);
    byte[] aad = Envelope.header(header);
    byte[] key = crypto.batchKey(AGENT.agreementKey(), CLOUD.publicKey(Suite.DEFAULT), "agent-1", 0);
    byte[] signed = Envelope.signedPart(aad, crypto.encrypt(key, header.nonce(), aad, BatchCodec.encode(batch(6, 1))));
    byte[] envelope = Envelope.assemble(signed, crypto.sign(AGENT.signingKey(), signed, signed.length));
    assertThatThrownBy(() -> new BatchOpener(CLOUD).open(envelope, AGENT.publicKeys("agent-1")))
        .isInstanceOf(SealException.class).hasMessageContaining("holds the batch of agent-1 #6");
  }

  @Test
  void wrongKeysAreNamed() throws Exception {
    byte[] envelope = sealer(AGENT, RotationPolicy.DEFAULT).seal(batch(1, 1)).bytes();
    AgentKeys impostor = AgentKeys.generate(Suite.DEFAULT);
    assertThatThrownBy(() -> new BatchOpener(CLOUD).open(envelope, impostor.publicKeys("agent-1")))
        .isInstanceOf(SealException.class).hasMessageContaining("signature invalid");
    assertThatThrownBy(() -> new BatchOpener(CLOUD).open(envelope, AGENT.publicKeys("agent-2")))
        .isInstanceOf(SealException.class).hasMessageContaining("opened with the keys of agent-2");
    assertThatThrownBy(() -> new BatchOpener(CloudKeys.generate(Suite.SM)).open(envelope, AGENT.publicKeys("agent-1")))
        .isInstanceOf(SealException.class).hasMessageContaining("no cloud key for suite x25519-ed25519-aes256gcm");
    CloudKeys otherCloud = CloudKeys.generate(Suite.DEFAULT);
    assertThatThrownBy(() -> new BatchOpener(otherCloud).open(envelope, AGENT.publicKeys("agent-1")))
        .isInstanceOf(SealException.class).hasMessage("decryption failed (tag mismatch)");
  }

  @Test
  void theSealerRefusesAnotherAgentsBatchAndAKeyOfAnotherSuite() {
    BatchSealer sealer = sealer(AGENT, RotationPolicy.DEFAULT);
    assertThatThrownBy(() -> sealer.seal(new Batch("agent-2", 1, T0, List.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agent-2");
    assertThatThrownBy(() -> new BatchSealer("agent-1", AGENT, CLOUD.publicKey(Suite.SM), new CountingNonces(),
        RotationPolicy.DEFAULT, clock)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not fit suite");
  }

  @Test
  void garbageNeverOpens() {
    java.util.Random random = new java.util.Random(4);
    BatchOpener opener = new BatchOpener(CLOUD);
    for (int i = 0; i < 2000; i++) {
      byte[] junk = new byte[random.nextInt(400)];
      random.nextBytes(junk);
      if (junk.length > 8) {
        System.arraycopy(new byte[] {'E', 'O', 'C', 'S', 1, 1, 7, 'a'}, 0, junk, 0, 8);
      }
      assertRejected(catchThrowable(() -> opener.open(junk, AGENT.publicKeys("agent-1"))));
    }
  }
}
