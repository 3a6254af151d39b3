package io.eoc.ingest.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka (KRaft, combined broker and controller) running in this JVM, for the cloud
 * service and its tests.
 *
 * <p>Everything lives under the data directory given to {@link #start}: the KRaft log directory
 * ({@code kraft/}, formatted on first use) and a lock file. Records, topics and committed
 * offsets survive {@link #close()} and a new {@code start} on the same directory. Both listeners
 * bind 127.0.0.1 on ports picked afresh at every start; see {@link KafkaServerProperties} for why
 * a changed controller port is accepted.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
  private static final int BIND_ATTEMPTS = 3;

  private final DirectoryLock lock;
  private final KafkaRaftServer server;
  private final KafkaPorts ports;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafka(DirectoryLock lock, KafkaRaftServer server, KafkaPorts ports) {
    this.lock = lock;
    this.server = server;
    this.ports = ports;
  }

  /**
   * Starts Kafka on {@code dataDir}, creating and formatting it on first use, and returns once
   * the broker answers an admin request.
   *
   * @throws IllegalStateException if another running instance uses {@code dataDir}
   * @throws IOException if the storage cannot be prepared or the broker does not come up within
   *     60 s; nothing is left running in that case
   */
  public static EmbeddedKafka start(Path dataDir) throws IOException {
    return start(dataDir, KafkaPorts::pickFree);
  }

  /** As {@link #start(Path)}, with the ports of each attempt chosen by {@code ports}. */
  static EmbeddedKafka start(Path dataDir, Supplier<KafkaPorts> ports) throws IOException {
    DirectoryLock lock = DirectoryLock.acquire(dataDir, "Kafka");
    try {
      Path logDir = lock.directory().resolve("kraft");
      KafkaStorage.formatIfNeeded(logDir);
      Started started = startOnFreePorts(logDir, ports);
      EmbeddedKafka kafka = new EmbeddedKafka(lock, started.server(), started.ports());
      kafka.awaitReady();
      kafka.abortLeftoverTransactions();
      LOG.info("Kafka ready on {} with data in {}", kafka.bootstrapServers(), logDir);
      return kafka;
    } catch (IOException | RuntimeException e) {
      closeQuietly(lock);
      throw e;
    }
  }

  private record Started(KafkaRaftServer server, KafkaPorts ports) {}

  /**
   * A port found free can be taken by another process before Kafka binds it (tests running in
   * parallel do this); such a start is retried on new ports.
   */
  private static Started startOnFreePorts(Path logDir, Supplier<KafkaPorts> ports)
      throws IOException {
    for (int attempt = 1; ; attempt++) {
      KafkaPorts candidate = ports.get();
      try {
        return new Started(startServer(logDir, candidate), candidate);
      } catch (IOException e) {
        if (attempt == BIND_ATTEMPTS || !causedByBindFailure(e)) {
          throw e;
        }
        LOG.warn("Kafka could not bind {} (attempt {} of {}); retrying on other ports",
            candidate, attempt, BIND_ATTEMPTS);
      }
    }
  }

  private static boolean causedByBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  private static KafkaRaftServer startServer(Path logDir, KafkaPorts ports) throws IOException {
    KafkaConfig config = KafkaConfig.fromProps(KafkaServerProperties.of(logDir, ports), false);
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      server.startup();
      return server;
    } catch (RuntimeException e) {
      // A broker that fails to start shuts itself down, but the controller started before it
      // (and the raft layer they share) keeps running.
      stop(server);
      throw new IOException("Kafka failed to start in " + logDir + " on " + ports, e);
    }
  }

  private void awaitReady() throws IOException {
    try (Admin admin = admin(READY_TIMEOUT)) {
      // The admin client retries until the broker answers or its API timeout expires.
      int nodes = admin.describeCluster().nodes()
          .get(READY_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS).size();
      LOG.debug("Kafka at {} reports {} node(s)", bootstrapServers(), nodes);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      close();
      throw new IOException("Kafka broker at " + bootstrapServers()
          + " did not accept connections within " + READY_TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for Kafka at " + bootstrapServers(), e);
    }
  }

  /**
   * This broker serves one cloud process (the directory lock says so), and that process has not
   * started a client yet: every transaction still open on a partition was left by a process that
   * died (SIGKILL, power loss). Its readers (the store, the pipeline's restore and offset fetch, all
   * read_committed) wait at it until the coordinator completes it: 10 s or more for one it will
   * abort on timeout, and forever for one it lost track of (a "hanging" transaction, e.g. a marker
   * never written before the crash).
   *
   * <p>Each open transaction whose coordinator has decided to abort it (seen after kills in tests:
   * "CompleteAbort" at the coordinator while the partitions still held the transaction open), or
   * has decided nothing (ongoing: it would abort it on timeout), is aborted now with an abort marker (KIP-664, as
   * {@code kafka-transactions.sh abort} does). One the coordinator decided to commit is left to it:
   * it writes the commit markers itself, and aborting some of its partitions would tear the
   * transaction (outputs lost while the offsets past them stay committed). One the coordinator does
   * not know is left too, with a warning, since nothing says it was not committed.
   *
   * @return how many partitions' transactions were aborted
   */
  int abortLeftoverTransactions() throws IOException {
    try (Admin admin = admin(ADMIN_TIMEOUT)) {
      long deadline = ADMIN_TIMEOUT.toMillis();
      Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(deadline, TimeUnit.MILLISECONDS);
      List<TopicPartition> partitions = new ArrayList<>();
      admin.describeTopics(topics).allTopicNames().get(deadline, TimeUnit.MILLISECONDS).values().forEach(t ->
          t.partitions().forEach(p -> partitions.add(new TopicPartition(t.name(), p.partition()))));
      Map<TopicPartition, List<ProducerState>> open = new java.util.LinkedHashMap<>();
      if (!partitions.isEmpty()) {
        admin.describeProducers(partitions).all().get(deadline, TimeUnit.MILLISECONDS).forEach((tp, state) -> {
          List<ProducerState> inTransaction = state.activeProducers().stream()
              .filter(p -> p.currentTransactionStartOffset().isPresent()).toList();
          if (!inTransaction.isEmpty()) {
            open.put(tp, inTransaction);
          }
        });
      }
      if (open.isEmpty()) {
        return 0;
      }
      Map<Long, Decided> decided = coordinatorStates(admin, open.values().stream().flatMap(List::stream)
          .map(ProducerState::producerId).collect(java.util.stream.Collectors.toSet()), deadline);
      // Producers whose open transaction still holds a consumer offset commit: its input was not
      // marked as consumed, so undoing all of it makes the input be processed again.
      Set<Long> offsetsOpen = open.entrySet().stream().filter(e -> e.getKey().topic().equals(OFFSETS_TOPIC))
          .flatMap(e -> e.getValue().stream()).map(ProducerState::producerId).collect(java.util.stream.Collectors.toSet());
      int aborted = 0;
      for (Map.Entry<TopicPartition, List<ProducerState>> e : open.entrySet()) {
        for (ProducerState p : e.getValue()) {
          Decided d = decided.get(p.producerId());
          TransactionState state = d == null ? null : d.state();
          String what = "a transaction left open on " + e.getKey() + " by producer " + p.producerId() + " (epoch "
              + p.producerEpoch() + ") since offset " + p.currentTransactionStartOffset().getAsLong()
              + ", by a process that did not stop cleanly; its coordinator has it as "
              + (d == null ? "unknown" : state + " at epoch " + d.epoch());
          // The coordinator's decision is about this transaction only if it is the producer's latest:
          // the same epoch, or the next (an abort, and every transaction end with transactions v2,
          // bumps the epoch).
          boolean latest = d != null && p.producerEpoch() >= d.epoch() - 1;
          if (shouldAbort(state, latest, offsetsOpen.contains(p.producerId()))) {
            admin.abortTransaction(new AbortTransactionSpec(e.getKey(), p.producerId(), (short) p.producerEpoch(),
                p.coordinatorEpoch().orElse(0))).all().get(deadline, TimeUnit.MILLISECONDS);
            LOG.warn("aborted {}", what);
            aborted++;
          } else {
            LOG.warn("left alone, readers of {} wait until it ends: {} (kafka-transactions.sh find-hanging tells more)",
                e.getKey(), what);
          }
        }
      }
      return aborted;
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("could not check Kafka at " + bootstrapServers() + " for transactions left open: "
          + (e.getCause() != null ? e.getCause() : e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while checking Kafka for transactions left open", e);
    }
  }

  /**
   * Whether an open transaction left by a dead process is to be aborted:
   * <ul>
   *   <li>ongoing (nothing decided: the coordinator aborts it on timeout) or abort decided: yes;
   *   <li>commit decided, yet still open here: its markers were lost (seen with Kafka 4.3 after a
   *       broker was killed: "CompleteCommit" at the coordinator, the partitions still open). Only
   *       if its consumer offset commit is still open too: then nothing of it was committed (one
   *       marker request carries all of a transaction's markers to a broker) and undoing all of it
   *       has the input processed again; the pipeline passes redeliveries on, so the output is made
   *       again and the store skips what it has. Otherwise it is left alone;
   *   <li>a decision about another (older) transaction of the producer, or none known: no.
   * </ul>
   */
  static boolean shouldAbort(TransactionState state, boolean latest, boolean offsetCommitOpen) {
    if (!latest || state == null) {
      return false;
    }
    return switch (state) {
      case ONGOING, PREPARE_ABORT, COMPLETE_ABORT -> true;
      case PREPARE_COMMIT, COMPLETE_COMMIT -> offsetCommitOpen;
      default -> false;
    };
  }

  private static final String OFFSETS_TOPIC = "__consumer_offsets";

  /** A transaction coordinator's state of a producer's latest transaction, and the producer's epoch there. */
  private record Decided(TransactionState state, int epoch) {}

  /** What the transaction coordinator has decided for each of {@code producerIds}, by producer id. */
  private static Map<Long, Decided> coordinatorStates(Admin admin, Set<Long> producerIds, long deadline)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<Long, Decided> out = new java.util.HashMap<>();
    List<String> ids = admin.listTransactions(new ListTransactionsOptions().filterProducerIds(producerIds)).all()
        .get(deadline, TimeUnit.MILLISECONDS).stream().map(TransactionListing::transactionalId).toList();
    if (!ids.isEmpty()) {
      admin.describeTransactions(ids).all().get(deadline, TimeUnit.MILLISECONDS)
          .forEach((id, d) -> out.put(d.producerId(), new Decided(d.state(), d.producerEpoch())));
    }
    return out;
  }

  /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123}. */
  public String bootstrapServers() {
    return ports.brokerAddress();
  }

  KafkaPorts ports() {
    return ports;
  }

  /**
   * Creates a topic with replication factor 1 unless it exists; an existing topic is left as it
   * is, whatever its partition count.
   *
   * @throws IllegalArgumentException if {@code partitions} is less than 1
   * @throws IllegalStateException if this instance is closed
   * @throws UncheckedIOException if the broker does not confirm within 30 s or refuses
   */
  public void createTopicIfAbsent(String name, int partitions) {
    Objects.requireNonNull(name, "name");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
    }
    if (closed.get()) {
      throw new IllegalStateException("Kafka at " + bootstrapServers() + " is closed");
    }
    NewTopic topic = new NewTopic(name, partitions, (short) 1);
    try (Admin admin = admin(ADMIN_TIMEOUT)) {
      admin.createTopics(List.of(topic)).all()
          .get(ADMIN_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
      LOG.info("Created topic {} with {} partition(s)", name, partitions);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new UncheckedIOException(
            new IOException("could not create topic " + name, e.getCause()));
      }
      LOG.debug("Topic {} already exists", name);
    } catch (TimeoutException e) {
      throw new UncheckedIOException(new IOException("timed out creating topic " + name, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    }
  }

  private Admin admin(Duration apiTimeout) {
    int timeout = Math.toIntExact(apiTimeout.toMillis());
    return Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeout, 10_000)));
  }

  /** Shuts the broker and controller down cleanly and waits for their threads; idempotent. */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    stop(server);
    closeQuietly(lock);
    LOG.info("Kafka on {} stopped", bootstrapServers());
  }

  private static void stop(KafkaRaftServer server) {
    server.shutdown();
    server.awaitShutdown();
  }

  private static void closeQuietly(DirectoryLock lock) {
    try {
      lock.close();
    } catch (IOException e) {
      LOG.warn("Could not release the lock on {}", lock.directory(), e);
    }
  }
}
