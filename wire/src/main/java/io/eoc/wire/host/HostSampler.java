package io.eoc.wire.host;

import io.eoc.wire.DeviceInfo;
import io.eoc.wire.Quality;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Samples a Linux host through procfs into one {@link Reading} per tag of {@link #TAGS}: what the
 * host probe's driver (edge agent) and the cloud's own self probe both measure, so that a business
 * host reads the same whoever measures it (jiangsu-2018 §四 综合绩效).
 *
 * <p>CPU and network figures are rates between two samples, so the first sample has no value for
 * them: a bad reading saying {@link HostRates#NO_PREVIOUS}, never a made-up zero. Elapsed time comes
 * from {@code /proc/uptime} (monotonic, read with the counters), not from the wall clock, which may
 * be stepped. {@code /proc/stat} or {@code /proc/uptime} missing is an {@link IOException} (the host
 * cannot be read at all); anything narrower is a reading's quality and reason.
 *
 * <p>Not thread-safe: it keeps the previous sample; callers serialise {@link #sample()}.
 */
public final class HostSampler {
  public static final String CPU_PERCENT = "cpu_percent";
  public static final String NET_RX_BPS = "net_rx_bps";
  public static final String NET_TX_BPS = "net_tx_bps";
  public static final String NET_LINK_BPS = "net_link_bps";
  public static final String MEM_PERCENT = "mem_percent";

  /** The tags of a measured host with their units, in the order {@link #sample()} returns them. */
  public static final List<DeviceInfo.TagInfo> TAGS = List.of(
      new DeviceInfo.TagInfo(CPU_PERCENT, "%"),
      new DeviceInfo.TagInfo(NET_RX_BPS, "bit/s"),
      new DeviceInfo.TagInfo(NET_TX_BPS, "bit/s"),
      new DeviceInfo.TagInfo(NET_LINK_BPS, "bit/s"),
      new DeviceInfo.TagInfo(MEM_PERCENT, "%"));

  private final Path procDir;
  private final Optional<String> networkInterface;
  private final double linkBitsPerSecond;
  private Sample previous;

  /** Counters read in one sample; {@code net} is empty, with {@code netProblem} saying why, when unavailable. */
  private record Sample(double uptimeSeconds, CpuTimes cpu, Optional<NetCounters> net, String netProblem) {}

  /**
   * @param procDir where procfs is mounted ({@code /proc}; a fixture directory in tests)
   * @param networkInterface the NIC whose traffic is measured, as named in {@code /proc/net/dev};
   *     empty when none was chosen, which makes the traffic readings bad ({@link Quality#BAD_CONFIG})
   * @param linkBitsPerSecond the declared link capacity, reported as it is
   */
  public HostSampler(Path procDir, Optional<String> networkInterface, double linkBitsPerSecond) {
    this.procDir = Objects.requireNonNull(procDir, "procDir");
    this.networkInterface = Objects.requireNonNull(networkInterface, "networkInterface");
    if (!(linkBitsPerSecond > 0) || Double.isInfinite(linkBitsPerSecond)) {
      throw new IllegalArgumentException("linkBitsPerSecond must be a finite number above 0, was " + linkBitsPerSecond);
    }
    this.linkBitsPerSecond = linkBitsPerSecond;
  }

  /** The interfaces of {@code <procDir>/net/dev} other than the loopback, in the file's order. */
  public static List<String> businessInterfaces(Path procDir) throws IOException {
    return NetCounters.parse(text(procDir, "net/dev")).keySet().stream()
        .filter(i -> !i.equals(NetCounters.LOOPBACK)).toList();
  }

  /** Reads the counters now: one reading per tag of {@link #TAGS}, in that order. */
  public Map<String, Reading> sample() throws IOException {
    Sample current = read();
    Map<String, Reading> readings = new LinkedHashMap<>();
    readings.put(CPU_PERCENT, previous == null ? noPrevious() : HostRates.cpuPercent(previous.cpu(), current.cpu()));
    readings.put(NET_RX_BPS, traffic(current, NetCounters::rxBytes, "receive"));
    readings.put(NET_TX_BPS, traffic(current, NetCounters::txBytes, "transmit"));
    readings.put(NET_LINK_BPS, Reading.good(linkBitsPerSecond));
    readings.put(MEM_PERCENT, memory());
    previous = current;
    return readings;
  }

  private Sample read() throws IOException {
    double uptime = uptime(text(procDir, "uptime"));
    CpuTimes cpu = CpuTimes.parse(text(procDir, "stat"));
    if (networkInterface.isEmpty()) {
      return new Sample(uptime, cpu, Optional.empty(), "no network interface chosen for the traffic measurement");
    }
    String nic = networkInterface.get();
    try {
      NetCounters c = NetCounters.parse(text(procDir, "net/dev")).get(nic);
      return c == null
          ? new Sample(uptime, cpu, Optional.empty(), "interface '" + nic + "' is not in /proc/net/dev")
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
        current.uptimeSeconds() - previous.uptimeSeconds(), networkInterface.orElseThrow() + " " + direction);
  }

  private Reading memory() {
    try {
      return HostRates.memPercent(text(procDir, "meminfo"));
    } catch (IOException e) {
      return Reading.bad(Quality.BAD_DEVICE_FAILURE, e.getMessage());
    }
  }

  private static Reading noPrevious() {
    return Reading.bad(Quality.BAD_DEVICE_FAILURE, HostRates.NO_PREVIOUS);
  }

  private static String text(Path procDir, String relative) throws IOException {
    Path file = procDir.resolve(relative);
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
}
