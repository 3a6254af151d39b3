package io.eoc.cli.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eoc.edge.HistoryUplink;
import io.eoc.edge.analysis.AnalysisConfig;
import io.eoc.edge.analysis.EdgeAnalyzer;
import io.eoc.edge.filter.FilterChain;
import io.eoc.edge.filter.FilterConfig;
import io.eoc.edge.filter.SignalKind;
import io.eoc.edge.identity.Enroller;
import io.eoc.edge.identity.IdentityFiles;
import io.eoc.sim.backfill.BusinessHost;
import io.eoc.sim.backfill.History;
import io.eoc.sim.model.Models;
import io.eoc.sim.model.TagKind;
import io.eoc.sim.model.TagSpec;
import io.eoc.sim.plant.DeviceSpec;
import io.eoc.wire.DeviceInfo;
import io.eoc.wire.EquipmentCategory;
import io.eoc.wire.Point;
import io.eoc.wire.seal.Suite;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Pushes a plant's history through the real pipeline: a dedicated agent identity is enrolled with
 * a one-time token, the plant's models are advanced through the past ({@link History}), every
 * device's points go through the real edge analysis (hourly aggregates of its main tag), and the
 * batches are sealed and sent over MQTT/TLS on the backfill topic, so the cloud stores them marked
 * as backfill and reports say so. Devices identify themselves as simulated.
 */
public final class Backfill {
  /** Points per batch: large batches, as an agent's backlog after an outage would send. */
  static final int BATCH_POINTS = 5_000;
  /** State tags are sent at least this often even when unchanged. */
  static final Duration STATE_HEARTBEAT = Duration.ofHours(6);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param api the cloud's HTTP API (enrolment from this machine)
   * @param mqttUrl the cloud's MQTT transport ({@code ssl://host:port})
   */
  public record Target(URI api, String mqttUrl, java.nio.file.Path dataDir) {}

  /** What was pushed. */
  /**
   * @param points raw readings the models produced
   * @param dropped of those, removed at the edge by the agent's filters (counted per reason in the batches)
   */
  public record Result(String agentId, long samples, long points, long dropped, long derivedPoints, long batches,
      long serviceUses, Duration took) {}

  private final History.Spec spec;
  private final String agentId;
  private final Target target;
  private final PrintWriter progress;
  private final Clock clock;

  private final boolean usage;

  /**
   * @param usage also register simulated users and push their service use (the cloud must run with
   *     --allow-backfill)
   */
  public Backfill(History.Spec spec, String agentId, Target target, boolean usage, PrintWriter progress, Clock clock) {
    this.usage = usage;
    this.spec = spec;
    this.agentId = agentId;
    this.target = target;
    this.progress = progress;
    this.clock = clock;
  }

  public Result run() throws IOException, InterruptedException {
    long started = System.nanoTime();
    enrolIfNeeded();
    Map<String, EdgeAnalyzer> analyzers = new LinkedHashMap<>();
    for (DeviceSpec d : spec.plant().devices()) {
      mainTag(d).ifPresent(tag -> analyzers.put(d.id(), new EdgeAnalyzer(d.id(),
          AnalysisConfig.NONE.withWindow(Duration.ofHours(1)).withMaxGap(spec.step().multipliedBy(2))
              .withAggregates(AnalysisConfig.Aggregates.of(tag)))));
    }
    FilterChain filters = filterChain();
    long total = spec.steps();
    long[] counts = new long[4]; // samples, raw points, derived points, batches
    long[] dropped = new long[1];
    List<Point> pending = new ArrayList<>(BATCH_POINTS + 512);
    long[] nextReport = {Math.max(1, total / 10)};
    try (HistoryUplink uplink = HistoryUplink.open(agentId, target.dataDir(), target.mqttUrl(), catalog(), clock)) {
      History history = new History(spec);
      IOException[] failure = new IOException[1];
      history.forEach(sample -> {
        if (failure[0] != null) {
          return;
        }
        try {
          List<Point> raw = new ArrayList<>(sample.readings().size());
          sample.readings().forEach(r -> raw.add(Point.good(r.device(), r.tag(), sample.at(), r.value())));
          counts[1] += raw.size();
          List<Point> kept = filters.apply(raw);
          pending.addAll(kept);
          for (Map.Entry<String, EdgeAnalyzer> a : analyzers.entrySet()) {
            List<Point> derived = a.getValue().accept(kept.stream().filter(p -> p.device().equals(a.getKey())).toList());
            pending.addAll(derived);
            counts[2] += derived.size();
          }
          if (pending.size() >= BATCH_POINTS) {
            uplink.send(List.copyOf(pending), drops(filters, dropped), sample.at());
            pending.clear();
            counts[3]++;
          }
          counts[0]++;
          long done = Duration.between(spec.from(), sample.at()).dividedBy(spec.step());
          if (done >= nextReport[0]) {
            progress.printf("  backfill: %d%% of %s..%s (%,d points in %,d batches, %,d waiting for the cloud)%n",
                done * 100 / total, spec.from(), spec.to(), counts[1] + counts[2], counts[3], uplink.backlog());
            progress.flush();
            nextReport[0] += Math.max(1, total / 10);
          }
        } catch (IOException e) {
          failure[0] = e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failure[0] = new IOException("interrupted", e);
        }
      });
      if (failure[0] != null) {
        throw failure[0];
      }
      for (Map.Entry<String, EdgeAnalyzer> a : analyzers.entrySet()) {
        List<Point> derived = a.getValue().flush(spec.to());
        pending.addAll(derived);
        counts[2] += derived.size();
      }
      List<io.eoc.wire.DropCount> lastDrops = drops(filters, dropped);
      if (!pending.isEmpty() || !lastDrops.isEmpty()) {
        uplink.send(List.copyOf(pending), lastDrops, spec.to().minusMillis(1));
        counts[3]++;
      }
      if (!uplink.awaitAcknowledged(Duration.ofMinutes(10))) {
        throw new IOException("the cloud did not acknowledge the history within 10 minutes (" + uplink.backlog()
            + " batch(es) still in the outbox under " + target.dataDir() + "; run again to resend them)");
      }
    }
    long uses = usage ? new UsageHistory(spec, target.api(), progress).push() : 0;
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    progress.printf("  backfill: done: %,d samples, %,d readings (%,d removed at the edge) + %,d derived points in %,d batches,"
        + " acknowledged in %s%n", counts[0], counts[1], dropped[0], counts[2], counts[3], took);
    progress.flush();
    return new Result(agentId, counts[0], counts[1], dropped[0], counts[2], counts[3], uses, took);
  }

  /**
   * The agent's filters as an engineer would configure them for this equipment: analog tags checked
   * against their range, state tags reported on change with a heartbeat of {@link #STATE_HEARTBEAT}
   * (so unchanged states are removed as redundant and counted).
   */
  private FilterChain filterChain() {
    FilterChain.Builder b = FilterChain.builder();
    for (DeviceSpec d : spec.plant().devices()) {
      for (TagSpec t : Models.type(d.kind()).orElseThrow().tags()) {
        FilterConfig config = t.kind() == TagKind.STATE
            ? new FilterConfig(SignalKind.STATE, Optional.empty(), OptionalDouble.empty(), Optional.empty(), Optional.empty(),
                true, Optional.of(new FilterConfig.Deadband(0, 0, STATE_HEARTBEAT)))
            : FilterConfig.ANALOG.withRange(t.min(), t.max());
        b.series(d.id(), t.name(), config);
      }
    }
    return b.fallback(FilterConfig.ANALOG).build();
  }

  /** The drop counts since the last batch, for the next batch; adds them to {@code total[0]}. */
  private static List<io.eoc.wire.DropCount> drops(FilterChain filters, long[] total) {
    List<io.eoc.wire.DropCount> out = filters.stats().drainCounts().stream()
        .map(d -> new io.eoc.wire.DropCount(d.device(), d.tag(), d.reason(), d.count())).toList();
    out.forEach(d -> total[0] += d.count());
    return out;
  }

  /** The catalogue the history agent announces: the plant's devices (simulated) and the host, if any. */
  List<DeviceInfo> catalog() {
    List<DeviceInfo> devices = new ArrayList<>();
    for (DeviceSpec d : spec.plant().devices()) {
      EquipmentCategory category = EquipmentCategory.fromId(d.category().id()).orElseThrow(() ->
          new IllegalArgumentException("device " + d.id() + " has category '" + d.category().id()
              + "', which the cloud does not count; backfill needs equipment of the four categories"));
      List<DeviceInfo.TagInfo> tags = Models.type(d.kind()).orElseThrow().tags().stream()
          .map(t -> new DeviceInfo.TagInfo(t.name(), t.unit())).toList();
      devices.add(new DeviceInfo(d.id(), d.name(), category, d.kind(), d.protocol().id(), true, tags));
    }
    BusinessHost host = spec.host();
    if (host != null) {
      EquipmentCategory hostCategory = EquipmentCategory.fromId("business-host").orElseThrow(() ->
          new IllegalStateException("this build has no business-host category"));
      devices.add(new DeviceInfo(host.id(), "simulated business host " + host.id(), hostCategory, "host", "host", true,
          List.of(new DeviceInfo.TagInfo(BusinessHost.CPU, "%"), new DeviceInfo.TagInfo(BusinessHost.RX, "bit/s"),
              new DeviceInfo.TagInfo(BusinessHost.TX, "bit/s"), new DeviceInfo.TagInfo(BusinessHost.LINK, "bit/s"))));
    }
    return devices;
  }

  /** The first analog tag of a device's model: what its edge analysis aggregates. */
  private static java.util.Optional<String> mainTag(DeviceSpec d) {
    return Models.type(d.kind()).orElseThrow().tags().stream().filter(t -> t.kind() == TagKind.ANALOG)
        .map(TagSpec::name).findFirst();
  }

  private void enrolIfNeeded() throws IOException, InterruptedException {
    if (Files.exists(IdentityFiles.in(target.dataDir()).cloudKey())) {
      progress.println("  backfill: agent " + agentId + " already enrolled (identity in " + target.dataDir() + ")");
      return;
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> resp = http.send(HttpRequest.newBuilder(target.api().resolve("/api/admin/enrolment-tokens"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("agentId", agentId, "validFor", "PT10M"))))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() != 200) {
      throw new IOException("the cloud at " + target.api() + " refused an enrolment token for " + agentId + " (HTTP "
          + resp.statusCode() + "): " + resp.body());
    }
    JsonNode body = JSON.readTree(resp.body());
    Enroller.enrol(agentId, target.dataDir(), target.api(), body.get("token").asText(), Suite.DEFAULT);
    progress.println("  backfill: enrolled agent " + agentId + " with a one-time token");
  }
}
