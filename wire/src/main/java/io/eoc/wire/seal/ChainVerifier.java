package io.eoc.wire.seal;

import java.util.Optional;

/**
 * Classifies an envelope against the chain state of its agent; pure logic, the caller persists
 * {@link Verdict#next()}. Call it only with envelopes whose signature has verified
 * ({@link BatchOpener}): a hash chain proves order only among authentic envelopes. With s the
 * envelope's sequence, p its previous hash, h its own hash and L the last accepted sequence:
 * <ol>
 *   <li>nothing accepted yet: p = 0 → OK (the chain's first); otherwise GAP, 0..s-1 missing (the
 *       cloud joins a chain midway, e.g. after losing its state);
 *   <li>s > L and p = 0 → FORK: the agent started a new chain (lost or reset its sealer state);
 *   <li>s = L+1 → OK if p is the hash accepted at L, else FORK (predecessor mismatch);
 *   <li>s > L+1 → GAP, L+1..s-1 missing (p cannot be checked: its envelope never came);
 *   <li>s = L → DUPLICATE if h is the accepted hash, else FORK (two envelopes for one sequence);
 *   <li>s &lt; L and s remembered → DUPLICATE if h matches, else REPLAY (not what was accepted there);
 *   <li>s &lt; L and s missing → LATE if p and the successor's link agree with what was accepted,
 *       else FORK;
 *   <li>s &lt; L, not remembered, but newer than the oldest remembered link → s was never accepted
 *       and its missing range was forgotten (more than {@link ChainState#MAX_MISSING} gaps open at
 *       once): LATE, as above, if a remembered neighbour links to it, else FORK — never a replay,
 *       which would drop an envelope the cloud has acknowledged;
 *   <li>s &lt; L otherwise → REPLAY: older than what is remembered; a signature-valid old envelope.
 * </ol>
 */
public final class ChainVerifier {
  private ChainVerifier() {}

  public static Verdict verify(ChainState state, Opened opened) {
    return verify(state, opened.header(), opened.hash());
  }

  public static Verdict verify(ChainState state, EnvelopeHeader header, EnvelopeHash hash) {
    long s = header.sequence();
    EnvelopeHash p = header.previousHash();
    ChainState.Link link = new ChainState.Link(s, hash, p);
    if (state.isEmpty()) {
      return p.isZero() ? ok(state, link, "first envelope of the chain")
          : gap(state, link, new ChainState.Range(0, Math.max(0, s - 1)),
              "first envelope seen links to a predecessor: the chain is joined midway");
    }
    long last = state.lastSequence();
    if (s > last && p.isZero()) {
      return reject(Verdict.Kind.FORK, state, "sequence " + s + " starts a new chain after " + last
          + ": the agent lost or reset its sealer state");
    }
    if (s == last + 1) {
      return p.equals(state.lastHash()) ? ok(state, link, "next in chain")
          : reject(Verdict.Kind.FORK, state, "sequence " + s + " links to " + p + " but " + last
              + " was accepted as " + state.lastHash());
    }
    if (s > last + 1) {
      return gap(state, link, new ChainState.Range(last + 1, s - 1), "sequence jumps from " + last + " to " + s);
    }
    return older(state, link);
  }

  private static Verdict older(ChainState state, ChainState.Link link) {
    long s = link.sequence();
    Optional<EnvelopeHash> accepted = state.hashAt(s);
    if (accepted.isPresent()) {
      if (accepted.get().equals(link.hash())) {
        return reject(Verdict.Kind.DUPLICATE, state, "sequence " + s + " redelivered");
      }
      return s == state.lastSequence()
          ? reject(Verdict.Kind.FORK, state, "sequence " + s + " was accepted as " + accepted.get()
              + ", this envelope is " + link.hash())
          : reject(Verdict.Kind.REPLAY, state, "older sequence " + s + " (last " + state.lastSequence()
              + ") with hash " + link.hash() + ", not the accepted " + accepted.get()
              + ": replayed from another branch, or the agent equivocated");
    }
    if (state.missingRange(s).isPresent()) {
      return late(state, link);
    }
    if (withinRemembered(state, s) && (state.link(s - 1).isPresent() || state.link(s + 1).isPresent())) {
      return late(state, link);
    }
    return reject(Verdict.Kind.REPLAY, state, "sequence " + s + " is older than the last accepted "
        + state.lastSequence() + ", neither remembered nor missing: an old envelope sent again");
  }

  /** Newer than the oldest remembered link: had s been accepted, it would be remembered. */
  private static boolean withinRemembered(ChainState state, long s) {
    return state.recent().stream().mapToLong(ChainState.Link::sequence).min().stream().anyMatch(oldest -> s > oldest);
  }

  private static Verdict late(ChainState state, ChainState.Link link) {
    long s = link.sequence();
    Optional<EnvelopeHash> before = state.hashAt(s - 1);
    if (before.isPresent() && !before.get().equals(link.previousHash())) {
      return reject(Verdict.Kind.FORK, state, "late sequence " + s + " links to " + link.previousHash()
          + " but " + (s - 1) + " was accepted as " + before.get());
    }
    Optional<ChainState.Link> after = state.link(s + 1);
    if (after.isPresent() && !after.get().previousHash().equals(link.hash())) {
      return reject(Verdict.Kind.FORK, state, "late sequence " + s + " is " + link.hash() + " but "
          + (s + 1) + " links to " + after.get().previousHash());
    }
    return new Verdict(Verdict.Kind.LATE, "sequence " + s + " arrived late, filling a gap",
        state.accept(link, Optional.empty()), Optional.empty());
  }

  private static Verdict ok(ChainState state, ChainState.Link link, String reason) {
    return new Verdict(Verdict.Kind.OK, reason, state.accept(link, Optional.empty()), Optional.empty());
  }

  private static Verdict gap(ChainState state, ChainState.Link link, ChainState.Range missing, String reason) {
    Optional<ChainState.Range> range = link.sequence() == 0 ? Optional.empty() : Optional.of(missing);
    return new Verdict(Verdict.Kind.GAP, reason + range.map(r -> ": missing " + r).orElse(""),
        state.accept(link, range), range);
  }

  private static Verdict reject(Verdict.Kind kind, ChainState state, String reason) {
    return new Verdict(kind, reason, state, Optional.empty());
  }
}
