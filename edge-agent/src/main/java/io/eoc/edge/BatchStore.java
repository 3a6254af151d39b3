package io.eoc.edge;

import io.eoc.edge.identity.AgentIdentity;
import io.eoc.edge.outbox.Outbox;
import io.eoc.edge.outbox.OutboxFullException;
import io.eoc.wire.Batch;
import io.eoc.wire.DropCount;
import io.eoc.wire.Point;
import io.eoc.wire.seal.BatchSealer;
import io.eoc.wire.seal.SealedBatch;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns collected points into a numbered batch, seals it (encrypt, sign, link into the chain),
 * records the chain state, and stores the envelope durably in the outbox. Once {@link #store}
 * returns, the batch survives a crash; if the outbox refuses it, the refusal is counted and the
 * chain shows the gap to the cloud.
 */
final class BatchStore {
  private static final Logger log = LoggerFactory.getLogger(BatchStore.class);
  private final String agentId;
  private final BatchSealer sealer;
  private final AgentIdentity identity;
  private final Outbox outbox;
  private final Supplier<List<DropCount>> drops;
  private final Clock clock;
  private final Map<Long, Integer> pointsInFlight = new ConcurrentHashMap<>();
  final AtomicLong batches = new AtomicLong();
  final AtomicLong points = new AtomicLong();
  final AtomicLong sealedBytes = new AtomicLong();
  final AtomicLong droppedOldest = new AtomicLong();
  final AtomicLong refused = new AtomicLong();
  final AtomicLong refusedPoints = new AtomicLong();
  final AtomicLong failures = new AtomicLong();
  final AtomicLong ackedPoints = new AtomicLong();

  BatchStore(String agentId, BatchSealer sealer, AgentIdentity identity, Outbox outbox,
      Supplier<List<DropCount>> drops, Clock clock) {
    this.agentId = agentId;
    this.sealer = sealer;
    this.identity = identity;
    this.outbox = outbox;
    this.drops = drops;
    this.clock = clock;
  }

  synchronized void store(List<Point> collected) {
    long sequence = sealer.state().lastSequence() + 1;
    Batch batch = new Batch(agentId, sequence, clock.instant(), collected, drops.get());
    try {
      SealedBatch sealed = sealer.seal(batch);
      identity.saveSealerState(sealer.state());
      pointsInFlight.put(sequence, collected.size());
      List<Long> dropped = outbox.append(sequence, sealed.bytes());
      dropped.forEach(s -> pointsInFlight.remove(s));
      droppedOldest.addAndGet(dropped.size());
      batches.incrementAndGet();
      points.addAndGet(collected.size());
      sealedBytes.addAndGet(sealed.size());
      log.debug("durable batch {} ({} points, {} bytes)", sequence, collected.size(), sealed.size());
    } catch (OutboxFullException e) {
      pointsInFlight.remove(sequence);
      refused.incrementAndGet();
      refusedPoints.addAndGet(collected.size());
      log.warn("outbox full: batch {} with {} points refused ({})", sequence, collected.size(), e.getMessage());
    } catch (IOException | RuntimeException e) {
      pointsInFlight.remove(sequence);
      failures.incrementAndGet();
      log.error("could not store batch {} with {} points", sequence, collected.size(), e);
    }
  }

  /** The cloud acknowledged batch {@code sequence}. */
  void acknowledged(long sequence) {
    Integer n = pointsInFlight.remove(sequence);
    if (n != null) {
      ackedPoints.addAndGet(n);
    }
  }
}
