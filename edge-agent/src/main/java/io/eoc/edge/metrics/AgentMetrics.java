package io.eoc.edge.metrics;

import io.eoc.edge.AgentStatus;
import io.eoc.edge.BatchStats;
import io.eoc.edge.DeviceStatus;
import io.eoc.edge.control.ResultDrop;
import io.eoc.edge.filter.FilterReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Publishes the agent's status as Micrometer meters. Meters read a status snapshot on scrape, so
 * the hot path pays nothing; the snapshot is cached briefly because one scrape reads many meters.
 */
public final class AgentMetrics {
  private final MeterRegistry registry;
  private final CachedStatus status;
  private final Set<String> devicesBound = ConcurrentHashMap.newKeySet();

  public AgentMetrics(MeterRegistry registry, Supplier<AgentStatus> status) {
    this.registry = registry;
    this.status = new CachedStatus(status);
    bindAgent();
    bindUplink();
    bindCommandResults();
    refreshDevices();
  }

  private void bindAgent() {
    counter("eoc.agent.points.read", "points read from devices, any quality", s -> s.pointsRead());
    counter("eoc.agent.points.bad", "points read with bad quality", s -> s.badPoints());
    counter("eoc.agent.points.derived", "points computed at the edge (aggregates, KPIs, alarms)", s -> s.derivedPoints());
    for (FilterReason reason : FilterReason.values()) {
      FunctionCounter.builder("eoc.agent.points.filtered", status,
              c -> c.get().filteredByReason().getOrDefault(reason.id(), 0L))
          .tag("reason", reason.id()).description("points removed (or marked) by the edge filters, by reason")
          .register(registry);
    }
  }

  private void bindUplink() {
    counter("eoc.agent.batches.stored", "batches sealed and stored durably in the outbox", s -> s.batches().batches());
    counter("eoc.agent.points.stored", "points in stored batches", s -> s.batches().points());
    counter("eoc.agent.bytes.sealed", "bytes of sealed batches (compressed, encrypted, signed)", s -> s.batches().sealedBytes());
    counter("eoc.agent.bytes.raw", "the same points in a fixed-width row format (8 B time, 8 B value, 1 B quality, 2 B series), "
        + "for comparison with eoc.agent.bytes.sealed", s -> s.batches().points() * BatchStats.RAW_BYTES_PER_POINT);
    gauge("eoc.agent.bytes.per.point", "sealed bytes per stored point", s -> s.batches().bytesPerPoint());
    counter("eoc.agent.batches.dropped", "batches dropped from a full outbox (drop-oldest)", s -> s.batches().droppedOldest());
    counter("eoc.agent.batches.refused", "batches refused by a full outbox (refuse-newest)", s -> s.batches().refused());
    counter("eoc.agent.batches.failed", "batches that could not be sealed or stored", s -> s.batches().failures());
    counter("eoc.agent.points.acked", "points acknowledged by the cloud", s -> s.batches().ackedPoints());
    gauge("eoc.agent.outbox.depth", "batches in the outbox not yet acknowledged", s -> s.outbox().depthRecords());
    gauge("eoc.agent.outbox.bytes", "bytes in the outbox not yet acknowledged", s -> s.outbox().depthBytes());
    gauge("eoc.agent.outbox.age.seconds", "age of the oldest unacknowledged batch",
        s -> s.outbox().oldestAppendedAt().map(t -> java.time.Duration.between(t, java.time.Instant.now()).toMillis() / 1000.0).orElse(0.0));
    counter("eoc.agent.batches.published", "batches handed to MQTT (resends included)", s -> s.uplink().publishedBatches());
    counter("eoc.agent.batches.acked", "batches acknowledged by the cloud (durable there)", s -> s.uplink().ackedBatches());
    counter("eoc.agent.batches.backfill", "acknowledged batches sent as backfill", s -> s.uplink().backfillBatches());
    counter("eoc.agent.batches.cloud.refused", "batches the cloud refused", s -> s.uplink().refusedBatches());
    counter("eoc.agent.uplink.connects", "MQTT connections established (reconnects included)", s -> s.uplink().connects());
    gauge("eoc.agent.uplink.inflight", "batches sent, not yet acknowledged", s -> s.uplink().inFlight());
    gauge("eoc.agent.uplink.connected", "1 when connected to the cloud", s -> s.uplink().connected() ? 1 : 0);
    gauge("eoc.agent.send.latency.seconds", "time from storing the last acknowledged batch to its acknowledgement",
        s -> s.uplink().lastAckLatency().map(d -> d.toMillis() / 1000.0).orElse(0.0));
  }

  private void bindCommandResults() {
    gauge("eoc.agent.command.results.pending", "remote-command results stored, not yet acknowledged by the cloud",
        s -> s.commandResults().pending());
    counter("eoc.agent.command.results.acked", "remote-command results acknowledged by the cloud", s -> s.commandResults().acked());
    counter("eoc.agent.command.results.resent", "remote-command results published again", s -> s.commandResults().resent());
    counter("eoc.agent.command.results.not.stored", "remote-command results that could not be written to disk (kept in memory)",
        s -> s.commandResults().notStored());
    for (ResultDrop reason : ResultDrop.values()) {
      FunctionCounter.builder("eoc.agent.command.results.dropped", status, c -> c.get().commandResults().dropped(reason))
          .tag("reason", reason.id()).description("remote-command results given up without the cloud's acknowledgement, by reason")
          .register(registry);
    }
  }

  /** Registers per-device meters for devices not seen before (call after the device list changes). */
  public void refreshDevices() {
    for (DeviceStatus d : status.get().devices()) {
      if (devicesBound.add(d.deviceId())) {
        String id = d.deviceId();
        Gauge.builder("eoc.agent.device.online", status, c -> device(c, id).state() == DeviceStatus.State.ONLINE ? 1 : 0)
            .tag("device", id).description("1 when the device answers").register(registry);
        FunctionCounter.builder("eoc.agent.device.failures", status, c -> device(c, id).failures())
            .tag("device", id).description("failed reads (connection lost, timeout)").register(registry);
      }
    }
  }

  private static DeviceStatus device(CachedStatus c, String id) {
    return c.get().devices().stream().filter(d -> d.deviceId().equals(id)).findFirst()
        .orElse(new DeviceStatus(id, DeviceStatus.State.OFFLINE, 0, 0, java.util.Optional.empty(), java.util.Optional.empty()));
  }

  private void counter(String name, String description, ToDoubleFunction<AgentStatus> f) {
    FunctionCounter.builder(name, status, c -> f.applyAsDouble(c.get())).description(description).register(registry);
  }

  private void gauge(String name, String description, ToDoubleFunction<AgentStatus> f) {
    Gauge.builder(name, status, c -> f.applyAsDouble(c.get())).description(description).register(registry);
  }

  /** Keeps the last status for up to 500 ms. */
  static final class CachedStatus {
    private final Supplier<AgentStatus> source;
    private volatile AgentStatus last;
    private volatile long takenAt;

    CachedStatus(Supplier<AgentStatus> source) {
      this.source = source;
    }

    AgentStatus get() {
      long now = System.nanoTime();
      AgentStatus s = last;
      if (s == null || now - takenAt > 500_000_000L) {
        s = source.get();
        last = s;
        takenAt = now;
      }
      return s;
    }
  }

}
