package io.eoc.edge.host;

import io.eoc.edge.DeviceDriver;
import io.eoc.wire.Point;
import io.eoc.wire.host.HostIdentity;
import io.eoc.wire.host.HostRates;
import io.eoc.wire.host.HostSampler;
import io.eoc.wire.host.Reading;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host probe's driver: samples the local host with {@link HostSampler} (shared with the cloud's
 * self probe) and turns its readings into points. A bad reading's reason is logged when it changes
 * (not at every poll) and kept in {@link #reasons()}; {@code /proc/stat} or {@code /proc/uptime}
 * missing is an {@link IOException} (the "device" cannot be read at all).
 */
final class HostDriver implements DeviceDriver {
  private static final Logger log = LoggerFactory.getLogger(HostDriver.class);

  private final String deviceId;
  private final HostDevice host;
  private final Clock clock;
  private final HostSampler sampler;
  private final Map<String, String> reasons = new ConcurrentHashMap<>();
  private Optional<HostIdentity> identity = Optional.empty();

  HostDriver(String deviceId, HostDevice host, Clock clock) {
    this.deviceId = deviceId;
    this.host = host;
    this.clock = clock;
    this.sampler = new HostSampler(host.procDir(), Optional.of(host.networkInterface()), host.linkBitsPerSecond());
  }

  @Override
  public String deviceId() {
    return deviceId;
  }

  /** Host name and kernel, known after the first read. */
  synchronized Optional<HostIdentity> identity() {
    return identity;
  }

  /** Why each currently bad tag is bad; empty when every tag is good. */
  Map<String, String> reasons() {
    return Map.copyOf(reasons);
  }

  @Override
  public synchronized List<Point> read() throws IOException {
    Map<String, Reading> readings = sampler.sample();
    if (identity.isEmpty()) {
      HostIdentity id = HostIdentity.read(host.procDir());
      identity = Optional.of(id);
      log.info("{}: host {}, kernel {}, {}", deviceId, id.hostname(), id.kernel(), host.endpoint());
    }
    Instant now = clock.instant();
    List<Point> points = new ArrayList<>(readings.size());
    readings.forEach((tag, r) -> {
      note(tag, r);
      points.add(r.toPoint(deviceId, tag, now));
    });
    return points;
  }

  /** Logs a reason when it appears or changes (not at every poll), and a recovery. */
  private void note(String tag, Reading r) {
    String before = r.quality().isGood() ? reasons.remove(tag) : reasons.put(tag, r.reason());
    if (r.quality().isGood() && before != null && !before.equals(HostRates.NO_PREVIOUS)) {
      log.info("{}: {} is good again", deviceId, tag);
    } else if (!r.quality().isGood() && !r.reason().equals(before) && !r.reason().equals(HostRates.NO_PREVIOUS)) {
      log.warn("{}: {} is {}: {}", deviceId, tag, r.quality(), r.reason());
    }
  }

  /** Nothing to drop: procfs is read afresh each time. The identity is read again on the next read. */
  @Override
  public synchronized void disconnect() {
    identity = Optional.empty();
  }

  @Override
  public void close() {
    disconnect();
  }
}
