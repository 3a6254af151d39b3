package io.eoc.edge.mqtt;

import com.fasterxml.jackson.core.JsonPointer;
import io.eoc.config.ConfigNode;
import io.eoc.edge.config.ProtocolBinder;
import io.eoc.edge.filter.FilterConfigBinder;
import io.eoc.wire.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds {@code protocol: mqtt} devices. Every problem is reported through the node with file and
 * line; the result is always a valid record so binding goes on and all problems come out together.
 */
public final class MqttBinder implements ProtocolBinder {
  static final String PROTOCOL = "mqtt";
  private static final List<String> FIELDS = List.of("broker", "username", "password", "client-id", "topics",
      "timestamp", "tags", "trust-store", "trust-store-password", "connect-timeout", "buffer-points");
  private static final Map<String, TimestampSpec.Format> FORMATS = Map.of(
      "iso", TimestampSpec.Format.ISO, "epoch-ms", TimestampSpec.Format.EPOCH_MS, "epoch-s", TimestampSpec.Format.EPOCH_S);
  private static final String BROKER = "(tcp|ssl)://[^/:\\s]+:\\d{1,5}";
  private static final JsonPointer PLACEHOLDER = JsonPointer.compile("/value");

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public MqttDevice bind(ConfigNode d) {
    String broker = d.string("broker");
    if (!broker.isEmpty() && !broker.matches(BROKER)) {
      d.get("broker").problem("expected tcp://host:port or ssl://host:port, found '" + broker + "'");
    }
    Optional<String> username = d.optionalString("username");
    Optional<String> password = d.optionalString("password");
    if (password.isPresent() && username.isEmpty()) {
      d.get("password").problem("a password needs a username");
    }
    Optional<Path> trustStore = d.optionalString("trust-store").map(Path::of);
    trustStore.filter(p -> !Files.isReadable(p)).ifPresent(p ->
        d.get("trust-store").problem("cannot read trust store '" + p + "' (a PKCS#12 or JKS file)"));
    if (trustStore.isPresent() && !broker.startsWith("ssl://")) {
      d.get("trust-store").problem("a trust store is used only with an ssl:// broker");
    }
    List<MqttDevice.Subscription> topics = d.list("topics", MqttBinder::topic);
    if (topics.isEmpty()) {
      d.get("topics").problem("no topics: list at least one, e.g. [{filter: plant/+/wind-1/telemetry, qos: 1}]");
    }
    TimestampSpec timestamp = d.has("timestamp") ? timestamp(d.get("timestamp").requireMapping()) : TimestampSpec.RECEIVE_TIME;
    List<MqttTag> tags = d.list("tags", MqttBinder::tag);
    if (tags.isEmpty()) {
      d.get("tags").problem("no tags: list at least one, e.g. [{tag: wind_speed, pointer: /values/wind_speed}]");
    }
    Duration connectTimeout = d.duration("connect-timeout", Duration.ofSeconds(5), Duration.ofSeconds(1));
    int buffer = d.integer("buffer-points", 10_000, 1, 1_000_000);
    return new MqttDevice(broker.isEmpty() ? "tcp://invalid:1883" : broker, username, password,
        d.optionalString("client-id"), topics.isEmpty() ? List.of(new MqttDevice.Subscription("#", 0)) : topics,
        timestamp, tags.isEmpty() ? List.of(placeholderTag()) : tags, trustStore,
        d.optionalString("trust-store-password"), connectTimeout, buffer);
  }

  private static MqttDevice.Subscription topic(ConfigNode t) {
    t.requireMapping();
    t.allowOnly("filter", "qos");
    String filter = t.string("filter");
    if (!filter.isEmpty() && !validFilter(filter)) {
      t.get("filter").problem("not a valid topic filter '" + filter
          + "': levels separated by /, + alone in a level, # alone and last (MQTT 5 §4.7.1)");
    }
    return new MqttDevice.Subscription(filter.isEmpty() ? "#" : filter, t.integer("qos", 1, 0, 1));
  }

  /** MQTT 5 §4.7.1: '+' occupies a whole level; '#' a whole level and only the last. */
  static boolean validFilter(String filter) {
    String[] levels = filter.split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      if ((level.contains("+") && !level.equals("+")) || (level.contains("#") && !(level.equals("#") && i == levels.length - 1))) {
        return false;
      }
    }
    return !filter.isEmpty() && filter.indexOf('\u0000') < 0;
  }

  private static TimestampSpec timestamp(ConfigNode t) {
    t.allowOnly("pointer", "format");
    Optional<JsonPointer> pointer = Optional.of(pointer(t));
    TimestampSpec.Format format = t.choice("format", FORMATS, TimestampSpec.Format.ISO);
    return new TimestampSpec(pointer, format == null ? TimestampSpec.Format.ISO : format);
  }

  private static MqttTag tag(ConfigNode r) {
    r.requireMapping();
    r.allowOnly("tag", "pointer", "unit", "scale", "offset", "filter");
    String tag = r.string("tag");
    if (!tag.isEmpty() && !Names.isValid(tag)) {
      r.get("tag").problem("'" + tag + "' is not a valid name; allowed: " + Names.rule());
    }
    JsonPointer pointer = pointer(r);
    double scale = r.number("scale", 1.0);
    double offset = r.number("offset", 0.0);
    return new MqttTag(Names.isValid(tag) ? tag : "invalid", pointer, r.string("unit", ""),
        Double.isFinite(scale) ? scale : 1.0, Double.isFinite(offset) ? offset : 0.0, FilterConfigBinder.bind(r));
  }

  /** RFC 6901: empty (the whole document) or '/'-separated, with ~0 for '~' and ~1 for '/'. */
  private static JsonPointer pointer(ConfigNode node) {
    String text = node.string("pointer");
    if (text.isEmpty()) {
      return PLACEHOLDER;
    }
    try {
      return JsonPointer.compile(text);
    } catch (IllegalArgumentException e) {
      node.get("pointer").problem("not a JSON Pointer '" + text + "'; expected e.g. /values/wind_speed (RFC 6901)");
      return PLACEHOLDER;
    }
  }

  private static MqttTag placeholderTag() {
    return new MqttTag("invalid", PLACEHOLDER, "", 1, 0, io.eoc.edge.filter.FilterConfig.ANALOG);
  }
}
