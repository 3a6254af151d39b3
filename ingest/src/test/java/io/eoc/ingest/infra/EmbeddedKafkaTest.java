package io.eoc.ingest.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

  private static final Duration AWAIT = Duration.ofSeconds(20);
  private static final String TOPIC = "readings";

  @TempDir Path dataDir;

  @Test
  void recordsProducedBeforeACloseAreConsumedFromTheBeginningAfterARestart() throws Exception {
    KafkaPorts firstPorts;
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
      firstPorts = kafka.ports();
      kafka.createTopicIfAbsent(TOPIC, 2);
      produce(kafka, List.of("r1", "r2", "r3"));
      assertThat(consumeFromBeginning(kafka, "before-restart", 3))
          .containsExactlyInAnyOrder("r1", "r2", "r3");
    }
    // New ports for both listeners: the controller's address is not part of the stored state.
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, () -> freePortsOtherThan(firstPorts))) {
      kafka.createTopicIfAbsent(TOPIC, 2);
      assertThat(consumeFromBeginning(kafka, "after-restart", 3))
          .containsExactlyInAnyOrder("r1", "r2", "r3");
      assertThat(committedOffsets(kafka, "before-restart"))
          .as("offsets committed before the restart, kept in __consumer_offsets")
          .isEqualTo(3);
    }
  }

  @Test
  void aSecondInstanceOnTheSameDirectoryIsRefusedNamingTheDirectory() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
      assertThatThrownBy(() -> EmbeddedKafka.start(dataDir))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(dataDir.toRealPath().toString())
          .hasMessageContaining("in use");
      kafka.createTopicIfAbsent(TOPIC, 1);
    }
  }

  @Test
  void twoInstancesOnDifferentDirectoriesRunSideBySide(@TempDir Path otherDir) throws Exception {
    try (EmbeddedKafka first = EmbeddedKafka.start(dataDir);
        EmbeddedKafka second = EmbeddedKafka.start(otherDir)) {
      first.createTopicIfAbsent(TOPIC, 1);
      second.createTopicIfAbsent(TOPIC, 1);
      produce(first, List.of("first"));
      produce(second, List.of("second"));

      assertThat(consumeFromBeginning(first, "g", 1)).containsExactly("first");
      assertThat(consumeFromBeginning(second, "g", 1)).containsExactly("second");
    }
  }

  @Test
  void aPortTakenBetweenPickingAndBindingIsRetriedOnOtherPorts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      KafkaPorts free = KafkaPorts.pickFree();
      List<KafkaPorts> attempts = new ArrayList<>(List.of(
          new KafkaPorts(taken.getLocalPort(), free.controller()), KafkaPorts.pickFree()));

      try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, () -> attempts.remove(0))) {
        kafka.createTopicIfAbsent(TOPIC, 1);

        assertThat(attempts).isEmpty();
        assertThat(kafka.bootstrapServers()).doesNotEndWith(":" + taken.getLocalPort());
      }
    }
  }

  private static KafkaPorts freePortsOtherThan(KafkaPorts used) {
    for (int attempt = 0; attempt < 100; attempt++) {
      KafkaPorts ports = KafkaPorts.pickFree();
      if (Collections.disjoint(List.of(ports.broker(), ports.controller()),
          List.of(used.broker(), used.controller()))) {
        return ports;
      }
    }
    throw new IllegalStateException("the OS keeps handing out ports of " + used);
  }

  /**
   * A producer that dies inside a transaction holds every read_committed reader back until the
   * broker aborts the transaction; the embedded broker looks for timed-out ones every second.
   */
  @Test
  void aTransactionLeftOpenByADeadProducerIsAbortedAndReadersGoOn() throws Exception {
    assertThat(KafkaServerProperties.of(dataDir, KafkaPorts.pickFree()).getProperty(
        "transaction.abort.timed.out.transaction.cleanup.interval.ms")).isEqualTo("1000");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
      kafka.createTopicIfAbsent(TOPIC, 1);
      Map<String, Object> config = Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
          ProducerConfig.TRANSACTIONAL_ID_CONFIG, "dies",
          ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 1000);
      KafkaProducer<String, String> dying = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
      dying.initTransactions();
      dying.beginTransaction();
      dying.send(new ProducerRecord<>(TOPIC, "open", "open")).get(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
      dying.close(Duration.ZERO); // forced: no abort is sent, as when the process is killed
      produce(kafka, List.of("after"));

      Map<String, Object> readCommitted = Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
          ConsumerConfig.GROUP_ID_CONFIG, "committed-reader",
          ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
          ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      List<String> values = new ArrayList<>();
      try (KafkaConsumer<String, String> consumer =
          new KafkaConsumer<>(readCommitted, new StringDeserializer(), new StringDeserializer())) {
        consumer.subscribe(List.of(TOPIC));
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!values.contains("after") && System.nanoTime() < deadline) {
          consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
        }
      }
      assertThat(values).as("the record after the open transaction, and nothing of it").containsExactly("after");
    }
  }

  /**
   * The process died inside a transaction whose timeout is long (here a minute): after a restart the
   * broker aborts it at once, so a read_committed reader gets what was committed after it without
   * waiting for the timeout, and nothing of the dead transaction.
   */
  @Test
  void aTransactionLeftOpenBeforeARestartIsAbortedWhenKafkaStartsAgain() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
      kafka.createTopicIfAbsent(TOPIC, 1);
      KafkaProducer<String, String> dying = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
          ProducerConfig.TRANSACTIONAL_ID_CONFIG, "dies-before-restart",
          ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000), new StringSerializer(), new StringSerializer());
      dying.initTransactions();
      dying.beginTransaction();
      dying.send(new ProducerRecord<>(TOPIC, "open", "open")).get(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
      dying.close(Duration.ZERO);
      produce(kafka, List.of("after"));
    }
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
      assertThat(kafka.abortLeftoverTransactions()).as("aborted already while starting").isZero();
      List<String> values = new ArrayList<>();
      long started = System.nanoTime();
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
          ConsumerConfig.GROUP_ID_CONFIG, "after-restart",
          ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
          ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
        consumer.subscribe(List.of(TOPIC));
        while (!values.contains("after") && System.nanoTime() - started < AWAIT.toNanos()) {
          consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
        }
      }
      // The transaction's own timeout (60 s) is longer than AWAIT: only the abort at start releases the reader.
      assertThat(values).containsExactly("after");
    }
  }

  @Test
  void whatIsAbortedAtStartDependsOnTheCoordinatorsDecisionAboutThatVeryTransaction() {
    for (org.apache.kafka.clients.admin.TransactionState s : List.of(org.apache.kafka.clients.admin.TransactionState.ONGOING,
        org.apache.kafka.clients.admin.TransactionState.PREPARE_ABORT, org.apache.kafka.clients.admin.TransactionState.COMPLETE_ABORT)) {
      assertThat(EmbeddedKafka.shouldAbort(s, true, false)).as("%s", s).isTrue();
      assertThat(EmbeddedKafka.shouldAbort(s, false, true)).as("%s of another transaction", s).isFalse();
    }
    for (org.apache.kafka.clients.admin.TransactionState s : List.of(org.apache.kafka.clients.admin.TransactionState.PREPARE_COMMIT,
        org.apache.kafka.clients.admin.TransactionState.COMPLETE_COMMIT)) {
      assertThat(EmbeddedKafka.shouldAbort(s, true, true)).as("%s, nothing of it committed", s).isTrue();
      assertThat(EmbeddedKafka.shouldAbort(s, true, false)).as("%s, its offsets committed or none", s).isFalse();
    }
    assertThat(EmbeddedKafka.shouldAbort(null, true, true)).as("unknown to the coordinator").isFalse();
    assertThat(EmbeddedKafka.shouldAbort(org.apache.kafka.clients.admin.TransactionState.EMPTY, true, true)).isFalse();
  }

  private static void produce(EmbeddedKafka kafka, List<String> values) throws Exception {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      for (String value : values) {
        producer.send(new ProducerRecord<>(TOPIC, value, value))
            .get(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  /** Joins a new group that starts at the earliest offset, reads {@code expected} records. */
  private static List<String> consumeFromBeginning(EmbeddedKafka kafka, String group,
      int expected) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, group,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.nanoTime() + AWAIT.toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
      }
      consumer.commitSync(AWAIT);
    }
    return values;
  }

  private static long committedOffsets(EmbeddedKafka kafka, String group) throws Exception {
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
          .get(AWAIT.toMillis(), TimeUnit.MILLISECONDS)
          .values().stream().mapToLong(OffsetAndMetadata::offset).sum();
    }
  }
}
