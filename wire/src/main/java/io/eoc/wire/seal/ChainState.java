package io.eoc.wire.seal;

import io.eoc.wire.MalformedMessageException;
import io.eoc.wire.internal.WireReader;
import io.eoc.wire.internal.WireWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the cloud remembers of one agent's chain, for {@link ChainVerifier}: the last accepted
 * (sequence, hash), a window of recently accepted links (to tell a redelivery of an older
 * envelope from a replay) and the ranges still missing after gaps (so a late envelope can fill
 * them). A cloud that stores only the last sequence and hash uses {@link #of}: it then classifies
 * every older envelope as a replay. {@link #encode}/{@link #decode} give one blob to store.
 */
public record ChainState(long lastSequence, EnvelopeHash lastHash, List<Link> recent, List<Range> missing) {
  /**
   * Recently accepted links kept. At least an agent's in-flight window (MqttUplink: 100 batches by
   * default): a cloud killed after Kafka took a window of batches but before it sent their PUBACKs
   * gets all of them again, the oldest up to window - 1 behind the last accepted; remembered, they
   * are redeliveries (DUPLICATE), not replays dead-lettered as evidence against an honest agent.
   */
  public static final int WINDOW = 128;
  /** Missing ranges kept; the oldest are forgotten first. */
  public static final int MAX_MISSING = 32;
  private static final byte[] MAGIC = "EOCC".getBytes(StandardCharsets.US_ASCII);

  /** One accepted envelope. */
  public record Link(long sequence, EnvelopeHash hash, EnvelopeHash previousHash) {
    public Link {
      Objects.requireNonNull(hash, "hash");
      Objects.requireNonNull(previousHash, "previousHash");
    }
  }

  /** Sequences {@code from..to}, both included. */
  public record Range(long from, long to) {
    public Range {
      if (from < 0 || to < from) {
        throw new IllegalArgumentException("range " + from + ".." + to + " is empty or negative");
      }
    }

    public boolean contains(long sequence) {
      return sequence >= from && sequence <= to;
    }

    @Override
    public String toString() {
      return from == to ? Long.toString(from) : from + ".." + to;
    }
  }

  public ChainState {
    if (lastSequence < -1) {
      throw new IllegalArgumentException("lastSequence must be >= -1, was " + lastSequence);
    }
    Objects.requireNonNull(lastHash, "lastHash");
    recent = List.copyOf(recent);
    missing = List.copyOf(missing);
    if (recent.size() > WINDOW || missing.size() > MAX_MISSING) {
      throw new IllegalArgumentException("at most " + WINDOW + " links and " + MAX_MISSING + " missing ranges");
    }
  }

  /** No envelope accepted yet. */
  public static ChainState empty() {
    return new ChainState(-1, EnvelopeHash.ZERO, List.of(), List.of());
  }

  /** From a stored last sequence and hash alone. */
  public static ChainState of(long lastSequence, EnvelopeHash lastHash) {
    return new ChainState(lastSequence, lastHash, List.of(), List.of());
  }

  public boolean isEmpty() {
    return lastSequence < 0;
  }

  /** The hash accepted at {@code sequence}, if remembered. */
  Optional<EnvelopeHash> hashAt(long sequence) {
    return sequence == lastSequence && !isEmpty() ? Optional.of(lastHash) : link(sequence).map(Link::hash);
  }

  Optional<Link> link(long sequence) {
    return recent.stream().filter(l -> l.sequence() == sequence).findFirst();
  }

  Optional<Range> missingRange(long sequence) {
    return missing.stream().filter(r -> r.contains(sequence)).findFirst();
  }

  /** The state after accepting {@code link}, which may open {@code gap} or fill a missing sequence. */
  ChainState accept(Link link, Optional<Range> gap) {
    List<Link> links = new ArrayList<>(recent);
    links.add(link);
    links.sort(Comparator.comparingLong(Link::sequence));
    while (links.size() > WINDOW) {
      links.remove(0);
    }
    List<Range> ranges = new ArrayList<>();
    for (Range r : missing) {
      if (!r.contains(link.sequence())) {
        ranges.add(r);
      } else {
        if (r.from() < link.sequence()) {
          ranges.add(new Range(r.from(), link.sequence() - 1));
        }
        if (link.sequence() < r.to()) {
          ranges.add(new Range(link.sequence() + 1, r.to()));
        }
      }
    }
    gap.ifPresent(ranges::add);
    ranges.sort(Comparator.comparingLong(Range::from));
    while (ranges.size() > MAX_MISSING) {
      ranges.remove(0);
    }
    boolean newest = link.sequence() > lastSequence;
    return new ChainState(newest ? link.sequence() : lastSequence, newest ? link.hash() : lastHash, links, ranges);
  }

  public byte[] encode() {
    WireWriter w = new WireWriter(64 + recent.size() * 70);
    w.bytes(MAGIC).u8(1).zigzag(lastSequence).bytes(lastHash.bytes()).varint(recent.size());
    recent.forEach(l -> w.varint(l.sequence()).bytes(l.hash().bytes()).bytes(l.previousHash().bytes()));
    w.varint(missing.size());
    missing.forEach(r -> w.varint(r.from()).varint(r.to()));
    return w.finishWithChecksum();
  }

  public static ChainState decode(byte[] bytes) throws MalformedMessageException {
    WireReader r = WireReader.checked(bytes, MAGIC.length + 1);
    r.expect(MAGIC, "an eoc chain state");
    if (r.u8("version") != 1) {
      throw new MalformedMessageException("unsupported chain state version", 4);
    }
    long last = r.zigzag("last sequence");
    EnvelopeHash hash = EnvelopeHash.of(r.bytes(EnvelopeHash.LENGTH, "last hash"));
    int links = r.count("link count", WINDOW, 65);
    List<Link> recent = new ArrayList<>(links);
    for (int i = 0; i < links; i++) {
      recent.add(new Link(r.varint("link sequence"), EnvelopeHash.of(r.bytes(EnvelopeHash.LENGTH, "link hash")),
          EnvelopeHash.of(r.bytes(EnvelopeHash.LENGTH, "link previous hash"))));
    }
    int ranges = r.count("missing range count", MAX_MISSING, 2);
    List<Range> missing = new ArrayList<>(ranges);
    try {
      for (int i = 0; i < ranges; i++) {
        missing.add(new Range(r.varint("missing from"), r.varint("missing to")));
      }
      r.expectEnd("chain state");
      return new ChainState(last, hash, recent, missing);
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("invalid chain state: " + e.getMessage(), r.position());
    }
  }
}
