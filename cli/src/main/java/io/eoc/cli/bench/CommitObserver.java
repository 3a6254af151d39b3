package io.eoc.cli.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out when each published batch became visible in PostgreSQL, without touching the ingest
 * code: it polls {@code batches} (one row per stored batch, committed in the same transaction as
 * the batch's points) every {@code period}.
 *
 * <p>Bounds on the commit time of a batch first seen by the poll that started at {@code before_n}
 * and returned at {@code after_n}: a READ COMMITTED statement sees what committed before its
 * snapshot, taken after {@code before_n} and before {@code after_n}; the previous poll, whose
 * snapshot was taken after {@code before_n-1}, did not see it; and the row's {@code stored_at}
 * is {@code now()}, the start of the writing transaction. So
 * {@code max(before_n-1, stored_at) < commit < after_n}. Latencies use the upper bound
 * (conservative); the lower bound and the width of the interval are reported beside them.
 */
final class CommitObserver implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CommitObserver.class);

  private final DataSource dataSource;
  private final List<String> agents;
  private final long periodNanos;
  private final Map<String, SentBatch> sent = new ConcurrentHashMap<>();
  private final Map<String, Long> nextUnseen = new HashMap<>();
  private final Map<String, TreeSet<Long>> seenAhead = new HashMap<>();
  private final LatencyHistogram pointUpper = new LatencyHistogram(600_000);
  private final LatencyHistogram pointLower = new LatencyHistogram(600_000);
  private final LatencyHistogram sealToCommit = new LatencyHistogram(600_000);
  private final LatencyHistogram uncertainty = new LatencyHistogram(600_000);
  private final LatencyHistogram pollTime = new LatencyHistogram(600_000);
  private final LatencyHistogram fill = new LatencyHistogram(600_000);
  private final LatencyHistogram sealToReceived = new LatencyHistogram(600_000);
  private final LatencyHistogram receivedToWrite = new LatencyHistogram(600_000);
  private final LatencyHistogram writeToCommit = new LatencyHistogram(600_000);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long unknownRows;

  CommitObserver(DataSource dataSource, List<String> agents, Duration period) {
    this.dataSource = dataSource;
    this.agents = List.copyOf(agents);
    this.periodNanos = period.toNanos();
    agents.forEach(a -> {
      nextUnseen.put(a, 0L);
      seenAhead.put(a, new TreeSet<>());
    });
    this.thread = new Thread(this::run, "bench-commit-observer");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Called by the generator before the batch is published, so its commit cannot be missed. */
  void expect(SentBatch batch) {
    sent.put(key(batch.agentId(), batch.sequence()), batch);
  }

  /** Published batches not yet seen in the database. */
  int outstanding() {
    return sent.size();
  }

  private void run() {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(query())) {
      c.setAutoCommit(true);
      long previousBefore = SyntheticAgent.nowMicros();
      while (running) {
        long started = System.nanoTime();
        long before = SyntheticAgent.nowMicros();
        int i = 1;
        for (String a : agents) {
          ps.setString(i++, a);
          ps.setLong(i++, nextUnseen.get(a));
        }
        try (ResultSet rs = ps.executeQuery()) {
          long after = SyntheticAgent.nowMicros();
          while (rs.next()) {
            long storedAt = micros(rs.getTimestamp(3));
            seen(rs.getString(1), rs.getLong(2), Math.max(previousBefore, storedAt), after, storedAt,
                micros(rs.getTimestamp(4)));
          }
          pollTime.record((after - before) / 1000.0, 1);
        }
        previousBefore = before;
        LockSupport.parkNanos(periodNanos - (System.nanoTime() - started));
      }
    } catch (SQLException | RuntimeException e) {
      log.error("commit observer stopped; latencies after this point are missing", e);
    }
  }

  private void seen(String agent, long seq, long lower, long upper, long storedAt, long receivedAt) {
    if (seq < nextUnseen.get(agent) || !seenAhead.get(agent).add(seq)) {
      return;
    }
    TreeSet<Long> ahead = seenAhead.get(agent);
    long next = nextUnseen.get(agent);
    while (ahead.remove(next)) {
      next++;
    }
    nextUnseen.put(agent, next);
    SentBatch b = sent.remove(key(agent, seq));
    if (b == null) {
      unknownRows++;
      return;
    }
    if (!b.measured()) {
      return;
    }
    for (int i = 0; i < b.pollMicros().length; i++) {
      pointUpper.record((upper - b.pollMicros()[i]) / 1000.0, b.pollCounts()[i]);
      pointLower.record((lower - b.pollMicros()[i]) / 1000.0, b.pollCounts()[i]);
    }
    sealToCommit.record((upper - b.sealedMicros()) / 1000.0, 1);
    for (int i = 0; i < b.pollMicros().length; i++) {
      fill.record((b.sealedMicros() - b.pollMicros()[i]) / 1000.0, b.pollCounts()[i]);
    }
    sealToReceived.record((receivedAt - b.sealedMicros()) / 1000.0, 1);
    receivedToWrite.record((storedAt - receivedAt) / 1000.0, 1);
    writeToCommit.record((upper - storedAt) / 1000.0, 1);
    uncertainty.record((upper - lower) / 1000.0, 1);
  }

  private String query() {
    StringBuilder sql = new StringBuilder("SELECT agent_id, seq, stored_at, received_at FROM batches WHERE ");
    for (int i = 0; i < agents.size(); i++) {
      sql.append(i == 0 ? "" : " OR ").append("(agent_id = ? AND seq >= ?)");
    }
    return sql.toString();
  }

  private static long micros(java.sql.Timestamp t) {
    return t.getTime() / 1000 * 1_000_000 + t.getNanos() / 1000;
  }

  private static String key(String agent, long seq) {
    return agent + '#' + seq;
  }

  /** The JSON part: latencies (upper bound), lower bounds, and how wide the commit-time interval was. */
  Map<String, Object> summary() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pointToCommitMs", pointUpper.summary());
    m.put("pointToCommitLowerBoundMs", pointLower.summary());
    m.put("sealToCommitMs", sealToCommit.summary());
    m.put("commitTimeUncertaintyMs", uncertainty.summary());
    Map<String, Object> stages = new LinkedHashMap<>();
    stages.put("pollToSealMs", fill.summary());
    stages.put("sealToReceivedByTransportMs", sealToReceived.summary());
    stages.put("receivedToWriteStartMs", receivedToWrite.summary());
    stages.put("writeStartToCommitMs", writeToCommit.summary());
    m.put("stages", stages);
    m.put("observerQueryMs", pollTime.summary());
    m.put("observerPeriodMs", periodNanos / 1_000_000.0);
    m.put("unmatchedRows", unknownRows);
    return m;
  }

  LatencyHistogram pointLatency() {
    return pointUpper;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5_000);
  }
}
