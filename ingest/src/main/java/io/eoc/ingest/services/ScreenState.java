package io.eoc.ingest.services;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The live state of a screen's elements, read from the stored telemetry when asked (never stored).
 * A device is online when it delivered a good point of a measured tag within the online window —
 * the notion online-rate counts by the hour (an hour with a good point is online) — and abnormal
 * while one of its alarms is active: the latest good point of its {@code alarm:<name>} tag is not 0,
 * as {@link Alarms} reads the edge's alarms. A value shows its tag's latest point of any quality and
 * is abnormal when that point is of bad quality, older than the window ({@code stale}) or outside
 * the element's [min, max]; a tag with no point yet is {@code no-data}, which is not abnormal.
 *
 * @param version the version of the screen's definition the state is of
 * @param devices the state of each device element, by element id, in screen order
 * @param values the state of each value element, by element id, in screen order
 */
public record ScreenState(int version, Instant at, Duration onlineWindow, Map<String, DeviceState> devices, Map<String, ValueState> values) {
  public static final String NORMAL = "normal";
  public static final String NO_DATA = "no-data";
  public static final String BAD_QUALITY = "bad-quality";
  public static final String STALE = "stale";
  public static final String BELOW_MIN = "below-min";
  public static final String ABOVE_MAX = "above-max";

  public ScreenState {
    devices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(devices));
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** @param activeAlarms the names of the device's active alarms, sorted */
  public record DeviceState(String agent, String device, boolean online, Optional<Instant> lastSeen, List<String> activeAlarms) {
    public DeviceState {
      activeAlarms = List.copyOf(activeAlarms);
    }

    public boolean abnormal() {
      return !activeAlarms.isEmpty();
    }
  }

  /** @param status {@link #NORMAL}, {@link #NO_DATA}, or what makes it abnormal: bad quality, stale, below min, above max */
  public record ValueState(Optional<Double> value, Optional<Integer> quality, Optional<Instant> time, String status) {
    public boolean abnormal() {
      return !status.equals(NORMAL) && !status.equals(NO_DATA);
    }
  }

  /** The distinct devices of the device elements. */
  public long devicesTotal() {
    return devices.values().stream().map(d -> d.agent() + "/" + d.device()).distinct().count();
  }

  public long devicesOnline() {
    return devices.values().stream().filter(DeviceState::online).map(d -> d.agent() + "/" + d.device()).distinct().count();
  }

  /** Abnormal device and value elements. */
  public long abnormal() {
    return devices.values().stream().filter(DeviceState::abnormal).count() + values.values().stream().filter(ValueState::abnormal).count();
  }

  private record Key(String agent, String device, String tag) {}

  private record Seen(Optional<Instant> lastSeen, List<String> alarms) {}

  private record Latest(Instant time, Optional<Double> value, int quality) {}

  static ScreenState of(Connection c, ScreenSpec spec, int version, Instant now, Duration window) throws SQLException {
    Instant since = now.minus(window);
    Map<Key, Seen> seen = seen(c, spec.elements().stream().filter(ScreenSpec.Device.class::isInstance).map(ScreenSpec.Device.class::cast)
        .map(d -> new Key(d.agent(), d.device(), "")).toList());
    Map<Key, Latest> latest = latest(c, spec.elements().stream().filter(ScreenSpec.Value.class::isInstance)
        .map(ScreenSpec.Value.class::cast).map(v -> new Key(v.agent(), v.device(), v.tag())).toList());
    Map<String, DeviceState> devices = new LinkedHashMap<>();
    Map<String, ValueState> values = new LinkedHashMap<>();
    for (ScreenSpec.Element e : spec.elements()) {
      if (e instanceof ScreenSpec.Device d) {
        Seen s = seen.get(new Key(d.agent(), d.device(), ""));
        boolean online = s.lastSeen().filter(t -> !t.isBefore(since)).isPresent();
        devices.put(d.id(), new DeviceState(d.agent(), d.device(), online, s.lastSeen(), s.alarms()));
      } else if (e instanceof ScreenSpec.Value v) {
        Optional<Latest> l = Optional.ofNullable(latest.get(new Key(v.agent(), v.device(), v.tag())));
        values.put(v.id(), new ValueState(l.flatMap(Latest::value), l.map(Latest::quality), l.map(Latest::time),
            l.map(p -> status(v, p, since)).orElse(NO_DATA)));
      }
    }
    return new ScreenState(version, now, window, devices, values);
  }

  private static String status(ScreenSpec.Value v, Latest p, Instant since) {
    if (p.quality() != 0 || p.value().isEmpty()) {
      return BAD_QUALITY;
    }
    if (p.time().isBefore(since)) {
      return STALE;
    }
    double x = p.value().get();
    if (v.min().filter(min -> x < min).isPresent()) {
      return BELOW_MIN;
    }
    return v.max().filter(max -> x > max).isPresent() ? ABOVE_MAX : NORMAL;
  }

  /** Per device: its latest good point of a measured tag, and its active alarms. */
  private static Map<Key, Seen> seen(Connection c, List<Key> keys) throws SQLException {
    Set<Key> distinct = new LinkedHashSet<>(keys);
    Map<Key, Seen> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT w.agent, w.device,
               (SELECT max(p.time) FROM series s
                  CROSS JOIN LATERAL (SELECT time FROM points WHERE series_id = s.id AND quality = 0 ORDER BY time DESC LIMIT 1) p
                 WHERE s.agent_id = w.agent AND s.device_id = w.device AND s.tag NOT LIKE '%:%'),
               ARRAY(SELECT substr(s.tag, ?) FROM series s
                  CROSS JOIN LATERAL (SELECT value FROM points WHERE series_id = s.id AND quality = 0 ORDER BY time DESC LIMIT 1) p
                 WHERE s.agent_id = w.agent AND s.device_id = w.device AND s.tag LIKE ? AND p.value <> 0 ORDER BY s.tag)
          FROM unnest(?::text[], ?::text[]) AS w(agent, device)""")) {
      ps.setInt(1, Alarms.PREFIX.length() + 1);
      ps.setString(2, Alarms.PREFIX + "%");
      ps.setArray(3, c.createArrayOf("text", distinct.stream().map(Key::agent).toArray()));
      ps.setArray(4, c.createArrayOf("text", distinct.stream().map(Key::device).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Array alarms = rs.getArray(4);
          out.put(new Key(rs.getString(1), rs.getString(2), ""), new Seen(Devices.instant(rs.getTimestamp(3)),
              Arrays.stream((Object[]) alarms.getArray()).map(String::valueOf).toList()));
        }
      }
    }
    return out;
  }

  /** Per tag: its latest point of any quality; a tag with no point is missing. */
  private static Map<Key, Latest> latest(Connection c, List<Key> keys) throws SQLException {
    Set<Key> distinct = new LinkedHashSet<>(keys);
    Map<Key, Latest> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT w.agent, w.device, w.tag, p.time, p.value, p.quality
          FROM unnest(?::text[], ?::text[], ?::text[]) AS w(agent, device, tag)
          JOIN series s ON s.agent_id = w.agent AND s.device_id = w.device AND s.tag = w.tag
          CROSS JOIN LATERAL (SELECT time, value, quality FROM points WHERE series_id = s.id ORDER BY time DESC LIMIT 1) p""")) {
      ps.setArray(1, c.createArrayOf("text", distinct.stream().map(Key::agent).toArray()));
      ps.setArray(2, c.createArrayOf("text", distinct.stream().map(Key::device).toArray()));
      ps.setArray(3, c.createArrayOf("text", distinct.stream().map(Key::tag).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Optional<Double> value = Devices.number(rs, 5).filter(Double::isFinite);
          out.put(new Key(rs.getString(1), rs.getString(2), rs.getString(3)), new Latest(rs.getTimestamp(4).toInstant(), value,
              rs.getInt(6)));
        }
      }
    }
    return out;
  }
}
