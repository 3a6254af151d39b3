package io.eoc.edge.control;

import io.eoc.wire.CommandCodec;
import io.eoc.wire.CommandResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable queue of command results: a result is on disk before it is sent, and sent again
 * after every reconnect (and on every {@link #retry}) until the cloud acknowledges it with a QoS 1
 * PUBACK; only then is it deleted. It survives agent restarts and cloud outages; the cloud stores
 * a result idempotently, so a result sent twice (a PUBACK lost with the connection) does no harm.
 *
 * <p>Separate from the telemetry outbox on purpose: the outbox is a sequence of sealed batches in
 * the agent's hash chain, with a byte budget and a full policy for telemetry; a result is a small
 * message per operator command, for another topic, acknowledged out of order. Bounded by a count:
 * when full, the oldest result is dropped, counted as {@link ResultDrop#OVERFLOW} and logged.
 *
 * <p>Thread safety: {@link #offer} may be called from any thread; sending and the handling of
 * answers run on {@code executor}; the state sits behind this object's monitor, which is never
 * held while publishing.
 */
public final class CommandResults {
  private static final Logger log = LoggerFactory.getLogger(CommandResults.class);
  public static final int DEFAULT_CAPACITY = 1000;
  /** PUBACK "Quota exceeded" (MQTT 5 §3.4.2.1): the cloud's rate limit; the result is to be sent again later. */
  static final int QUOTA_EXCEEDED = 0x97;

  private final ResultFiles files;
  private final int capacity;
  private final ResultLink link;
  private final Executor executor;
  private final TreeMap<Long, Pending> pending = new TreeMap<>();
  private final Map<ResultDrop, Long> dropped = new EnumMap<>(ResultDrop.class);
  private long nextSequence;
  /** Increases on every {@link #resend}: answers to earlier publications no longer keep a result in flight. */
  private long generation;
  private long offered;
  private long sent;
  private long resent;
  private long acked;
  private long throttled;
  private long notStored;

  /** One unacknowledged result. */
  private static final class Pending {
    final long sequence;
    final CommandResult result;
    final byte[] payload;
    final boolean durable;
    boolean published;
    /** The generation of the publication awaiting an answer; -1 when none. */
    long inFlight = -1;

    Pending(long sequence, CommandResult result, byte[] payload, boolean durable) {
      this.sequence = sequence;
      this.result = result;
      this.payload = payload;
      this.durable = durable;
    }
  }

  private CommandResults(ResultFiles files, int capacity, ResultLink link, Executor executor) {
    this.files = files;
    this.capacity = capacity;
    this.link = link;
    this.executor = executor;
  }

  /**
   * Opens the queue in {@code dir} (created if needed) with the results a previous run left
   * unacknowledged; they go out on the next {@link #resend} or {@link #retry}.
   *
   * @param executor runs the publications and the handling of the cloud's answers
   */
  public static CommandResults open(Path dir, int capacity, ResultLink link, Executor executor) throws IOException {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
    }
    CommandResults q = new CommandResults(new ResultFiles(dir), capacity, link, executor);
    q.recover();
    return q;
  }

  private synchronized void recover() throws IOException {
    ResultFiles.Loaded loaded = files.load();
    count(ResultDrop.UNREADABLE, loaded.unreadable());
    count(ResultDrop.INCOMPLETE, loaded.incomplete());
    offered += loaded.unreadable() + loaded.incomplete();
    for (ResultFiles.Stored s : loaded.results()) {
      pending.put(s.sequence(), new Pending(s.sequence(), s.result(), s.payload(), true));
      offered++;
      nextSequence = s.sequence() + 1;
    }
    while (pending.size() > capacity) {
      dropOldest();
    }
    if (!pending.isEmpty()) {
      log.info("{} command result(s) not yet acknowledged by the cloud: sent when connected", pending.size());
    }
  }

  /**
   * Stores {@code result} on disk, then sends it. Once this returns the result survives a crash of
   * the agent. Never throws: a result that cannot be written is kept in memory, counted in
   * {@link ResultStats#notStored()} and logged, and sent all the same.
   */
  public void offer(CommandResult result) {
    byte[] payload = CommandCodec.encode(result);
    long sequence;
    synchronized (this) {
      sequence = nextSequence++;
    }
    boolean durable = true;
    try {
      files.write(sequence, result.id(), payload);
    } catch (IOException | RuntimeException e) {
      durable = false;
      log.error("result {} of remote command {} could not be stored on disk: kept in memory only, lost if the agent"
          + " stops before the cloud acknowledges it", result.status(), result.id(), e);
    }
    synchronized (this) {
      offered++;
      if (!durable) {
        notStored++;
      }
      pending.put(sequence, new Pending(sequence, result, payload, durable));
      while (pending.size() > capacity) {
        dropOldest();
      }
    }
    submit(this::sendWaiting);
  }

  /** After (re)connecting: every unacknowledged result is sent again, whatever was in flight before. */
  public void resend() {
    synchronized (this) {
      generation++;
      pending.values().forEach(p -> p.inFlight = -1);
    }
    submit(this::sendWaiting);
  }

  /**
   * Sends what is waiting and not in flight: results refused for quota, or whose publication
   * failed while the connection stayed up. Call periodically.
   */
  public void retry() {
    submit(this::sendWaiting);
  }

  public synchronized ResultStats stats() {
    return new ResultStats(pending.size(), offered, sent, resent, acked, throttled, notStored, dropped);
  }

  private void submit(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      log.debug("command results: the agent is stopping, {} result(s) stay on disk", stats().pending());
    }
  }

  private void sendWaiting() {
    List<Pending> waiting = new ArrayList<>();
    long gen;
    synchronized (this) {
      gen = generation;
      for (Pending p : pending.values()) {
        if (p.inFlight < 0) {
          p.inFlight = gen;
          waiting.add(p);
        }
      }
    }
    for (Pending p : waiting) {
      CompletionStage<Integer> answer;
      try {
        answer = link.publish(p.payload);
      } catch (IOException | RuntimeException e) {
        synchronized (this) {
          if (p.inFlight == gen) {
            p.inFlight = -1;
          }
        }
        log.debug("result of remote command {} not sent now ({}): kept, sent when connected", p.result.id(), e.toString());
        continue;
      }
      synchronized (this) {
        sent++;
        if (p.published) {
          resent++;
        }
        p.published = true;
      }
      answer.whenComplete((code, failure) -> submit(() -> answered(p, gen, code, failure)));
    }
  }

  private void answered(Pending p, long gen, Integer code, Throwable failure) {
    if (failure != null || code == null) {
      synchronized (this) {
        if (p.inFlight == gen) {
          p.inFlight = -1; // sent again on the next resend or retry
        }
      }
      log.debug("result of remote command {} not acknowledged ({}): kept, sent again later", p.result.id(),
          failure == null ? "no reason code" : failure.toString());
    } else if (code == QUOTA_EXCEEDED) {
      synchronized (this) {
        throttled++;
        if (p.inFlight == gen) {
          p.inFlight = -1;
        }
      }
      log.warn("cloud rate limit: result of remote command {} refused with quota exceeded (0x97); kept, sent again later",
          p.result.id());
    } else if (code >= 0x80) {
      if (remove(p, () -> count(ResultDrop.REFUSED, 1))) {
        log.error("cloud refused the result {} of remote command {} with reason code 0x{}: dropped and counted",
            p.result.status(), p.result.id(), Integer.toHexString(code));
      }
    } else if (remove(p, () -> acked++)) {
      log.debug("result {} of remote command {} acknowledged by the cloud", p.result.status(), p.result.id());
    }
  }

  /**
   * Removes {@code p} if still pending (a second answer, or one after an overflow, finds it gone),
   * and counts it in the same step, so that {@link #stats()} never shows a result neither pending
   * nor counted.
   */
  private boolean remove(Pending p, Runnable countLocked) {
    synchronized (this) {
      if (pending.remove(p.sequence) == null) {
        return false;
      }
      countLocked.run();
    }
    deleteFile(p);
    return true;
  }

  private void deleteFile(Pending p) {
    if (!p.durable) {
      return;
    }
    try {
      files.delete(p.sequence, p.result.id());
    } catch (IOException e) {
      log.warn("could not delete the file of command result {}: it is sent once more after a restart ({})",
          p.result.id(), e.toString());
    }
  }

  /** Under the monitor. */
  private void dropOldest() {
    Iterator<Pending> oldest = pending.values().iterator();
    Pending p = oldest.next();
    oldest.remove();
    count(ResultDrop.OVERFLOW, 1);
    log.warn("{} command results wait for the cloud: the oldest, {} of remote command {} at {}, is dropped and counted",
        capacity, p.result.status(), p.result.id(), p.result.at());
    deleteFile(p);
  }

  private void count(ResultDrop reason, long n) {
    if (n > 0) {
      dropped.merge(reason, n, Long::sum);
    }
  }
}
