package io.eoc.edge.host;

import io.eoc.edge.DeviceDriver;
import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the local host through procfs. CPU and network figures are rates between two polls, so
 * the first poll after start has no value for them: a bad point saying "no previous sample", never
 * a made-up zero. Elapsed time comes from {@code /proc/uptime} (monotonic, read with the counters),
 * not from the wall clock, which may be stepped. {@code /proc/stat} or {@code /proc/uptime} missing
 * is an {@link IOException} (the "device" cannot be read at all); anything narrower is a point's
 * quality, with its reason logged when it changes and kept in {@link #reasons()}.
 */
final class HostDriver implements DeviceDriver {
  private static final Logger log = LoggerFactory.getLogger(HostDriver.class);

  private final String deviceId;
  private final HostDevice host;
  private final Clock clock;
  private final Map<String, String> reasons = new ConcurrentHashMap<>();
  private Sample previous;
  private Optional<HostIdentity> identity = Optional.empty();

  /** Counters read in one poll; {@code net} is empty, with {@code netProblem} saying why, when unavailable. */
  private record Sample(double uptimeSeconds, CpuTimes cpu, Optional<NetCounters> net, String netProblem) {}

  HostDriver(String deviceId, HostDevice host, Clock clock) {
    this.deviceId = deviceId;
    this.host = host;
    this.clock = clock;
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
    Sample current = sample();
    if (identity.isEmpty()) {
      HostIdentity id = HostIdentity.read(host.procDir());
      identity = Optional.of(id);
      log.info("{}: host {}, kernel {}, {}", deviceId, id.hostname(), id.kernel(), host.endpoint());
    }
    Reading mem = memory();
    Instant now = clock.instant();
    Map<String, Reading> readings = new LinkedHashMap<>();
    readings.put(HostDevice.CPU_PERCENT, previous == null ? noPrevious() : HostRates.cpuPercent(previous.cpu(), current.cpu()));
    readings.put(HostDevice.NET_RX_BPS, traffic(current, NetCounters::rxBytes, "receive"));
    readings.put(HostDevice.NET_TX_BPS, traffic(current, NetCounters::txBytes, "transmit"));
    readings.put(HostDevice.NET_LINK_BPS, Reading.good(host.linkBitsPerSecond()));
    readings.put(HostDevice.MEM_PERCENT, mem);
    previous = current;
    List<Point> points = new ArrayList<>(readings.size());
    readings.forEach((tag, r) -> {
      note(tag, r);
      points.add(r.toPoint(deviceId, tag, now));
    });
    return points;
  }

  private Sample sample() throws IOException {
    double uptime = uptime(text("uptime"));
    CpuTimes cpu = CpuTimes.parse(text("stat"));
    try {
      NetCounters c = NetCounters.parse(text("net/dev")).get(host.networkInterface());
      return c == null
          ? new Sample(uptime, cpu, Optional.empty(), "interface '" + host.networkInterface() + "' is not in /proc/net/dev")
          : new Sample(uptime, cpu, Optional.of(c), "");
    } catch (IOException e) {
      return new Sample(uptime, cpu, Optional.empty(), e.getMessage());
    }
  }

  private Reading traffic(Sample current, ToLongFunction<NetCounters> bytes, String direction) {
    if (current.net().isEmpty()) {
      return Reading.bad(Quality.BAD_CONFIG, current.netProblem());
    }
    if (previous == null || previous.net().isEmpty()) {
      return noPrevious();
    }
    return HostRates.bitsPerSecond(bytes.applyAsLong(previous.net().get()), bytes.applyAsLong(current.net().get()),
        current.uptimeSeconds() - previous.uptimeSeconds(), host.networkInterface() + " " + direction);
  }

  private Reading memory() {
    try {
      return HostRates.memPercent(text("meminfo"));
    } catch (IOException e) {
      return Reading.bad(Quality.BAD_DEVICE_FAILURE, e.getMessage());
    }
  }

  private static Reading noPrevious() {
    return Reading.bad(Quality.BAD_DEVICE_FAILURE, HostRates.NO_PREVIOUS);
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

  private String text(String relative) throws IOException {
    Path file = host.procDir().resolve(relative);
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IOException("cannot read " + file + (e instanceof NoSuchFileException ? " (no such file)" : ": " + e.getMessage()), e);
    }
  }

  /** proc(5): the first number of {@code /proc/uptime} is the seconds since boot. */
  private static double uptime(String text) throws IOException {
    String[] f = text.trim().split("\\s+");
    try {
      return Double.parseDouble(f[0]);
    } catch (NumberFormatException e) {
      throw new IOException("unexpected /proc/uptime: '" + text.trim() + "'", e);
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
