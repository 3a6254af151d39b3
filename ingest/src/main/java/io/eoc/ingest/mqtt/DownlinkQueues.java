package io.eoc.ingest.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downlink messages with an expiry that wait for their agent: not connected, not yet subscribed
 * to their topic, or put back because the connection closed before the agent's PUBACK. At most
 * {@code capacity} per agent are accepted; messages put back may briefly exceed it. An expired
 * message is never sent (MQTT 5 §3.3.2.3.3): it is dropped, counted and its sender told.
 *
 * <p>Shared by all connections and the senders' threads; one lock, because downlink traffic is
 * commands, not telemetry. Futures are completed outside the lock.
 */
final class DownlinkQueues {

  private static final Logger log = LoggerFactory.getLogger(DownlinkQueues.class);

  /** One message from {@link #offer} until the agent's PUBACK (or its drop). */
  static final class Queued {
    final String agentId;
    final String topic;
    final byte[] payload;
    final Instant deadline;
    final CompletableFuture<Void> acked = new CompletableFuture<>();

    private Queued(String agentId, String topic, byte[] payload, Instant deadline) {
      this.agentId = agentId;
      this.topic = topic;
      this.payload = payload;
      this.deadline = deadline;
    }

    boolean isExpired(Instant now) {
      return !now.isBefore(deadline);
    }

    /** What is left of its lifetime at {@code now}. */
    Duration remaining(Instant now) {
      return Duration.between(now, deadline);
    }
  }

  /** A message leaving a queue undelivered, and why; failed once the lock is released. */
  private record Drop(Queued message, DownlinkDrop reason, String detail) {}

  private final int capacity;
  private final Clock clock;
  private final TransportCounters counters;
  private final Map<String, Deque<Queued>> byAgent = new HashMap<>();
  private boolean closed;

  DownlinkQueues(int capacity, Clock clock, TransportCounters counters) {
    this.capacity = capacity;
    this.clock = clock;
    this.counters = counters;
  }

  /**
   * Queues {@code payload} (owned from now on) for {@code agentId}, to expire {@code expiry} from
   * now. The returned future completes on the agent's PUBACK, or fails with
   * {@link DownlinkDroppedException} at once when the queue is full.
   */
  CompletableFuture<Void> offer(String agentId, String topic, byte[] payload, Duration expiry) {
    Instant now = clock.instant();
    Queued message = new Queued(agentId, topic, payload, now.plus(expiry));
    List<Drop> drops = new ArrayList<>();
    synchronized (this) {
      Deque<Queued> queue = byAgent.computeIfAbsent(agentId, id -> new ArrayDeque<>());
      expire(queue, now, drops);
      if (closed) {
        drops.add(new Drop(message, DownlinkDrop.TRANSPORT_CLOSED, "the transport is closed"));
      } else if (queue.size() >= capacity) {
        drops.add(new Drop(message, DownlinkDrop.QUEUE_FULL, capacity + " messages already wait for the agent"));
      } else {
        queue.addLast(message);
      }
      removeIfEmpty(agentId, queue);
    }
    fail(drops);
    return message.acked;
  }

  /**
   * Removes and returns, in order, the messages of {@code agentId} whose topic {@code subscribed}
   * accepts; expired ones are dropped on the way, the rest stay.
   */
  List<Queued> take(String agentId, Predicate<String> subscribed, Instant now) {
    List<Queued> taken = new ArrayList<>();
    List<Drop> drops = new ArrayList<>();
    synchronized (this) {
      Deque<Queued> queue = byAgent.get(agentId);
      if (queue == null) {
        return taken;
      }
      expire(queue, now, drops);
      for (Iterator<Queued> it = queue.iterator(); it.hasNext(); ) {
        Queued message = it.next();
        if (subscribed.test(message.topic)) {
          it.remove();
          taken.add(message);
        }
      }
      removeIfEmpty(agentId, queue);
    }
    fail(drops);
    return taken;
  }

  /** Puts messages sent but not acknowledged back at the front, in their order, to be sent again. */
  void putBack(String agentId, List<Queued> unacknowledged) {
    if (unacknowledged.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    List<Drop> drops = new ArrayList<>();
    synchronized (this) {
      Deque<Queued> queue = byAgent.computeIfAbsent(agentId, id -> new ArrayDeque<>());
      for (int i = unacknowledged.size() - 1; i >= 0; i--) {
        Queued message = unacknowledged.get(i);
        if (closed) {
          drops.add(new Drop(message, DownlinkDrop.TRANSPORT_CLOSED, "the transport is closed"));
        } else if (message.isExpired(now)) {
          drops.add(new Drop(message, DownlinkDrop.EXPIRED, "expired before the agent acknowledged it"));
        } else {
          queue.addFirst(message);
        }
      }
      removeIfEmpty(agentId, queue);
    }
    fail(drops);
  }

  /** Drops every expired message of every agent; the transport calls it every second. */
  void expireAll() {
    Instant now = clock.instant();
    List<Drop> drops = new ArrayList<>();
    synchronized (this) {
      byAgent.values().forEach(queue -> expire(queue, now, drops));
      byAgent.values().removeIf(Deque::isEmpty);
    }
    fail(drops);
  }

  /** Drops everything; later offers fail with {@link DownlinkDrop#TRANSPORT_CLOSED}. */
  void close() {
    List<Drop> drops = new ArrayList<>();
    synchronized (this) {
      closed = true;
      byAgent.values().forEach(queue -> queue.forEach(
          message -> drops.add(new Drop(message, DownlinkDrop.TRANSPORT_CLOSED, "the transport closed"))));
      byAgent.clear();
    }
    fail(drops);
  }

  synchronized int size(String agentId) {
    Deque<Queued> queue = byAgent.get(agentId);
    return queue == null ? 0 : queue.size();
  }

  private static void expire(Deque<Queued> queue, Instant now, List<Drop> drops) {
    for (Iterator<Queued> it = queue.iterator(); it.hasNext(); ) {
      Queued message = it.next();
      if (message.isExpired(now)) {
        it.remove();
        drops.add(new Drop(message, DownlinkDrop.EXPIRED, "expired while the agent was away"));
      }
    }
  }

  private void removeIfEmpty(String agentId, Deque<Queued> queue) {
    if (queue.isEmpty()) {
      byAgent.remove(agentId, queue);
    }
  }

  /** Never silent: each drop is counted, logged and reported to its sender. */
  private void fail(List<Drop> drops) {
    for (Drop drop : drops) {
      Queued message = drop.message();
      counters.downlinkDropped(drop.reason());
      log.info("downlink to agent {} on {} dropped ({}): {}", message.agentId, message.topic, drop.reason(),
          drop.detail());
      message.acked.completeExceptionally(new DownlinkDroppedException(message.agentId, drop.reason(), drop.detail()));
    }
  }
}
