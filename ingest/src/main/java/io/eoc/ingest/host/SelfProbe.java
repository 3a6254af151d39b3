package io.eoc.ingest.host;

import io.eoc.ingest.enrol.Enrolment;
import io.eoc.ingest.store.Incoming;
import io.eoc.ingest.store.TelemetryWriter;
import io.eoc.wire.Batch;
import io.eoc.wire.BatchCodec;
import io.eoc.wire.DeviceCatalog;
import io.eoc.wire.DeviceCatalogCodec;
import io.eoc.wire.DeviceInfo;
import io.eoc.wire.EquipmentCategory;
import io.eoc.wire.Names;
import io.eoc.wire.Point;
import io.eoc.wire.host.HostIdentity;
import io.eoc.wire.host.HostRates;
import io.eoc.wire.host.HostSampler;
import io.eoc.wire.host.NetCounters;
import io.eoc.wire.host.Reading;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud measuring its own host, as jiangsu-2018 §四 综合绩效 asks of every business host ("and by
 * the cloud on its own hosts"): the same {@link HostSampler} as the host probe ({@code eoc probe}),
 * stored through the same {@link TelemetryWriter} path as an agent's catalogue and batches, under the
 * reserved agent id {@link Enrolment#CLOUD_AGENT_ID} and a device named after the host. So
 * {@code devices}, {@code device_hours}, the rollups and the host evidence take it exactly as a
 * probe's host: category business-host, kind host, protocol host, not simulated.
 *
 * <p>Batches are numbered on from the highest sequence already stored for the cloud, so a restart
 * never reuses a number (which the store would take for a redelivery and drop). They do not come
 * from Kafka: their position is partition {@value #NOT_FROM_KAFKA} and offset = sequence, and they
 * carry no envelope hash (nothing was sealed in transit).
 */
public final class SelfProbe implements AutoCloseable {
  public static final String AGENT_ID = Enrolment.CLOUD_AGENT_ID;
  static final int NOT_FROM_KAFKA = -1;
  private static final Logger log = LoggerFactory.getLogger(SelfProbe.class);

  private final SelfProbeConfig config;
  private final TelemetryWriter writer;
  private final Clock clock;
  private final HostSampler sampler;
  private final DeviceInfo device;
  private final Map<String, String> reasons = new HashMap<>();
  private final Optional<ScheduledExecutorService> executor;
  private long nextSequence;
  private String failure = "";

  private SelfProbe(SelfProbeConfig config, DataSource dataSource, Clock clock, boolean scheduled) throws SQLException {
    this.config = config;
    this.writer = new TelemetryWriter(dataSource);
    this.clock = clock;
    HostIdentity host = HostIdentity.read(config.procDir());
    Optional<String> nic = chooseInterface(config);
    this.sampler = new HostSampler(config.procDir(), nic, config.linkBitsPerSecond());
    this.device = new DeviceInfo(Names.sanitised(host.hostname(), "cloud-host"), host.hostname(),
        EquipmentCategory.BUSINESS_HOST, "host", "host", false, HostSampler.TAGS,
        DeviceInfo.pointsPerHour(HostSampler.TAGS.size(), config.interval().toMillis()));
    this.nextSequence = lastSequence(dataSource) + 1;
    writeCatalogue();
    log.info("measuring the cloud's own host as business host {}/{} (kernel {}): interface {}, declared link {} Mbit/s, "
        + "every {}", AGENT_ID, device.id(), host.kernel(), nic.orElse("none"), config.linkMbps(), config.interval());
    this.executor = scheduled ? Optional.of(Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "eoc-self-probe");
      t.setDaemon(true);
      return t;
    })) : Optional.empty();
  }

  /**
   * Registers the host in {@code devices} and samples it every {@link SelfProbeConfig#interval()}
   * on a thread of its own, from now on, until {@link #close()}.
   */
  public static SelfProbe start(SelfProbeConfig config, DataSource dataSource, Clock clock) throws SQLException {
    SelfProbe probe = new SelfProbe(config, dataSource, clock, true);
    long every = config.interval().toMillis();
    probe.executor.orElseThrow().scheduleAtFixedRate(probe::sampleSafely, 0, every, TimeUnit.MILLISECONDS);
    return probe;
  }

  /** Registers the host but samples only when {@link #sampleNow()} is called (tests). */
  static SelfProbe manual(SelfProbeConfig config, DataSource dataSource, Clock clock) throws SQLException {
    return new SelfProbe(config, dataSource, clock, false);
  }

  /** The device the host is stored as, with its id under agent {@link #AGENT_ID}. */
  public DeviceInfo device() {
    return device;
  }

  /** Samples the host once and stores the points as one batch, in one transaction. */
  synchronized void sampleNow() throws IOException, SQLException {
    Map<String, Reading> readings = sampler.sample();
    Instant now = clock.instant();
    List<Point> points = new ArrayList<>(readings.size());
    readings.forEach((tag, r) -> {
      note(tag, r);
      points.add(r.toPoint(device.id(), tag, now));
    });
    Batch batch = new Batch(AGENT_ID, nextSequence, now, points);
    writer.write(List.of(new Incoming(AGENT_ID, "batches", BatchCodec.encode(batch), now, NOT_FROM_KAFKA, batch.sequence())));
    nextSequence++;
  }

  /** The loop boundary: a failed sample or write is logged once per distinct cause and retried next time. */
  private void sampleSafely() {
    try {
      sampleNow();
      if (!failure.isEmpty()) {
        log.info("the cloud's own host is measured again");
        failure = "";
      }
    } catch (IOException | SQLException | RuntimeException e) {
      String cause = e.getClass().getSimpleName() + ": " + e.getMessage();
      if (!cause.equals(failure)) {
        log.warn("cannot measure the cloud's own host (retrying every {} s)", config.interval().toSeconds(), e);
        failure = cause;
      }
    }
  }

  private void writeCatalogue() throws SQLException {
    Instant now = clock.instant();
    DeviceCatalog catalog = new DeviceCatalog(AGENT_ID, now, List.of(device));
    writer.write(List.of(new Incoming(AGENT_ID, "devices", DeviceCatalogCodec.encode(catalog), now, NOT_FROM_KAFKA,
        nextSequence - 1)));
  }

  /** The interface configured, else the only non-loopback one; with several and none named, none (and why). */
  private static Optional<String> chooseInterface(SelfProbeConfig config) {
    List<String> present;
    try {
      present = HostSampler.businessInterfaces(config.procDir());
    } catch (IOException e) {
      log.warn("cannot list the cloud host's network interfaces ({}); its traffic is not measured", e.getMessage());
      return config.networkInterface();
    }
    if (config.networkInterface().isPresent()) {
      String nic = config.networkInterface().get();
      if (!present.contains(nic) && !nic.equals(NetCounters.LOOPBACK)) {
        log.warn("no interface '{}' on the cloud's host (available: {}); its traffic will be bad points until it appears",
            nic, present);
      }
      return config.networkInterface();
    }
    if (present.size() == 1) {
      return Optional.of(present.get(0));
    }
    if (present.isEmpty()) {
      log.warn("the cloud's host has no network interface other than loopback; its traffic is not measured");
    } else {
      log.warn("the cloud's host has several network interfaces {}; its traffic is not measured until you name the one "
          + "business traffic uses: pass --host-interface IF to eoc cloud", present);
    }
    return Optional.empty();
  }

  /** Continues after the highest sequence stored for the cloud: earlier starts' batches stay distinct. */
  private static long lastSequence(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM batches WHERE agent_id = ?")) {
      ps.setString(1, AGENT_ID);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Logs a reason when it appears or changes (not at every sample), and a recovery; as the probe's driver. */
  private void note(String tag, Reading r) {
    String before = r.quality().isGood() ? reasons.remove(tag) : reasons.put(tag, r.reason());
    if (r.quality().isGood() && before != null && !before.equals(HostRates.NO_PREVIOUS)) {
      log.info("cloud host {}: {} is good again", device.id(), tag);
    } else if (!r.quality().isGood() && !r.reason().equals(before) && !r.reason().equals(HostRates.NO_PREVIOUS)) {
      log.warn("cloud host {}: {} is {}: {}", device.id(), tag, r.quality(), r.reason());
    }
  }

  /** Stops sampling; a sample in progress is given a few seconds to finish. */
  @Override
  public void close() {
    executor.ifPresent(e -> {
      e.shutdown();
      try {
        if (!e.awaitTermination(5, TimeUnit.SECONDS)) {
          e.shutdownNow();
          log.warn("the cloud's self probe did not stop within 5 s; interrupted");
        }
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
    });
  }
}
