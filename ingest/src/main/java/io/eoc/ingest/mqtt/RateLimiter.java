package io.eoc.ingest.mqtt;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link AgentRateLimit} of every agent: one pair of token buckets per agent identity, kept
 * across connections so that reconnecting refills nothing. One bucket entry per agent ever seen,
 * like the traffic counters.
 *
 * <p>Shared by all connections; a bucket is used by one connection at a time except during a
 * takeover, so its lock is practically uncontended.
 */
final class RateLimiter {

  /** What to do with one PUBLISH. */
  enum Verdict {
    /** Within the limit: hand it over. */
    ADMIT,
    /** Over the limit: refuse it (PUBACK 0x97), the agent keeps it and sends it again later. */
    REFUSE,
    /** Over the limit for longer than {@link AgentRateLimit#disconnectAfter()}: refuse and disconnect. */
    DISCONNECT
  }

  /** A refusal streak ends after this long without a refusal: "continuously" means every second. */
  static final Duration QUIET_GAP = Duration.ofSeconds(1);

  /**
   * After a refusal, everything from the agent is refused for this long, so that the batches it had
   * already sent behind the refused one are refused too and it resends them all in order: admitting
   * a later batch while an earlier one waits would show as a gap and a late batch in the agent's
   * chain evidence. The agent pauses longer than this before resending (MqttUplink.THROTTLE_PAUSE, 1 s).
   */
  static final Duration HOLD_OFF = Duration.ofMillis(500);

  private final AgentRateLimit limit;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimiter(AgentRateLimit limit) {
    this.limit = limit;
  }

  /** Takes one message and {@code payloadBytes} from the agent's buckets, if both hold enough. */
  Verdict admit(String agentId, int payloadBytes, Instant now) {
    return buckets.computeIfAbsent(agentId, id -> new Bucket(limit, now)).admit(payloadBytes, now);
  }

  /** One agent's two buckets and its refusal streak. */
  private static final class Bucket {
    private final AgentRateLimit limit;
    private double messages;
    private double bytes;
    private Instant refilledAt;
    /** The first refusal of the current streak, or null when not refusing. */
    private Instant refusingSince;
    private Instant lastRefusal;
    /** Refuse everything until then (see {@link #HOLD_OFF}); null when not holding off. */
    private Instant holdUntil;

    Bucket(AgentRateLimit limit, Instant now) {
      this.limit = limit;
      this.messages = limit.burstMessages();
      this.bytes = limit.burstBytes();
      this.refilledAt = now;
    }

    synchronized Verdict admit(int payloadBytes, Instant now) {
      refill(now);
      boolean holding = holdUntil != null && now.isBefore(holdUntil);
      if (!holding && messages >= 1 && bytes >= payloadBytes) {
        holdUntil = null;
        messages -= 1;
        bytes -= payloadBytes;
        return Verdict.ADMIT;
      }
      if (refusingSince == null || Duration.between(lastRefusal, now).compareTo(QUIET_GAP) > 0) {
        refusingSince = now;
      }
      lastRefusal = now;
      if (!holding) {
        holdUntil = now.plus(HOLD_OFF);
      }
      if (Duration.between(refusingSince, now).compareTo(limit.disconnectAfter()) > 0) {
        refusingSince = null; // the next connection gets a fresh streak
        return Verdict.DISCONNECT;
      }
      return Verdict.REFUSE;
    }

    /** A clock that went backwards refills nothing; one that jumped ahead at most fills the bucket. */
    private void refill(Instant now) {
      long elapsedNanos = Duration.between(refilledAt, now).toNanos();
      if (elapsedNanos <= 0) {
        return;
      }
      double seconds = elapsedNanos / 1e9;
      messages = Math.min(limit.burstMessages(), messages + seconds * limit.messagesPerSecond());
      bytes = Math.min(limit.burstBytes(), bytes + seconds * limit.bytesPerSecond());
      refilledAt = now;
    }
  }
}
