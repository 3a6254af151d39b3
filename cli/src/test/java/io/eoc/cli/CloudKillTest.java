package io.eoc.cli;

import static io.eoc.cli.Fixtures.await;
import static io.eoc.cli.Fixtures.count;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eoc.edge.identity.AgentIdentity;
import io.eoc.edge.identity.Enroller;
import io.eoc.edge.outbox.Outbox;
import io.eoc.edge.outbox.OutboxConfig;
import io.eoc.edge.uplink.MqttUplink;
import io.eoc.edge.uplink.UplinkStats;
import io.eoc.ingest.Cloud;
import io.eoc.ingest.CloudConfig;
import io.eoc.wire.Batch;
import io.eoc.wire.DeviceCatalog;
import io.eoc.wire.DeviceInfo;
import io.eoc.wire.EquipmentCategory;
import io.eoc.wire.Point;
import io.eoc.wire.seal.BatchSealer;
import io.eoc.wire.seal.RotationPolicy;
import io.eoc.wire.seal.Suite;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud, in its own JVM with its embedded Kafka and PostgreSQL, is killed with SIGKILL three
 * times while several agents keep sending, and restarted each time on the same data directory and
 * ports (the last time in this JVM, to read its database). A PUBACK means "durable in Kafka", so
 * every batch the cloud acknowledged before a kill must be stored after the restart, exactly once,
 * even though the agents send again whatever was in flight.
 */
class CloudKillTest {
  private static final Logger log = LoggerFactory.getLogger(CloudKillTest.class);
  private static final int AGENTS = 3;
  private static final int KILLS = 3;
  private static final String DEVICE = "boiler-1";
  private static final List<String> TAGS = List.of("steam_pressure", "steam_temperature", "fuel_flow", "running", "steam_flow");
  /** Readings per tag in one batch; a batch holds {@code TAGS.size() * READINGS} points. */
  private static final int READINGS = 10;
  private static final Duration BATCH_EVERY = Duration.ofMillis(50);

  @TempDir
  Path dir;

  /** The first failure of the load thread; a scheduled task that throws is silently never run again. */
  private final AtomicReference<RuntimeException> loadFailure = new AtomicReference<>();

  @Test
  void killedRepeatedlyUnderLoadTheCloudStoresEveryAcknowledgedBatchExactlyOnce() throws Exception {
    Path data = dir.resolve("cloud");
    int mqtt = Fixtures.freePort();
    int http = Fixtures.freePort();
    Random random = new Random(5);
    List<LoadAgent> agents = new ArrayList<>();
    ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "kill-load"));
    CloudProcess child = null;
    try {
      child = CloudProcess.start(data, mqtt, http);
      Instant origin = Instant.now().minus(Duration.ofHours(1));
      for (int i = 0; i < AGENTS; i++) {
        agents.add(LoadAgent.enrol("kill-load-" + i, dir.resolve("agent-" + i), mqtt, http, origin));
      }
      load.scheduleAtFixedRate(() -> {
        try {
          agents.forEach(LoadAgent::sendOne);
        } catch (RuntimeException e) {
          loadFailure.compareAndSet(null, e);
          throw e;
        }
      }, 0, BATCH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
      for (int kill = 1; kill <= KILLS; kill++) {
        killUnderLoad(child, agents, kill, random);
        child = null;
        // Fresh uplinks while the cloud is down (a closed uplink never connects again: UplinkReconnectTest).
        agents.forEach(LoadAgent::connect);
        if (kill < KILLS) {
          child = CloudProcess.start(data, mqtt, http);
        }
      }
      try (Cloud cloud = Cloud.start(CloudConfig.embedded(data).withPorts(mqtt, http), Clock.systemUTC())) {
        long atRestart = acked(agents);
        try {
          await(Duration.ofSeconds(60), () -> acked(agents) >= atRestart + 100);
        } catch (AssertionError e) {
          diagnose(agents); // this phase failed once in CI with every agent silent: say what they were doing
          diagnoseStore(cloud, agents);
          throw e;
        }
        load.shutdown();
        assertThat(load.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        long restarted = System.nanoTime();
        try {
          // Every sealed batch acknowledged, the outboxes empty; and the same patience as below.
          awaitProgress(Duration.ofSeconds(60), Duration.ofMinutes(4), () -> acked(agents),
              agents.stream().mapToLong(a -> a.sealed.get()).sum());
          await(Duration.ofSeconds(10), () -> agents.stream().allMatch(a -> a.outbox.stats().depthRecords() == 0));
          long drained = System.nanoTime();
          // The store catches up on everything the three killed clouds acknowledged but did not store.
          // It may take its time on a loaded machine (Kafka aborts the killed clouds' open transactions
          // only after their 10 s timeout); it fails only if the stored count stops growing for 60 s.
          awaitProgress(Duration.ofSeconds(60), Duration.ofMinutes(4),
              () -> count(cloud, "SELECT count(*) FROM batches WHERE agent_id LIKE 'kill-load-%'"), acked(agents));
          log.info("after the last restart: outboxes empty in {} ms, everything stored {} ms later",
              (drained - restarted) / 1_000_000, (System.nanoTime() - drained) / 1_000_000);
        } catch (AssertionError e) {
          diagnose(agents);
          diagnoseStore(cloud, agents); // this phase failed once in CI: acknowledged batches not (yet) stored after 60 s
          throw e;
        }

        assertEveryAcknowledgedBatchStoredOnce(cloud, agents);
      }
    } finally {
      load.shutdownNow();
      if (child != null) {
        child.kill();
      }
      for (LoadAgent a : agents) {
        a.close();
      }
      stopLeftoverPostmaster(data);
    }
  }

  /** Waits until a few hundred more batches are acknowledged and some are in flight, then SIGKILLs the cloud. */
  private void killUnderLoad(CloudProcess cloud, List<LoadAgent> agents, int kill, Random random) throws InterruptedException {
    long target = acked(agents) + 150 + random.nextInt(150);
    await(Duration.ofSeconds(60), () -> acked(agents) >= target && inFlight(agents) > 0);
    log.info("kill {}: SIGKILL to the cloud with {} batches acknowledged and {} in flight", kill, acked(agents), inFlight(agents));
    cloud.kill(); // its PostgreSQL keeps running; the next cloud on this data directory takes it over
  }

  private void assertEveryAcknowledgedBatchStoredOnce(Cloud cloud, List<LoadAgent> agents) throws Exception {
    log.info("{} batches sealed and acknowledged, {} published (so {} sent again after the kills); the last cloud's "
        + "sink skipped {} batches it already had", acked(agents), agents.stream().mapToLong(LoadAgent::published).sum(),
        agents.stream().mapToLong(a -> a.published() - a.sealed.get()).sum(), cloud.sinkStats().duplicates());
    long points = 0;
    for (LoadAgent a : agents) {
      assertThat(a.refused()).as("%s: batches refused by the cloud", a.id).isZero();
      assertThat(a.acked).as("%s: acknowledged = everything it sealed", a.id).hasSize((int) a.sealed.get());
      assertThat(storedSequences(cloud, a.id)).as("%s: stored batches", a.id).isEqualTo(a.acked);
      points += a.sealed.get() * TAGS.size() * READINGS;
    }
    assertThat(count(cloud, "SELECT count(*) FROM (SELECT agent_id, seq FROM batches GROUP BY agent_id, seq HAVING count(*) > 1) d"))
        .isZero();
    assertThat(count(cloud, "SELECT coalesce(sum(points), 0) FROM batches WHERE agent_id LIKE 'kill-load-%'")).isEqualTo(points);
    assertThat(count(cloud, "SELECT count(*) FROM points")).isEqualTo(points);
    assertThat(Fixtures.duplicatePoints(cloud)).isZero();
    // What was in flight at a kill comes again, up to an agent's window behind: redeliveries, never replays.
    assertThat(count(cloud, "SELECT count(*) FROM chain_events WHERE kind IN ('fork', 'replay', 'rejected')")).isZero();
  }

  /**
   * Waits until {@code value} reaches {@code target}; fails when it has not grown for {@code stall},
   * or after {@code bound} in all. For the catching up after the last restart, whose length depends
   * on how busy the machine is (the shared 2-core CI machine took 30 s where a quiet one takes 8).
   */
  private static void awaitProgress(Duration stall, Duration bound, java.util.function.LongSupplier value, long target)
      throws InterruptedException {
    long start = System.nanoTime();
    long last = value.getAsLong();
    long grewAt = start;
    while (last < target) {
      long now = System.nanoTime();
      if (now - grewAt > stall.toNanos() || now - start > bound.toNanos()) {
        throw new AssertionError("reached " + last + " of " + target + " batches; no progress for "
            + (now - grewAt) / 1_000_000 + " ms, " + (now - start) / 1_000_000 + " ms in all");
      }
      Thread.sleep(100);
      long v = value.getAsLong();
      if (v > last) {
        last = v;
        grewAt = System.nanoTime();
      }
    }
  }

  /** Each agent's uplink and outbox counters and the stacks of the uplink threads, into the log. */
  private static void diagnose(List<LoadAgent> agents) {
    for (LoadAgent a : agents) {
      log.error("agent {}: uplink {}, outbox {}", a.id, a.uplink.stats(), a.outbox.stats());
    }
    Thread.getAllStackTraces().forEach((t, stack) -> {
      if (t.getName().startsWith("eoc-uplink") || t.getName().startsWith("MQTT") || t.getName().equals("kill-load")
          || t.getName().startsWith("eoc-store") || t.getName().contains("StreamThread")) {
        StringBuilder b = new StringBuilder();
        for (StackTraceElement e : stack) {
          b.append("\n    at ").append(e);
        }
        log.error("thread {} ({}):{}", t.getName(), t.getState(), b);
      }
    });
  }

  /** What the store holds of each agent against what it acknowledged, and what the pipeline and sink say. */
  private static void diagnoseStore(Cloud cloud, List<LoadAgent> agents) {
    try {
      log.error("pipeline {}, sink {}", cloud.pipelineState(), cloud.sinkStats());
      for (LoadAgent a : agents) {
        Set<Long> stored = storedSequences(cloud, a.id);
        Set<Long> missing = new TreeSet<>(a.acked);
        missing.removeAll(stored);
        log.error("agent {}: {} acknowledged, {} stored, {} missing: {}", a.id, a.acked.size(), stored.size(), missing.size(),
            missing.stream().limit(40).toList());
      }
      try (Connection c = cloud.dataSource().getConnection();
           PreparedStatement s = c.prepareStatement("SELECT agent_id, kind, count(*) FROM chain_events GROUP BY 1, 2");
           ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          log.error("chain events: {} {} x{}", rs.getString(1), rs.getString(2), rs.getLong(3));
        }
      }
    } catch (Exception e) {
      log.error("could not read the store", e);
    }
    try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
        Map.of("bootstrap.servers", cloud.kafkaBootstrap()))) {
      for (String group : List.of("eoc-pipeline", "eoc-store")) {
        var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        var ends = admin.listOffsets(committed.keySet().stream().collect(java.util.stream.Collectors.toMap(
            tp -> tp, tp -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get(10, TimeUnit.SECONDS);
        committed.forEach((tp, om) -> log.error("group {} {}: committed {}, end {}", group, tp, om == null ? null : om.offset(),
            ends.get(tp).offset()));
      }
      List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
      admin.describeTopics(admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true)).names()
          .get(10, TimeUnit.SECONDS)).allTopicNames().get(10, TimeUnit.SECONDS).values().forEach(t -> t.partitions()
          .forEach(p -> partitions.add(new org.apache.kafka.common.TopicPartition(t.name(), p.partition()))));
      admin.describeProducers(partitions).all().get(10, TimeUnit.SECONDS).forEach((tp, state) -> state.activeProducers().stream()
          .filter(p -> p.currentTransactionStartOffset().isPresent())
          .forEach(p -> log.error("open transaction on {}: producer {} epoch {} since offset {}, last written {}", tp, p.producerId(),
              p.producerEpoch(), p.currentTransactionStartOffset().getAsLong(), Instant.ofEpochMilli(p.lastTimestamp()))));
      admin.describeTransactions(admin.listTransactions().all().get(10, TimeUnit.SECONDS).stream()
          .map(t -> t.transactionalId()).toList()).all().get(10, TimeUnit.SECONDS)
          .forEach((id, d) -> log.error("transaction {}: {} since {} on {}", id, d.state(), d.transactionStartTimeMs(), d.topicPartitions()));
    } catch (Exception e) {
      log.error("could not read Kafka's offsets", e);
    }
  }

  /** Batches the cloud acknowledged so far, all agents together. */
  private long acked(List<LoadAgent> agents) {
    if (loadFailure.get() != null) {
      throw new AssertionError("the load stopped", loadFailure.get());
    }
    return agents.stream().mapToLong(a -> a.acked.size()).sum();
  }

  private static long inFlight(List<LoadAgent> agents) {
    return agents.stream().mapToLong(a -> a.inFlight()).sum();
  }

  private static Set<Long> storedSequences(Cloud cloud, String agentId) throws Exception {
    Set<Long> out = new TreeSet<>();
    try (Connection c = cloud.dataSource().getConnection();
         PreparedStatement s = c.prepareStatement("SELECT seq FROM batches WHERE agent_id = ?")) {
      s.setString(1, agentId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
    }
    return out;
  }

  /**
   * A killed cloud leaves its PostgreSQL running (kill -9 runs no shutdown hook); the next start
   * takes it over, but if the test fails before that, stop it here (SIGTERM: smart shutdown).
   */
  private static void stopLeftoverPostmaster(Path data) throws Exception {
    Path pid = data.resolve("postgres").resolve("pgdata").resolve("postmaster.pid");
    if (!Files.exists(pid)) {
      return;
    }
    List<String> lines = Files.readAllLines(pid);
    Optional<ProcessHandle> postmaster = lines.isEmpty() ? Optional.empty()
        : ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
            .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    if (postmaster.isPresent()) {
      postmaster.get().destroy();
      postmaster.get().onExit().get(60, TimeUnit.SECONDS);
    }
  }

  /** {@code eoc cloud} in its own JVM, its output read on a daemon thread (the last lines kept for failures). */
  private static final class CloudProcess {
    private final Process process;

    private CloudProcess(Process process) {
      this.process = process;
    }

    static CloudProcess start(Path data, int mqtt, int http) throws Exception {
      List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
          "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "io.eoc.cli.Main", "cloud",
          "--data-dir", data.toString(), "--mqtt-port", Integer.toString(mqtt), "--http-port", Integer.toString(http));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      CountDownLatch ready = new CountDownLatch(1);
      Deque<String> tail = new ArrayDeque<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            synchronized (tail) {
              tail.addLast(line);
              if (tail.size() > 40) {
                tail.removeFirst();
              }
            }
            if (line.contains("eoc cloud: ready")) {
              ready.countDown();
            }
            if (line.contains("left open") || line.contains(" ERROR ")) {
              log.info("cloud process: {}", line); // what recovery did, in the test's own log
            }
          }
        } catch (IOException e) {
          // the process was killed
        }
      }, "cloud-output");
      reader.setDaemon(true);
      reader.start();
      if (!ready.await(90, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        synchronized (tail) {
          throw new AssertionError("the cloud did not start within 90 s; its last output:\n" + String.join("\n", tail));
        }
      }
      return new CloudProcess(p);
    }

    /** SIGKILL: no shutdown hook, no clean stop of Kafka or the sink. */
    void kill() throws InterruptedException {
      process.destroyForcibly().waitFor();
    }
  }

  /**
   * An enrolled agent built from the public edge parts (sealer, durable outbox, MQTT uplink over
   * mutual TLS), as {@code io.eoc.edge.HistoryUplink} builds them, sending synthetic live batches
   * and recording every sequence the cloud acknowledged.
   */
  private static final class LoadAgent implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final String id;
    final Set<Long> acked = new ConcurrentSkipListSet<>();
    final AtomicLong sealed = new AtomicLong();
    final Outbox outbox;
    private final String cloudUrl;
    private final AgentIdentity identity;
    private final BatchSealer sealer;
    private final Instant origin;
    private final Clock clock = Clock.systemUTC();
    private volatile MqttUplink uplink;
    /** The last counters of the uplinks already replaced. */
    private final List<UplinkStats> retired = new ArrayList<>();

    private LoadAgent(String id, String cloudUrl, AgentIdentity identity, BatchSealer sealer, Outbox outbox, Instant origin) {
      this.id = id;
      this.cloudUrl = cloudUrl;
      this.identity = identity;
      this.sealer = sealer;
      this.outbox = outbox;
      this.origin = origin;
    }

    static LoadAgent enrol(String id, Path dataDir, int mqtt, int http, Instant origin) throws Exception {
      URI api = URI.create("http://127.0.0.1:" + http);
      Enroller.enrol(id, dataDir, api, token(api, id), Suite.DEFAULT);
      Clock clock = Clock.systemUTC();
      AgentIdentity identity = AgentIdentity.load(id, dataDir);
      BatchSealer sealer = new BatchSealer(id, identity.keys(), identity.cloudKey(), identity.nonces(),
          RotationPolicy.DEFAULT, clock, identity.sealerState(clock.instant()));
      Outbox outbox = Outbox.open(dataDir.resolve("outbox"), OutboxConfig.defaults(), clock);
      LoadAgent agent = new LoadAgent(id, "ssl://127.0.0.1:" + mqtt, identity, sealer, outbox, origin);
      agent.connect();
      return agent;
    }

    /**
     * A new uplink on the same outbox, connecting at once. After a restart the old one would get
     * there too, but Paho's reconnect backoff (up to 30 s) would stretch the test for nothing.
     */
    void connect() {
      MqttUplink old = uplink;
      if (old != null) {
        old.close();
        retired.add(old.stats());
      }
      DeviceInfo boiler = new DeviceInfo(DEVICE, DEVICE, EquipmentCategory.HIGH_ENERGY, "industrial-boiler", "modbus-tcp", true,
          TAGS.stream().map(t -> new DeviceInfo.TagInfo(t, "")).toList());
      MqttUplink fresh = new MqttUplink(cloudUrl, id, Optional.empty(), () -> new DeviceCatalog(id, clock.instant(), List.of(boiler)),
          outbox, MqttUplink.Settings.DEFAULT, identity.tlsContext(), clock, acked::add);
      fresh.start();
      uplink = fresh;
    }

    long inFlight() {
      return uplink.stats().inFlight();
    }

    /** Batches the cloud refused (reason code 0x80 or above), over all uplinks. */
    long refused() {
      return retired.stream().mapToLong(UplinkStats::refusedBatches).sum() + uplink.stats().refusedBatches();
    }

    /** Batches published, over all uplinks: more than were sealed when some were sent again. */
    long published() {
      return retired.stream().mapToLong(UplinkStats::publishedBatches).sum() + uplink.stats().publishedBatches();
    }

    private static String token(URI api, String agentId) throws Exception {
      String body = JSON.writeValueAsString(Map.of("agentId", agentId, "validFor", "PT10M"));
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.resolve("/api/admin/enrolment-tokens"))
          .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("token for %s: %s", agentId, r.body()).isEqualTo(200);
      return JSON.readTree(r.body()).get("token").asText();
    }

    /**
     * Seals the next batch and makes it durable in the outbox; its readings have times of their
     * own (a millisecond apart, from {@code origin}), so a batch stored twice shows as duplicate points.
     */
    void sendOne() {
      try {
        long seq = sealer.state().lastSequence() + 1;
        List<Point> points = new ArrayList<>();
        for (int k = 0; k < READINGS; k++) {
          Instant at = origin.plusMillis(seq * READINGS + k);
          for (int t = 0; t < TAGS.size(); t++) {
            points.add(Point.good(DEVICE, TAGS.get(t), at, seq + t + k / 10.0));
          }
        }
        Batch batch = new Batch(id, seq, Instant.now(), points, List.of());
        byte[] bytes = sealer.seal(batch).bytes();
        identity.saveSealerState(sealer.state());
        outbox.append(seq, bytes);
        sealed.incrementAndGet();
      } catch (Exception e) {
        throw new IllegalStateException("agent " + id + " could not store a batch", e);
      }
    }

    @Override
    public void close() throws IOException {
      MqttUplink u = uplink;
      if (u != null) {
        u.close();
      }
      outbox.close();
    }
  }
}
