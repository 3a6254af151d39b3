package io.eoc.edge;

import io.eoc.edge.analysis.ActiveAlarm;
import io.eoc.edge.analysis.EdgeAnalyzer;
import io.eoc.edge.config.AgentConfig;
import io.eoc.edge.filter.FilterChain;
import io.eoc.edge.filter.FilterStats;
import io.eoc.edge.config.DeviceConfig;
import io.eoc.edge.config.RegisterConfig;
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
 * isolated), a batcher, and the MQTT uplink.
 */
public final class Agent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Agent.class);
  private static final int WINDOW = 100;
  private static final int MAX_QUEUED_BATCHES = 10_000;

  private final AgentConfig config;
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
  private MetricsEndpoint metricsEndpoint;

  private Agent(AgentConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    List<DeviceConfig> devices = config.devices();
    this.filters = filterChain(devices);
    this.uplink = new MqttUplink(config.cloud().url(), config.agentId(), config.cloud().token(),
        () -> new DeviceCatalog(config.agentId(), clock.instant(), devices.stream().map(DeviceConfig::info).toList()),
        WINDOW, MAX_QUEUED_BATCHES);
    ScheduledExecutorService timer = executor("eoc-batcher");
    this.batcher = new Batcher(config.agentId(), config.batching(), new SequenceStore(config.dataDir()),
        uplink::offer, clock, timer);
    Random seeds = new Random();
    for (DeviceConfig device : devices) {
      List<String> tags = device.registers().stream().map(RegisterConfig::tag).toList();
      Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new Random(seeds.nextLong()));
      if (!device.analysis().isEmpty()) {
        analyzers.put(device.id(), new EdgeAnalyzer(device.id(), device.analysis()));
      }
      pollers.add(new DevicePoller(new ModbusTcpDriver(device, clock), tags, device.poll(),
          points -> accept(device, points), clock, backoff, executor("eoc-poll-" + device.id())));
    }
  }

  /** The processing chain of every tag (jiangsu-2023 §三(二)2: remove invalid, abnormal, redundant data). */
  private static FilterChain filterChain(List<DeviceConfig> devices) {
    FilterChain.Builder b = FilterChain.builder();
    for (DeviceConfig d : devices) {
      d.registers().forEach(r -> b.series(d.id(), r.tag(), r.filter()));
    }
    return b.build();
  }

  /** Starts polling every device and connecting to the cloud. */
  public static Agent start(AgentConfig config, Clock clock) {
    Agent agent = new Agent(config, clock);
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
    new AgentMetrics(registry, this::status);
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
        filters.stats().totals(), pollers.stream().map(DevicePoller::status).toList(), uplink.stats());
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
      var s = uplink.stats();
      log.warn("stopping with {} batch(es) not acknowledged by the cloud ({} queued, {} in flight); they are lost "
          + "until the disk outbox exists", s.queued() + s.inFlight(), s.queued(), s.inFlight());
    }
    uplink.close();
    log.info("agent {} stopped", config.agentId());
  }
}
