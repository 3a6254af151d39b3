package io.eoc.wire.seal;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.wire.seal.Verdict.Kind;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {
  private final Random random = new Random(11);

  /** A chain of envelopes known only by (sequence, previous hash, hash). */
  private record Env(EnvelopeHeader header, EnvelopeHash hash) {}

  private Env env(long sequence, EnvelopeHash previous) {
    byte[] h = new byte[32];
    random.nextBytes(h);
    return new Env(new EnvelopeHeader("agent-1", sequence, Suite.DEFAULT, 0, sequence, previous), EnvelopeHash.of(h));
  }

  private Env after(Env e) {
    return env(e.header().sequence() + 1, e.hash());
  }

  private static Verdict verify(ChainState state, Env e) {
    return ChainVerifier.verify(state, e.header(), e.hash());
  }

  /** Accepts {@code envs} in order, asserting each is accepted. */
  private static ChainState accept(ChainState state, Env... envs) {
    for (Env e : envs) {
      Verdict v = verify(state, e);
      assertThat(v.accepted()).as(v.reason()).isTrue();
      state = v.next();
    }
    return state;
  }

  @Test
  void theFirstEnvelopeAndEachLinkedSuccessorAreOk() {
    Env first = env(1, EnvelopeHash.ZERO);
    Verdict v1 = verify(ChainState.empty(), first);
    assertThat(v1.kind()).isEqualTo(Kind.OK);
    Verdict v2 = verify(v1.next(), after(first));
    assertThat(v2.kind()).isEqualTo(Kind.OK);
    assertThat(v2.next().lastSequence()).isEqualTo(2);
  }

  @Test
  void aRedeliveryOfTheLastOrAnOlderEnvelopeIsADuplicateAndChangesNothing() {
    Env e1 = env(1, EnvelopeHash.ZERO);
    Env e2 = after(e1);
    Env e3 = after(e2);
    ChainState state = accept(ChainState.empty(), e1, e2, e3);
    for (Env again : new Env[] {e3, e2, e1}) {
      Verdict v = verify(state, again);
      assertThat(v.kind()).isEqualTo(Kind.DUPLICATE);
      assertThat(v.accepted()).isFalse();
      assertThat(v.next()).isEqualTo(state);
    }
  }

  @Test
  void aJumpInSequenceIsAGapNamingTheMissingRangeAndIsStored() {
    Env e1 = env(1, EnvelopeHash.ZERO);
    ChainState state = accept(ChainState.empty(), e1);
    Env e5 = env(5, EnvelopeHash.ofHex("11".repeat(32)));
    Verdict v = verify(state, e5);
    assertThat(v.kind()).isEqualTo(Kind.GAP);
    assertThat(v.missing()).contains(new ChainState.Range(2, 4));
    assertThat(v.reason()).contains("missing 2..4");
    assertThat(v.accepted()).isTrue();
    assertThat(v.next().lastSequence()).isEqualTo(5);
  }

  @Test
  void aMissingEnvelopeArrivingLateFillsTheGapIfItFitsItsNeighbours() {
    Env e1 = env(1, EnvelopeHash.ZERO);
    Env e2 = after(e1);
    Env e3 = after(e2);
    ChainState state = accept(ChainState.empty(), e1, e3);
    Verdict late = verify(state, e2);
    assertThat(late.kind()).isEqualTo(Kind.LATE);
    assertThat(late.next().missing()).isEmpty();
    assertThat(late.next().lastSequence()).isEqualTo(3);
    assertThat(verify(late.next(), e2).kind()).isEqualTo(Kind.DUPLICATE);
    Env impostor = env(2, e1.hash());
    assertThat(verify(state, impostor).kind()).as("e3 links to the real e2").isEqualTo(Kind.FORK);
  }

  /**
   * More gaps open at once than the state remembers ranges for (every other envelope held up): the
   * oldest ranges are forgotten, yet their envelopes, arriving at last, still fit between remembered
   * neighbours and are accepted, not dropped as replays; an impostor between them is a fork.
   */
  @Test
  void aLateEnvelopeWhoseGapWasForgottenIsAcceptedIfItsRememberedNeighboursLinkToIt() {
    int n = 2 * (ChainState.MAX_MISSING + 8);
    Env[] chain = new Env[n + 1];
    chain[0] = env(0, EnvelopeHash.ZERO);
    for (int i = 1; i <= n; i++) {
      chain[i] = after(chain[i - 1]);
    }
    ChainState state = ChainState.empty();
    for (int i = 0; i <= n; i += 2) {
      state = accept(state, chain[i]);
    }
    assertThat(state.missing()).hasSize(ChainState.MAX_MISSING).doesNotContain(new ChainState.Range(1, 1));

    Env impostor = env(1, chain[0].hash());
    assertThat(verify(state, impostor).kind()).as("chain[2] links to the real chain[1]").isEqualTo(Kind.FORK);
    for (int i = 1; i < n; i += 2) {
      Verdict v = verify(state, chain[i]);
      assertThat(v.kind()).as("sequence %d: %s", i, v.reason()).isEqualTo(Kind.LATE);
      state = v.next();
    }
    assertThat(state.missing()).isEmpty();
    assertThat(verify(state, chain[1]).kind()).isEqualTo(Kind.DUPLICATE);
  }

  @Test
  void anotherEnvelopeForTheLastSequenceIsAFork() {
    Env e1 = env(1, EnvelopeHash.ZERO);
    ChainState state = accept(ChainState.empty(), e1);
    Verdict v = verify(state, env(1, EnvelopeHash.ZERO));
    assertThat(v.kind()).isEqualTo(Kind.FORK);
    assertThat(v.reason()).contains("was accepted as");
    assertThat(v.next()).isEqualTo(state);
  }

  @Test
  void aSuccessorLinkingToAnotherPredecessorIsAFork() {
    Env e1 = env(1, EnvelopeHash.ZERO);
    ChainState state = accept(ChainState.empty(), e1);
    Verdict v = verify(state, env(2, EnvelopeHash.ofHex("22".repeat(32))));
    assertThat(v.kind()).isEqualTo(Kind.FORK);
    assertThat(v.reason()).contains("links to");
  }

  @Test
  void anAgentStartingANewChainIsAFork() {
    Env e1 = env(1, EnvelopeHash.ZERO);
    ChainState state = accept(ChainState.empty(), e1, after(e1));
    Verdict v = verify(state, env(3, EnvelopeHash.ZERO));
    assertThat(v.kind()).isEqualTo(Kind.FORK);
    assertThat(v.reason()).contains("new chain");
  }

  @Test
  void anOlderSequenceWithAnotherHashThanAcceptedIsAReplay() {
    Env e1 = env(1, EnvelopeHash.ZERO);
    Env e2 = after(e1);
    ChainState state = accept(ChainState.empty(), e1, e2, after(e2));
    Verdict v = verify(state, env(2, e1.hash()));
    assertThat(v.kind()).isEqualTo(Kind.REPLAY);
    assertThat(v.reason()).contains("not the accepted");
  }

  @Test
  void anEnvelopeOlderThanTheRememberedWindowIsAReplay() {
    Env first = env(0, EnvelopeHash.ZERO);
    ChainState state = accept(ChainState.empty(), first);
    Env e = first;
    for (int i = 0; i < ChainState.WINDOW + 5; i++) {
      e = after(e);
      state = accept(state, e);
    }
    assertThat(state.recent()).hasSize(ChainState.WINDOW);
    Verdict v = verify(state, first);
    assertThat(v.kind()).isEqualTo(Kind.REPLAY);
    assertThat(v.reason()).contains("neither remembered nor missing");
  }

  @Test
  void aCloudThatStoresOnlyTheLastLinkTreatsOlderEnvelopesAsReplays() {
    Env e1 = env(1, EnvelopeHash.ZERO);
    Env e2 = after(e1);
    ChainState stored = ChainState.of(2, e2.hash());
    assertThat(verify(stored, e2).kind()).isEqualTo(Kind.DUPLICATE);
    assertThat(verify(stored, e1).kind()).isEqualTo(Kind.REPLAY);
    assertThat(verify(stored, after(e2)).kind()).isEqualTo(Kind.OK);
  }

  @Test
  void aCloudMeetingAChainMidwayReportsAGapFromZero() {
    Verdict v = verify(ChainState.empty(), env(7, EnvelopeHash.ofHex("33".repeat(32))));
    assertThat(v.kind()).isEqualTo(Kind.GAP);
    assertThat(v.missing()).contains(new ChainState.Range(0, 6));
  }

  @Test
  void chainStateSurvivesEncoding() throws Exception {
    Env e1 = env(1, EnvelopeHash.ZERO);
    Env e2 = after(e1);
    ChainState state = accept(ChainState.empty(), e1, env(4, e2.hash()));
    assertThat(ChainState.decode(state.encode())).isEqualTo(state);
    assertThat(ChainState.decode(ChainState.empty().encode())).isEqualTo(ChainState.empty());
  }
}
