package io.eoc.ingest.pipeline;

import io.eoc.ingest.enrol.Enrolment;
import io.eoc.wire.seal.AgentPublicKeys;
import io.eoc.wire.seal.BatchOpener;
import io.eoc.wire.seal.CloudKeys;
import io.eoc.wire.seal.Suite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link UplinkTopology} with exactly-once processing: an envelope's verdict, its chain
 * state and its outputs commit together. Several cloud instances share the work by partition.
 */
public final class Pipeline implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
  public static final String APPLICATION_ID = "eoc-pipeline";
  private final KafkaStreams streams;

  private Pipeline(KafkaStreams streams) {
    this.streams = streams;
  }

  public static Pipeline start(String bootstrap, Path stateDir, CloudKeys cloudKeys, Enrolment enrolment) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1); // the broker's default: 1 embedded, the cluster's otherwise
    p.put(StreamsConfig.consumerPrefix("max.poll.records"), 500);
    // Streams lingers 100 ms per produce by default; batches here are already large.
    p.put(StreamsConfig.producerPrefix("linger.ms"), 5);
    p.put("processing.exception.handler.global.enabled", true);
    // A crashed instance's partitions move to the others after 10 s instead of Kafka's default 45 s.
    p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10_000);
    p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 3_000);
    KafkaStreams streams = new KafkaStreams(UplinkTopology.build(new BatchOpener(cloudKeys), keyCache(enrolment)), p);
    streams.setUncaughtExceptionHandler(e -> {
      log.error("pipeline thread failed; replacing it (the records are processed again)", e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.start();
    return new Pipeline(streams);
  }

  /** Agents' keys from the enrolment table, cached once found (keys change only by re-enrolment). */
  private static AgentKeyLookup keyCache(Enrolment enrolment) {
    Map<String, AgentPublicKeys> cache = new ConcurrentHashMap<>();
    return agentId -> {
      AgentPublicKeys cached = cache.get(agentId);
      if (cached != null) {
        return Optional.of(cached);
      }
      Optional<Enrolment.AgentKeyRecord> row = enrolment.keys(agentId);
      if (row.isEmpty()) {
        return Optional.empty();
      }
      Enrolment.AgentKeyRecord r = row.get();
      Suite suite = Suite.fromLabel(r.suite()).orElseThrow(() -> new IllegalStateException("unknown suite " + r.suite()));
      AgentPublicKeys keys = AgentPublicKeys.fromDer(agentId, suite, r.signingKey(), r.agreementKey());
      cache.put(agentId, keys);
      return Optional.of(keys);
    };
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  @Override
  public void close() {
    // Leave the group on a clean stop, so the partitions move at once (Streams stays by default).
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(10)));
  }
}
