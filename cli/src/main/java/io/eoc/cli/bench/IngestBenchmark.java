package io.eoc.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.eoc.ingest.Cloud;
import io.eoc.ingest.CloudConfig;
import io.eoc.ingest.pipeline.StoreConsumer;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eoc bench ingest}: synthetic agents push sealed batches through the real cloud on this
 * machine (MQTT over mutual TLS, Kafka, Kafka Streams, the store consumer, PostgreSQL with COPY);
 * reports the sustained stored rate, point-to-commit latency, CPU and memory, and, in the same
 * run and database, the raw COPY rate of the same rows, so the pipeline's cost is a ratio.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    header = "Drive synthetic agents through MQTT/TLS, Kafka, Streams and PostgreSQL; measure rate and latency.")
public final class IngestBenchmark implements Callable<Integer> {
  static final double TARGET_POINTS_PER_SECOND = 200_000;
  static final double TARGET_COPY_RATIO = 0.5;
  static final double TARGET_P99_MS = 500;
  static final double TARGET_P50_MS = 150;

  @Spec
  CommandSpec spec;

  @Option(names = "--agents", defaultValue = "4", description = "Synthetic agents (default: ${DEFAULT-VALUE}).")
  int agents;

  @Option(names = "--devices", defaultValue = "10", description = "Devices per agent (default: ${DEFAULT-VALUE}).")
  int devices;

  @Option(names = "--tags", defaultValue = "100", description = "Tags per device (default: ${DEFAULT-VALUE}).")
  int tags;

  @Option(names = "--rate", defaultValue = "50000", description = "Target points/s over all agents; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--duration", defaultValue = "60", description = "Seconds of measurement (default: ${DEFAULT-VALUE}).")
  int durationSeconds;

  @Option(names = "--warmup", defaultValue = "10", description = "Seconds of load before measuring (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(names = "--batch-points", defaultValue = "5000", description = "Points per batch (default: ${DEFAULT-VALUE}).")
  int batchPoints;

  @Option(names = "--max-delay", defaultValue = "1000", description = "Ms a batch may wait to fill, as the agent's batch.max-delay (default: ${DEFAULT-VALUE}).")
  int maxDelayMillis;

  @Option(names = "--window", defaultValue = "128", description = "Unacknowledged batches per agent (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--max-unstored", defaultValue = "-1", description = "Published batches (all agents) not yet in the "
      + "database before generators wait; -1 = 16 per agent with --rate 0, unlimited otherwise; 0 = unlimited (default: ${DEFAULT-VALUE}).")
  int maxUnstored;

  @Option(names = "--observer-period", defaultValue = "20", description = "Ms between polls for committed batches (default: ${DEFAULT-VALUE}).")
  int observerPeriodMillis;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the random walks (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--data-dir", defaultValue = "data/bench-ingest", description = "Working directory, emptied first (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--out", description = "Also write the JSON result to this file.")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    if (agents < 1 || devices < 1 || tags < 1 || durationSeconds < 1 || warmupSeconds < 0 || batchPoints < 1 || rate < 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--agents, --devices, --tags, --duration and --batch-points must be >= 1; --warmup and --rate >= 0");
    }
    deleteRecursively(dir);
    Files.createDirectories(dir);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "ingest");
    result.put("setup", setup());
    try (Cloud cloud = Cloud.start(CloudConfig.embedded(dir.resolve("cloud")), Clock.systemUTC())) {
      measure(cloud, console, result);
    }
    String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result);
    if (out != null) {
      Path parent = out.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(out, json + "\n");
    }
    console.println(json);
    console.flush();
    return 0;
  }

  private void measure(Cloud cloud, PrintWriter console, Map<String, Object> result) throws Exception {
    AtomicBoolean measuring = new AtomicBoolean();
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= agents; i++) {
      ids.add(String.format("bench-%02d", i));
    }
    CommitObserver observer = new CommitObserver(cloud.dataSource(), ids, Duration.ofMillis(observerPeriodMillis));
    List<SyntheticAgent> running = new ArrayList<>();
    try {
      SyntheticAgent.Load load = new SyntheticAgent.Load(devices, tags, rate / agents, batchPoints,
          Duration.ofMillis(maxDelayMillis), window);
      URI api = URI.create("http://" + cloud.host() + ":" + cloud.httpPort());
      String mqtt = "ssl://" + cloud.host() + ":" + cloud.mqttPort();
      for (int i = 0; i < agents; i++) {
        String id = ids.get(i);
        String token = cloud.enrolment().issueToken(id, Duration.ofMinutes(5)).token();
        running.add(SyntheticAgent.enrol(id, dir.resolve("agents").resolve(id), api, token, mqtt, load,
            measuring::get, observer::expect, mayPublish(observer), seed + i));
      }
      observer.start();
      running.forEach(SyntheticAgent::start);
      progress(console, agents + " agents enrolled; warm-up " + warmupSeconds + " s");
      Thread.sleep(warmupSeconds * 1000L);

      progress(console, "measuring " + durationSeconds + " s");
      long generated0 = generated(running);
      long t0 = System.nanoTime();
      long stored0 = storedPoints(cloud);
      measuring.set(true);
      ProcessStats stats = new ProcessStats(dir.resolve("cloud").resolve("postgres"));
      Thread.sleep(durationSeconds * 1000L);
      long stored1 = storedPoints(cloud);
      long t1 = System.nanoTime();
      measuring.set(false);
      long generated1 = generated(running);
      Map<String, Object> resources = stats.summary();
      double seconds = (t1 - t0) / 1e9;
      long storedInWindow = stored1 - stored0;

      progress(console, "stopping the load; waiting for the backlog to be stored");
      for (SyntheticAgent a : running) {
        a.stop(Duration.ofSeconds(120));
      }
      long acked = running.stream().mapToLong(SyntheticAgent::pointsAcked).sum();
      boolean drained = await(Duration.ofSeconds(300), () -> storedPoints(cloud) >= acked && observer.outstanding() == 0);
      observer.close();

      Map<String, Object> throughput = new LinkedHashMap<>();
      throughput.put("measuredSeconds", Math.round(seconds * 100) / 100.0);
      throughput.put("pointsOfferedPerSecond", Math.round((generated1 - generated0) / seconds));
      throughput.put("pointsStoredInWindow", storedInWindow);
      throughput.put("pointsStoredPerSecond", Math.round(storedInWindow / seconds));
      result.put("throughput", throughput);
      result.put("latency", observer.summary());
      result.put("resources", resources);
      result.put("cost", cost(resources, storedInWindow / seconds));
      result.put("integrity", integrity(cloud, running, acked, drained));

      progress(console, "raw COPY baseline of " + storedInWindow + " rows");
      Map<String, Object> copy = CopyBaseline.run(cloud.dataSource(), Math.max(storedInWindow, batchPoints), batchPoints, seed,
          StoreConsumer.DEFAULT_WRITERS);
      result.put("copyBaseline", copy);
      double ratio = ((Number) copy.get("pointsPerSecond")).doubleValue() == 0 ? 0
          : storedInWindow / seconds / ((Number) copy.get("pointsPerSecond")).doubleValue();
      result.put("pipelineToCopyRatio", Math.round(ratio * 1000) / 1000.0);
      result.put("targets", targets(storedInWindow / seconds, ratio, observer.pointLatency()));
      result.put("method", method());
    } finally {
      running.forEach(SyntheticAgent::close);
      observer.close();
    }
  }

  /**
   * CPU the cloud side spent per stored point: this JVM less the load generator and the commit
   * observer (the agents would run elsewhere), plus PostgreSQL. GC and JIT stay in, including what
   * the generator caused, so the figure is pessimistic. Less sensitive to other work on a shared
   * machine than points/s, which is capped by the cores this run actually got.
   */
  static Map<String, Object> cost(Map<String, Object> resources, double storedPerSecond) {
    Map<String, Object> m = new LinkedHashMap<>();
    @SuppressWarnings("unchecked")
    Map<String, Object> groups = (Map<String, Object>) resources.get("processCpuCoresByThreadGroup");
    Object pg = resources.get("postgresCpuCoresAvg");
    if (groups == null || pg == null || storedPerSecond <= 0) {
      m.put("cloudCpuCores", null);
      return m;
    }
    double cloud = ((Number) resources.get("processCpuCoresAvg")).doubleValue()
        - ((Number) groups.get("loadGenerator")).doubleValue() - ((Number) groups.get("commitObserver")).doubleValue()
        + ((Number) pg).doubleValue();
    m.put("cloudCpuCores", Math.round(cloud * 100) / 100.0);
    m.put("cpuMicrosecondsPerStoredPoint", Math.round(cloud / storedPerSecond * 1e6 * 100) / 100.0);
    m.put("storedPointsPerCloudCpuSecond", Math.round(storedPerSecond / cloud));
    return m;
  }

  private int unstoredLimit() {
    return maxUnstored >= 0 ? maxUnstored : rate == 0 ? 16 * agents : 0;
  }

  private BooleanSupplier mayPublish(CommitObserver observer) {
    int limit = unstoredLimit();
    return limit == 0 ? () -> true : () -> observer.outstanding() < limit;
  }

  private Map<String, Object> integrity(Cloud cloud, List<SyntheticAgent> running, long acked, boolean drained) {
    Map<String, Object> m = new LinkedHashMap<>();
    long batchPointsStored = storedPoints(cloud);
    m.put("drained", drained);
    m.put("pointsGenerated", generated(running));
    m.put("pointsAcknowledgedByCloud", acked);
    m.put("pointsInBatchesTable", batchPointsStored);
    m.put("pointsInPointsTable", count(cloud, "SELECT count(*) FROM points"));
    m.put("lost", Math.max(0, acked - batchPointsStored));
    m.put("duplicated", count(cloud,
        "SELECT count(*) FROM (SELECT series_id, time FROM points GROUP BY 1, 2 HAVING count(*) > 1) d"));
    m.put("rejectedMessages", count(cloud, "SELECT count(*) FROM rejected_messages"));
    m.put("publishFailures", running.stream().mapToLong(SyntheticAgent::failures).sum());
    return m;
  }

  private Map<String, Object> targets(double pointsPerSecond, double ratio, LatencyHistogram latency) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pointsStoredPerSecondAtLeast", TARGET_POINTS_PER_SECOND);
    m.put("pointsStoredPerSecondMet", pointsPerSecond >= TARGET_POINTS_PER_SECOND);
    m.put("pipelineToCopyRatioAtLeast", TARGET_COPY_RATIO);
    m.put("pipelineToCopyRatioMet", ratio >= TARGET_COPY_RATIO);
    m.put("latencyTargetsApplyAt", "--rate 50000");
    m.put("p99AtMostMs", TARGET_P99_MS);
    m.put("p50AtMostMs", TARGET_P50_MS);
    boolean applies = rate == 50_000 && latency.count() > 0;
    m.put("p99Met", applies ? latency.percentile(99) <= TARGET_P99_MS : null);
    m.put("p50Met", applies ? latency.percentile(50) <= TARGET_P50_MS : null);
    return m;
  }

  private Map<String, Object> setup() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("agents", agents);
    m.put("devicesPerAgent", devices);
    m.put("tagsPerDevice", tags);
    m.put("series", (long) agents * devices * tags);
    m.put("targetPointsPerSecond", rate == 0 ? "as fast as possible" : rate);
    m.put("batchPoints", batchPoints);
    m.put("batchMaxDelayMs", maxDelayMillis);
    m.put("windowPerAgent", window);
    m.put("maxUnstoredBatches", unstoredLimit() == 0 ? "unlimited" : unstoredLimit());
    m.put("warmupSeconds", warmupSeconds);
    m.put("durationSeconds", durationSeconds);
    m.put("transport", "MQTT 5 QoS 1 over mutual TLS (Paho), Kafka (embedded), Kafka Streams, PostgreSQL (embedded) COPY");
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("nproc", Runtime.getRuntime().availableProcessors());
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    machine.put("jvmFlags", ManagementFactory.getRuntimeMXBean().getInputArguments());
    machine.put("maxHeapMb", Runtime.getRuntime().maxMemory() >> 20);
    m.put("machine", machine);
    return m;
  }

  private Map<String, Object> method() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("throughput", "sum(batches.points) read at the start and end of the window (rows of a batch commit with its "
        + "points), divided by the wall time between the two reads");
    m.put("latency", "per point: commit time of its batch minus the point's poll timestamp, points of batches sealed in "
        + "the window; includes time waiting for the batch to fill. The commit time is bounded by polling batches every "
        + observerPeriodMillis + " ms: max(previous poll start, stored_at = transaction start) < commit < end of the poll "
        + "that first saw it. pointToCommitMs uses the upper bound (pessimistic), pointToCommitLowerBoundMs the lower; "
        + "commitTimeUncertaintyMs is the width of that interval per batch");
    m.put("loadControl", "with --rate > 0 each agent polls all its series on a fixed schedule (open loop); with --rate 0 "
        + "generators wait while more than maxUnstoredBatches published batches are not yet committed (closed loop), "
        + "because MQTT acknowledges at Kafka and an open loop would only measure a growing Kafka backlog");
    m.put("copyBaseline", "after the pipeline drained, the same number of rows as stored in the window, same binary COPY "
        + "format (PointRows) and batch size, one COPY per transaction, as many connections at once as the store consumer has "
        + "writers, each with its share of the series, encoding included, into an empty table");
    m.put("stages", "per point: pollToSeal (waiting for its batch to fill); per batch: sealToReceivedByTransport (MQTT/TLS "
        + "until the transport's handler, batches.received_at), receivedToWriteStart (Kafka, Streams, store consumer poll "
        + "and decode, until the writing transaction's now(), batches.stored_at), writeStartToCommit (the transaction, "
        + "upper bound as in latency)");
    m.put("cost", "cloudCpuCores = this JVM's CPU less the loadGenerator and commitObserver threads, plus PostgreSQL's; "
        + "GC and JIT are counted in full (pessimistic). cpuMicrosecondsPerStoredPoint = cloudCpuCores / stored points per second");
    m.put("resources", "this JVM (load generator, MQTT transport, Kafka broker, Kafka Streams, store consumer); "
        + "PostgreSQL runs in separate processes: postgresCpuCoresAvg and postgresPss*Mb (postmaster and children, from /proc; PSS "
        + "counts shared buffers once); "
        + "machineCpuBusyPercentAvg is the whole machine, including other work on it");
    return m;
  }

  private static long generated(List<SyntheticAgent> agents) {
    return agents.stream().mapToLong(SyntheticAgent::pointsGenerated).sum();
  }

  private static long storedPoints(Cloud cloud) {
    return count(cloud, "SELECT coalesce(sum(points), 0) FROM batches");
  }

  private static long count(Cloud cloud, String sql) {
    try (Connection c = cloud.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static void progress(PrintWriter out, String what) {
    out.println("bench: " + what);
    out.flush();
  }

  private static boolean await(Duration bound, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(100);
    }
    return true;
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (Files.exists(root)) {
      try (var paths = Files.walk(root)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
