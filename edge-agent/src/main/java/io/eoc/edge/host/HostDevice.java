package io.eoc.edge.host;

import io.eoc.edge.DeviceDriver;
import io.eoc.edge.config.DeviceConfig;
import io.eoc.edge.config.ProtocolDevice;
import io.eoc.edge.config.TagSpec;
import io.eoc.edge.filter.FilterConfig;
import io.eoc.wire.host.HostSampler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The host this agent runs on, as bound from YAML by {@link HostBinder}.
 *
 * @param procDir where procfs is mounted ({@code /proc}; a fixture directory in tests)
 * @param networkInterface the NIC whose traffic is measured, as named in {@code /proc/net/dev}
 * @param linkMbps the DECLARED link capacity in Mbit/s: the bandwidth bought, against which the
 *     bandwidth usage rate is measured (jiangsu-2018 §四 综合绩效); not the NIC's negotiated speed
 */
public record HostDevice(Path procDir, String networkInterface, double linkMbps) implements ProtocolDevice {
  public static final String CPU_PERCENT = HostSampler.CPU_PERCENT;
  public static final String NET_RX_BPS = HostSampler.NET_RX_BPS;
  public static final String NET_TX_BPS = HostSampler.NET_TX_BPS;
  public static final String NET_LINK_BPS = HostSampler.NET_LINK_BPS;
  public static final String MEM_PERCENT = HostSampler.MEM_PERCENT;

  // Utilisation and traffic are analog signals; the declared link is a setting that rarely changes.
  private static final List<TagSpec> TAGS = HostSampler.TAGS.stream()
      .map(t -> new TagSpec(t.tag(), t.unit(), FilterConfig.ANALOG)).toList();

  public HostDevice {
    Objects.requireNonNull(procDir, "procDir");
    Objects.requireNonNull(networkInterface, "networkInterface");
    if (!(linkMbps > 0) || Double.isInfinite(linkMbps)) {
      throw new IllegalArgumentException("linkMbps must be a finite number above 0, was " + linkMbps);
    }
  }

  /** The declared link capacity in bit/s. */
  public double linkBitsPerSecond() {
    return linkMbps * 1_000_000;
  }

  @Override
  public String protocol() {
    return HostBinder.PROTOCOL;
  }

  @Override
  public String endpoint() {
    return "host " + networkInterface + " link " + formatMbps(linkMbps) + " Mbit/s";
  }

  @Override
  public List<TagSpec> tags() {
    return TAGS;
  }

  @Override
  public DeviceDriver createDriver(DeviceConfig device, Clock clock) {
    return new HostDriver(device.id(), this, clock);
  }

  static String formatMbps(double mbps) {
    return mbps == Math.rint(mbps) ? Long.toString((long) mbps) : Double.toString(mbps);
  }
}
