package io.eoc.edge.host;

import io.eoc.config.ConfigNode;
import io.eoc.edge.config.ProtocolBinder;
import io.eoc.wire.EquipmentCategory;
import io.eoc.wire.host.NetCounters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Binds {@code protocol: host} devices: the machine the agent runs on, measured for jiangsu-2018
 * §四 综合绩效 (business hosts' CPU utilisation and bandwidth usage rate). The interface is checked
 * against this host's {@code /proc/net/dev} at start-up, so a typo is an error that lists the
 * interfaces there are, not a series of bad points. Every problem goes through the node with file
 * and line; the result is always a valid record so binding goes on and all problems come out together.
 */
public final class HostBinder implements ProtocolBinder {
  static final String PROTOCOL = "host";
  static final String LOOPBACK = NetCounters.LOOPBACK;
  private static final List<String> FIELDS = List.of("interface", "link-mbps", "proc-dir");

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public Optional<EquipmentCategory> defaultCategory() {
    return Optional.of(EquipmentCategory.BUSINESS_HOST);
  }

  @Override
  public String defaultKind() {
    return "host";
  }

  @Override
  public HostDevice bind(ConfigNode d) {
    Path procDir = Path.of(d.string("proc-dir", "/proc"));
    double mbps = 1;
    if (!d.has("link-mbps")) {
      d.get("link-mbps").problem("missing value; the declared link capacity in Mbit/s (the bandwidth bought, "
          + "against which bandwidth usage is measured), e.g. link-mbps: 100");
    } else {
      mbps = d.get("link-mbps").asDouble("a number of Mbit/s above 0, e.g. 100", v -> v > 0).orElse(1);
    }
    return new HostDevice(procDir, networkInterface(d, procDir), mbps);
  }

  /** The configured interface if this host has it; else the only non-loopback one; else a problem. */
  private static String networkInterface(ConfigNode d, Path procDir) {
    List<String> present;
    Path netDev = procDir.resolve("net/dev");
    try {
      present = List.copyOf(NetCounters.parse(Files.readString(netDev)).keySet());
    } catch (IOException e) {
      (d.has("proc-dir") ? d.get("proc-dir") : d).problem("cannot read " + netDev + " (" + e.getMessage()
          + "); the host probe runs on Linux, where procfs is mounted at /proc");
      return d.string("interface", "unknown");
    }
    List<String> candidates = present.stream().filter(i -> !i.equals(LOOPBACK)).toList();
    if (d.has("interface")) {
      String name = d.string("interface");
      if (!present.contains(name)) {
        d.get("interface").problem("no interface '" + name + "' on this host; available: " + listed(present));
      }
      return name.isEmpty() ? "unknown" : name;
    }
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    d.get("interface").problem(candidates.isEmpty()
        ? "missing value; this host has no interface other than " + LOOPBACK + " in " + netDev
        : "missing value; this host has several interfaces, name the one business traffic uses; available: "
            + listed(candidates));
    return "unknown";
  }

  private static String listed(List<String> names) {
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }
}
