package io.eoc.edge.opcua;

import io.eoc.config.ConfigNode;
import io.eoc.edge.DeviceDriver;
import io.eoc.edge.config.DeviceConfig;
import io.eoc.edge.config.ProtocolBinder;
import io.eoc.edge.config.ProtocolDevice;
import io.eoc.edge.config.TagSpec;
import io.eoc.edge.filter.FilterConfigBinder;
import io.eoc.edge.opcua.OpcUaSettings.Deadband;
import io.eoc.edge.opcua.OpcUaSettings.Identity;
import io.eoc.edge.opcua.OpcUaSettings.Mode;
import io.eoc.edge.opcua.OpcUaSettings.NodeSpec;
import io.eoc.edge.opcua.OpcUaSettings.ReadMode;
import io.eoc.edge.opcua.OpcUaSettings.Security;
import io.eoc.wire.Names;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Binds devices of protocol {@code opc-ua}; every problem is reported with file and line. */
public final class OpcUaBinder implements ProtocolBinder {
  public static final String PROTOCOL = "opc-ua";
  private static final Pattern ENDPOINT = Pattern.compile("opc\\.tcp://[^/:\\s]+(:\\d{1,5})?(/\\S*)?");
  private static final Pattern NODE_ID = Pattern.compile("(ns=\\d+;)?[isgb]=.+");
  private static final Duration MIN_SAMPLING = Duration.ofMillis(50);

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  @Override
  public List<String> fields() {
    return List.of("endpoint", "security-policy", "security-mode", "identity", "pki-dir", "mode",
        "sampling", "nodes");
  }

  @Override
  public ProtocolDevice bind(ConfigNode d) {
    String endpoint = d.string("endpoint");
    if (d.has("endpoint") && !ENDPOINT.matcher(endpoint).matches()) {
      d.get("endpoint").problem("expected opc.tcp://host:port/path, found '" + endpoint + "'");
    }
    Security security = orElse(d.choice("security-policy", securities(), Security.NONE), Security.NONE);
    Mode mode = orElse(d.choice("security-mode", modes(), security == Security.NONE ? Mode.NONE
        : Mode.SIGN_AND_ENCRYPT), Mode.NONE);
    if ((security == Security.NONE) != (mode == Mode.NONE)) {
      d.get("security-mode").problem("security-policy none goes with security-mode none only, and "
          + "a security policy needs security-mode sign or sign-and-encrypt");
    }
    Identity identity = d.has("identity") ? identity(d.get("identity")) : Identity.ANONYMOUS;
    Path pki = Path.of(d.string("pki-dir", "pki/opc-ua"));
    ReadMode read = orElse(d.choice("mode", Map.of("subscription", ReadMode.SUBSCRIPTION,
        "poll", ReadMode.POLL), ReadMode.SUBSCRIPTION), ReadMode.SUBSCRIPTION);
    Duration sampling = d.duration("sampling", Duration.ofMillis(500), MIN_SAMPLING);
    List<NodeSpec> nodes = d.list("nodes", OpcUaBinder::node);
    if (!d.has("nodes") || nodes.isEmpty()) {
      d.get("nodes").problem("an opc-ua device needs at least one entry in nodes: "
          + "{tag, node: \"ns=2;s=...\"}");
    }
    Set<String> tags = new HashSet<>();
    List<ConfigNode> items = d.list("nodes");
    for (int i = 0; i < nodes.size(); i++) {
      if (!tags.add(nodes.get(i).tag().tag())) {
        items.get(i).get("tag").problem("tag " + nodes.get(i).tag().tag() + " is used twice");
      }
    }
    return new OpcUaDevice(new OpcUaSettings(endpoint, security, mode, identity, pki, read,
        sampling, nodes));
  }

  private static NodeSpec node(ConfigNode n) {
    n.allowOnly("tag", "node", "unit", "deadband-absolute", "deadband-percent", "filter");
    String tag = n.string("tag");
    if (n.has("tag") && !Names.isValid(tag)) {
      n.get("tag").problem("invalid tag name '" + tag + "'");
      tag = "invalid";
    } else if (!n.has("tag")) {
      tag = "invalid";
    }
    String node = n.string("node");
    if (n.has("node") && !NODE_ID.matcher(node).matches()) {
      n.get("node").problem("expected a node id such as ns=2;s=boiler-1.steam_pressure or "
          + "ns=3;i=1001, found '" + node + "'");
    }
    Deadband deadband = Deadband.NONE;
    if (n.has("deadband-absolute") && n.has("deadband-percent")) {
      n.get("deadband-percent").problem("use deadband-absolute or deadband-percent, not both");
    } else if (n.has("deadband-absolute")) {
      deadband = new Deadband(false, nonNegative(n.get("deadband-absolute"), Double.MAX_VALUE));
    } else if (n.has("deadband-percent")) {
      deadband = new Deadband(true, nonNegative(n.get("deadband-percent"), 100));
    }
    return new NodeSpec(new TagSpec(tag, n.string("unit", ""), FilterConfigBinder.bind(n)), node,
        deadband);
  }

  private static double nonNegative(ConfigNode n, double max) {
    double v = n.asDouble();
    if (v < 0 || v > max) {
      n.problem("expected a number from 0 to " + (max == 100 ? "100" : "any") + ", found " + v);
      return 0;
    }
    return v;
  }

  private static Identity identity(ConfigNode n) {
    if (!n.isMapping()) {
      String v = n.asString();
      if (!v.equals("anonymous")) {
        n.problem("expected anonymous or {username, password}, found '" + v + "'");
      }
      return Identity.ANONYMOUS;
    }
    n.allowOnly("username", "password");
    return new Identity(Optional.of(n.string("username")), n.string("password"));
  }

  private static Map<String, Security> securities() {
    Map<String, Security> m = new LinkedHashMap<>();
    m.put("none", Security.NONE);
    m.put("basic256sha256", Security.BASIC256SHA256);
    m.put("aes256-sha256-rsapss", Security.AES256_SHA256_RSAPSS);
    return m;
  }

  private static Map<String, Mode> modes() {
    Map<String, Mode> m = new LinkedHashMap<>();
    m.put("none", Mode.NONE);
    m.put("sign", Mode.SIGN);
    m.put("sign-and-encrypt", Mode.SIGN_AND_ENCRYPT);
    return m;
  }

  private static <T> T orElse(T value, T fallback) {
    return value == null ? fallback : value;
  }

  /** A bound opc-ua device. */
  record OpcUaDevice(OpcUaSettings settings) implements ProtocolDevice {
    @Override
    public String protocol() {
      return PROTOCOL;
    }

    @Override
    public String endpoint() {
      return settings.endpoint();
    }

    @Override
    public List<TagSpec> tags() {
      return settings.nodes().stream().map(NodeSpec::tag).toList();
    }

    @Override
    public boolean readsEveryTagEachPoll() {
      return settings.mode() == ReadMode.POLL;
    }

    @Override
    public DeviceDriver createDriver(DeviceConfig device, Clock clock) {
      return new OpcUaDriver(device.id(), settings, clock);
    }
  }
}
