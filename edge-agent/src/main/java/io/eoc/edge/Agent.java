package io.eoc.edge;

import io.eoc.edge.analysis.ActiveAlarm;
import io.eoc.edge.analysis.EdgeAnalyzer;
import io.eoc.edge.config.AgentConfig;
import io.eoc.edge.control.CommandResults;
import io.eoc.edge.control.RemoteControl;
import io.eoc.edge.identity.AgentIdentity;
import io.eoc.edge.identity.NotEnrolledException;
import io.eoc.edge.outbox.Outbox;
import io.eoc.edge.outbox.OutboxConfig;
import io.eoc.wire.DropCount;
import io.eoc.wire.seal.BatchSealer;
import io.eoc.wire.seal.RotationPolicy;
import java.util.Optional;
import io.eoc.edge.filter.FilterChain;
import io.eoc.edge.filter.FilterStats;
import io.eoc.edge.config.DeviceConfig;
import io.eoc.edge.config.TagSpec;
import io.eoc.edge.metrics.AgentMetrics;
import io.eoc.edge.metrics.MetricsEndpoint;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import io.eoc.edge.modbus.ModbusTcpDriver;
import io.eoc.edge.uplink.MqttUplink;
import io.eoc.wire.DeviceCatalog;
import io.eoc.wire.Point;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running edge agent: one poller per device (each on its own thread, so devices are
 * isolated), filters and edge analysis, a batcher, sealing into the durable outbox, and the MQTT
 * uplink that empties the outbox.
 */
public final class Agent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Agent.class);
  /** How often results refused for quota, or whose publication failed on a live connection, are tried again. */
  private static final Duration RESULT_RETRY = Duration.ofSeconds(5);

  private final AgentConfig config;
  private final Outbox outbox;
  private final BatchStore store;
  private final List<DevicePoller> pollers = new ArrayList<>();
  private final List<ScheduledExecutorService> executors = new ArrayList<>();
  private final MqttUplink uplink;
  private final Batcher batcher;
  private final AtomicLong pointsRead = new AtomicLong();
  private final AtomicLong badPoints = new AtomicLong();
  private final AtomicLong derivedPoints = new AtomicLong();
  private final FilterChain filters;
  private final Map<String, EdgeAnalyzer> analyzers = new HashMap<>();
  private final Clock clock;
  private final RemoteControl remoteControl;
  private final CommandResults commandResults;
  private MetricsEndpoint metricsEndpoint;
  /** Held strongly: Micrometer keeps only weak references to the objects its function meters read. */
  private AgentMetrics metrics;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private Agent(AgentConfig config, AgentIdentity identity, Outbox outbox, Clock clock) throws IOException {
    this.config = config;
    this.clock = clock;
    this.outbox = outbox;
    List<DeviceConfig> devices = config.devices();
    this.filters = filterChain(devices);
    BatchSealer sealer = new BatchSealer(config.agentId(), identity.keys(), identity.cloudKey(), identity.nonces(),
        RotationPolicy.DEFAULT, clock, identity.sealerState(clock.instant()));
    this.store = new BatchStore(config.agentId(), sealer, identity, outbox, this::drainDropCounts, clock);
    AgentConfig.Cloud cloud = config.cloud();
    this.uplink = new MqttUplink(cloud.url(), config.agentId(), cloud.token(),
        () -> new DeviceCatalog(config.agentId(), clock.instant(), devices.stream().map(DeviceConfig::info).toList()),
        outbox, new MqttUplink.Settings(cloud.window(), cloud.backfillAfter()),
        cloud.url().startsWith("ssl://") ? identity.tlsContext() : Optional.empty(), clock, store::acknowledged);
    ScheduledExecutorService timer = executor("eoc-batcher");
    this.batcher = new Batcher(config.batching(), store::store, timer);
    Random seeds = new Random();
    for (DeviceConfig device : devices) {
      List<String> tags = device.tags().stream().map(TagSpec::tag).toList();
      Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new Random(seeds.nextLong()));
      if (!device.analysis().isEmpty()) {
        analyzers.put(device.id(), new EdgeAnalyzer(device.id(), device.analysis()));
      }
      DeviceDriver driver = device.other().map(o -> o.createDriver(device, clock))
          .orElseGet(() -> new ModbusTcpDriver(device, clock));
      pollers.add(new DevicePoller(driver, tags, device.poll(),
          points -> accept(device, points), clock, backoff, executor("eoc-poll-" + device.id())));
    }
    ScheduledExecutorService resultSender = executor("eoc-command-results");
    this.commandResults = CommandResults.open(config.dataDir().resolve("command-results"), CommandResults.DEFAULT_CAPACITY,
        uplink::publishCommandResult, resultSender);
    resultSender.scheduleWithFixedDelay(commandResults::retry, RESULT_RETRY.toMillis(), RESULT_RETRY.toMillis(),
        TimeUnit.MILLISECONDS);
    this.remoteControl = new RemoteControl(devices, config.dataDir(), this::write, commandResults::offer, clock);
    uplink.onCommands(remoteControl::accept);
    uplink.onConnect(commandResults::resend);
  }

  private java.util.concurrent.CompletionStage<java.util.OptionalDouble> write(String device, String tag, double value) {
    return pollers.stream().filter(p -> p.status().deviceId().equals(device)).findFirst()
        .map(p -> p.write(tag, value))
        .orElseGet(() -> java.util.concurrent.CompletableFuture.failedFuture(new IllegalArgumentException("no device " + device)));
  }

  /** The processing chain of every tag (jiangsu-2023 §三(二)2: remove invalid, abnormal, redundant data). */
  private static FilterChain filterChain(List<DeviceConfig> devices) {
    FilterChain.Builder b = FilterChain.builder();
    for (DeviceConfig d : devices) {
      d.tags().forEach(t -> b.series(d.id(), t.tag(), t.filter()));
    }
    return b.build();
  }

  /**
   * Starts polling every device and connecting to the cloud. Fails with a clear message when the
   * agent is not enrolled, when TLS is asked for without a certificate, or when its outbox is in use.
   */
  public static Agent start(AgentConfig config, Clock clock) throws IOException {
    AgentIdentity identity = AgentIdentity.load(config.agentId(), config.dataDir());
    if (config.cloud().url().startsWith("ssl://") && identity.tlsContext().isEmpty()) {
      throw new NotEnrolledException("agent '" + config.agentId() + "' has no TLS certificate for " + config.cloud().url()
          + ": enrol again with `eoc agent enroll` (the cloud issues the certificate)");
    }
    Outbox outbox = Outbox.open(config.dataDir().resolve("outbox"), OutboxConfig.defaults()
        .withMaxTotalBytes(config.outbox().maxBytes()).withFullPolicy(config.outbox().whenFull()), clock);
    Agent agent;
    try {
      agent = new Agent(config, identity, outbox, clock);
    } catch (IOException | RuntimeException e) {
      outbox.close();
      throw e;
    }
    agent.uplink.start();
    agent.pollers.forEach(DevicePoller::start);
    agent.startMetrics();
    log.info("agent {} started: {} device(s), cloud {}", config.agentId(), config.devices().size(), config.cloud().url());
    return agent;
  }

  private void startMetrics() {
    AgentConfig.Metrics m = config.metrics();
    if (!m.enabled()) {
      return;
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("agent", config.agentId());
    metrics = new AgentMetrics(registry, this::status);
    try {
      metricsEndpoint = MetricsEndpoint.start(m.host(), m.port(), registry);
    } catch (IOException e) {
      log.warn("metrics port {}:{} unavailable ({}); serving metrics on a free port instead", m.host(), m.port(), e.getMessage());
      try {
        metricsEndpoint = MetricsEndpoint.start(m.host(), 0, registry);
      } catch (IOException again) {
        log.warn("agent metrics disabled: {}", again.getMessage());
      }
    }
  }

  /** The port of the Prometheus endpoint, if it runs. */
  public java.util.OptionalInt metricsPort() {
    return metricsEndpoint == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(metricsEndpoint.port());
  }

  /** Runs on the device's own poller thread: filter, analyse, hand to the batcher. */
  private void accept(DeviceConfig device, List<Point> points) {
    pointsRead.addAndGet(points.size());
    badPoints.addAndGet(points.stream().filter(p -> !p.quality().isGood()).count());
    List<Point> kept = filters.apply(points);
    EdgeAnalyzer analyzer = analyzers.get(device.id());
    if (analyzer != null) {
      List<Point> derived = new ArrayList<>(analyzer.accept(kept));
      // Close windows that no new sample will close, a poll interval behind the clock so that a
      // slow read is not late for its window.
      derived.addAll(analyzer.flush(clock.instant().minus(device.poll().multipliedBy(2))));
      if (!derived.isEmpty()) {
        derivedPoints.addAndGet(derived.size());
        kept = new ArrayList<>(kept);
        kept.addAll(derived);
      }
    }
    batcher.accept(kept);
  }

  /** The filter counts since the last batch, attached to the next batch as evidence. */
  private List<DropCount> drainDropCounts() {
    return filters.stats().drainCounts().stream()
        .map(d -> new DropCount(d.device(), d.tag(), d.reason(), d.count())).toList();
  }

  /** Counts of points removed or marked by the filters, by device, tag and reason, since start. */
  public FilterStats filterStats() {
    return filters.stats();
  }

  /** Alarms active at the edge now, across devices. */
  public List<ActiveAlarm> activeAlarms() {
    return analyzers.values().stream().flatMap(a -> a.activeAlarms().stream()).toList();
  }

  public AgentStatus status() {
    return new AgentStatus(config.agentId(), pointsRead.get(), badPoints.get(), derivedPoints.get(),
        filters.stats().totals(), pollers.stream().map(DevicePoller::status).toList(),
        new BatchStats(store.batches.get(), store.points.get(), store.sealedBytes.get(), store.ackedPoints.get(),
            store.droppedOldest.get(), store.refused.get(), store.refusedPoints.get(), store.failures.get()),
        outbox.stats(), uplink.stats(), commandResults.stats());
  }

  private ScheduledExecutorService executor(String name) {
    ScheduledExecutorService e = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    executors.add(e);
    return e;
  }

  /** Stops polling, ships what was collected, waits briefly for acknowledgements, disconnects. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    pollers.forEach(DevicePoller::close);
    executors.forEach(ScheduledExecutorService::shutdown);
    for (ScheduledExecutorService e : executors) {
      try {
        e.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    }
    if (metricsEndpoint != null) {
      metricsEndpoint.close();
    }
    batcher.close();
    if (!uplink.drain(Duration.ofSeconds(5))) {
      log.info("stopping with {} batch(es) in the outbox; they are sent on the next start", outbox.stats().depthRecords());
    }
    uplink.close();
    int results = commandResults.stats().pending();
    if (results > 0) {
      log.info("stopping with {} command result(s) not acknowledged by the cloud; they are sent on the next start", results);
    }
    try {
      outbox.close();
    } catch (IOException e) {
      log.warn("closing the outbox: {}", e.toString());
    }
    log.info("agent {} stopped", config.agentId());
  }
}
