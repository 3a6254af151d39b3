package io.eoc.ingest.pipeline;

import io.eoc.ingest.store.Incoming;
import io.eoc.ingest.store.TelemetryWriter;
import io.eoc.ingest.store.WriteResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves uplink messages from Kafka into the database. Offsets are committed only after the
 * database transaction committed; if the database fails, the same records are written again
 * until it succeeds (the batch table makes that idempotent), so nothing is lost or doubled.
 * Several cloud instances share the partitions through the consumer group, and so do the writers
 * of one instance: each is a consumer of the group with its own connection, so PostgreSQL works
 * on several transactions at once (one server process is one core) while each partition, and so
 * each agent, stays in order.
 */
public final class StoreConsumer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StoreConsumer.class);
  public static final String GROUP = "eoc-store";
  /** Two: on the 2-core reference machine one more gives nothing; one leaves PostgreSQL a core idle. */
  public static final int DEFAULT_WRITERS = 2;

  private final List<Writer> writers = new ArrayList<>();

  public StoreConsumer(String bootstrapServers, TelemetryWriter writer) {
    this(bootstrapServers, writer, DEFAULT_WRITERS);
  }

  public StoreConsumer(String bootstrapServers, TelemetryWriter writer, int writerCount) {
    if (writerCount < 1) {
      throw new IllegalArgumentException("store writers must be at least 1, was " + writerCount);
    }
    for (int i = 0; i < writerCount; i++) {
      writers.add(new Writer(bootstrapServers, writer, writerCount == 1 ? "eoc-store" : "eoc-store-" + (i + 1)));
    }
  }

  public void start() {
    writers.forEach(Writer::start);
  }

  /** The writers' counters added up; the latest commit and error of any of them. */
  public SinkStats stats() {
    SinkStats sum = Writer.EMPTY;
    for (Writer w : writers) {
      SinkStats s = w.stats;
      sum = new SinkStats(sum.batches() + s.batches(), sum.duplicates() + s.duplicates(), sum.points() + s.points(),
          sum.catalogues() + s.catalogues(), sum.rejected() + s.rejected(), sum.failures() + s.failures(),
          latest(sum.lastCommit(), s.lastCommit()), s.lastError().isPresent() ? s.lastError() : sum.lastError());
    }
    return sum;
  }

  private static Optional<Instant> latest(Optional<Instant> a, Optional<Instant> b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : Optional.of(a.get().isAfter(b.get()) ? a.get() : b.get());
  }

  @Override
  public void close() {
    writers.forEach(w -> w.running = false);
    writers.forEach(Writer::close);
  }

  /** One consumer of the group, its thread, and the transactions it writes. */
  private static final class Writer {
    static final SinkStats EMPTY = new SinkStats(0, 0, 0, 0, 0, 0, Optional.empty(), Optional.empty());
    private final KafkaConsumer<String, byte[]> consumer;
    private final TelemetryWriter writer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile SinkStats stats = EMPTY;

    Writer(String bootstrapServers, TelemetryWriter writer, String name) {
      Map<String, Object> config = new java.util.HashMap<>();
      config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      // One poll is one transaction: 100 agent batches (up to a few hundred thousand points)
      // amortise the commit, and bound the decoded points held in memory at once. Waiting for
      // bigger polls (fetch.min.bytes) was tried: 15 % less PostgreSQL CPU for twice the latency.
      config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
      config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      config.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
      // A crashed instance's partitions move to the others after 10 s, not Kafka's default 45 s.
      config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
      config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
      this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
      this.writer = writer;
      this.thread = new Thread(this::run, name);
    }

    void start() {
      consumer.subscribe(List.of(PipelineTopics.BATCHES, PipelineTopics.CHAIN_EVENTS, PipelineTopics.DEAD_LETTERS));
      thread.start();
    }

    private void run() {
      try {
        while (running) {
          ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
          if (!records.isEmpty()) {
            store(toIncoming(records));
            commit();
          }
        }
      } catch (WakeupException e) {
        // close() was called
      } catch (RuntimeException e) {
        log.error("store consumer {} stopped by an unexpected error; uncommitted records will be re-read on restart",
            thread.getName(), e);
        stats = withError(stats, e.toString());
      } finally {
        consumer.close(Duration.ofSeconds(5));
      }
    }

    private void commit() {
      try {
        consumer.commitSync();
      } catch (CommitFailedException | RebalanceInProgressException e) {
        // Partitions moved to another consumer: it re-reads these records, and the batch table
        // makes storing them again a no-op.
        log.info("offset commit skipped after a rebalance: {}", e.getMessage());
      }
    }

    /** Writes until it succeeds or the consumer is closed; a failure is retried with growing delay. */
    private void store(List<Incoming> batch) {
      long delayMs = 100;
      while (running) {
        try {
          WriteResult r = writer.write(batch);
          SinkStats s = stats;
          stats = new SinkStats(s.batches() + r.batches(), s.duplicates() + r.duplicates(), s.points() + r.points(),
              s.catalogues() + r.catalogues(), s.rejected() + r.rejected(), s.failures(), Optional.of(Instant.now()),
              s.lastError());
          return;
        } catch (SQLException | RuntimeException e) {
          log.warn("storing {} message(s) failed, retrying in {} ms: {}", batch.size(), delayMs, e.getMessage());
          stats = withError(stats, e.getMessage());
          sleep(delayMs);
          delayMs = Math.min(delayMs * 2, 10_000);
        }
      }
      throw new WakeupException();
    }

    void close() {
      running = false;
      consumer.wakeup();
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static SinkStats withError(SinkStats s, String error) {
    return new SinkStats(s.batches(), s.duplicates(), s.points(), s.catalogues(), s.rejected(), s.failures() + 1,
        s.lastCommit(), Optional.ofNullable(error));
  }

  private static List<Incoming> toIncoming(ConsumerRecords<String, byte[]> records) {
    List<Incoming> out = new ArrayList<>(records.count());
    for (ConsumerRecord<String, byte[]> r : records) {
      Header kind = r.headers().lastHeader(UplinkTopic.KIND_HEADER);
      Header received = r.headers().lastHeader(UplinkTopic.RECEIVED_HEADER);
      Instant at = received != null && received.value().length == 8
          ? Instant.EPOCH.plus(ByteBuffer.wrap(received.value()).getLong(), ChronoUnit.MICROS)
          : Instant.ofEpochMilli(r.timestamp());
      java.util.Map<String, byte[]> headers = new java.util.HashMap<>();
      r.headers().forEach(h -> headers.put(h.key(), h.value()));
      out.add(new Incoming(r.key() == null ? "unknown" : r.key(), kindOf(r.topic(), kind),
          r.value() == null ? new byte[0] : r.value(), at, r.partition(), r.offset(), headers));
    }
    return out;
  }

  private static String kindOf(String topic, Header kind) {
    return switch (topic) {
      case PipelineTopics.CHAIN_EVENTS -> "chain-event";
      case PipelineTopics.DEAD_LETTERS -> "dead-letter";
      default -> kind == null ? "unknown" : new String(kind.value(), StandardCharsets.UTF_8);
    };
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
