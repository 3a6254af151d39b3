package io.eoc.ingest.services;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * 组态画面 (jiangsu-2023 §四 数据监控/组态画面: site topology, online state, abnormal state, running
 * parameters): screens defined by an engineer ({@link ScreenSpec}), stored with a version that every
 * change names (a change of an older version is refused, not lost), and their live state
 * ({@link ScreenState}) computed from the stored telemetry.
 */
public final class ScadaScreens {
  /** A device that delivered no good point for this long is offline; a value this old is stale. */
  public static final Duration DEFAULT_ONLINE_WINDOW = Duration.ofMinutes(5);
  public static final Duration MIN_ONLINE_WINDOW = Duration.ofSeconds(10);
  public static final Duration MAX_ONLINE_WINDOW = Duration.ofDays(7);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DataSource dataSource;
  private final Clock clock;

  public ScadaScreens(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  public record Screen(long id, ScreenSpec spec, int version, String createdBy, Instant createdAt, String updatedBy,
      Instant updatedAt) {}

  /** A screen as listed: without its elements, only how many it has. */
  public record Listed(long id, String name, Optional<String> description, int elements, int version, Instant updatedAt) {}

  public Screen create(Map<String, Object> json, String actor) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      ScreenSpec spec = ScreenSpec.of(json, catalogue(c));
      Instant now = clock.instant();
      long id = unique(c, spec.name(), () -> Tx.run(c, tx -> {
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO scada_screens (name, description, definition, created_by, "
            + "created_at, updated_by, updated_at, version) VALUES (?, ?, ?::jsonb, ?, ?, ?, ?, 1)", Statement.RETURN_GENERATED_KEYS)) {
          ps.setString(1, spec.name());
          ps.setString(2, spec.description().orElse(null));
          ps.setString(3, json(spec));
          ps.setString(4, actor);
          ps.setTimestamp(5, Timestamp.from(now));
          ps.setString(6, actor);
          ps.setTimestamp(7, Timestamp.from(now));
          ps.executeUpdate();
          return Inspections.generated(ps);
        }
      }));
      return screen(c, id);
    }
  }

  public List<Listed> list() throws SQLException {
    List<Listed> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT id, name, description, jsonb_array_length(definition->'elements'), version, updated_at FROM scada_screens ORDER BY name, id")) {
      while (rs.next()) {
        out.add(new Listed(rs.getLong(1), rs.getString(2), Optional.ofNullable(rs.getString(3)), rs.getInt(4), rs.getInt(5),
            rs.getTimestamp(6).toInstant()));
      }
    }
    return out;
  }

  public Screen screen(long id) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return screen(c, id);
    }
  }

  /**
   * Replaces the definition of screen {@code id} if it is still at the version the change names;
   * {@link Refusal#conflict} saying the current version if someone changed it in between.
   */
  public Screen update(long id, Map<String, Object> json, String actor) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      screen(c, id);
      ScreenSpec.Update u = ScreenSpec.update(json, catalogue(c));
      ScreenSpec spec = u.spec();
      int changed = unique(c, spec.name(), () -> Tx.run(c, tx -> {
        try (PreparedStatement ps = tx.prepareStatement("UPDATE scada_screens SET name = ?, description = ?, definition = ?::jsonb, "
            + "updated_by = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?")) {
          ps.setString(1, spec.name());
          ps.setString(2, spec.description().orElse(null));
          ps.setString(3, json(spec));
          ps.setString(4, actor);
          ps.setTimestamp(5, Timestamp.from(clock.instant()));
          ps.setLong(6, id);
          ps.setLong(7, u.version());
          return ps.executeUpdate();
        }
      }));
      if (changed == 0) {
        int current = screen(c, id).version();
        throw Refusal.conflict("scada screen " + id + " is at version " + current + ", not " + u.version()
            + ": it was changed since it was read; read it again and make the change to version " + current);
      }
      return screen(c, id);
    }
  }

  /** Deletes screen {@code id}; returns it as it was. */
  public Screen delete(long id) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      Screen s = screen(c, id);
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM scada_screens WHERE id = ?")) {
        ps.setLong(1, id);
        if (ps.executeUpdate() == 0) {
          throw notFound(id);
        }
      }
      return s;
    }
  }

  /** The live state of screen {@code id}: devices online within {@code onlineWindow}, values stale after it. */
  public ScreenState state(long id, Duration onlineWindow) throws SQLException {
    if (onlineWindow.compareTo(MIN_ONLINE_WINDOW) < 0 || onlineWindow.compareTo(MAX_ONLINE_WINDOW) > 0) {
      throw new IllegalArgumentException("'onlineWindow' must be from " + MIN_ONLINE_WINDOW + " to " + MAX_ONLINE_WINDOW + ", was "
          + onlineWindow);
    }
    try (Connection c = dataSource.getConnection()) {
      Screen s = screen(c, id);
      return ScreenState.of(c, s.spec(), s.version(), clock.instant(), onlineWindow);
    }
  }

  private static Screen screen(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT name, description, definition::text, version, created_by, created_at, "
        + "updated_by, updated_at FROM scada_screens WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw notFound(id);
        }
        Map<String, Object> json = new LinkedHashMap<>(parse(rs.getString(3)));
        json.put("name", rs.getString(1));
        Optional.ofNullable(rs.getString(2)).ifPresent(d -> json.put("description", d));
        return new Screen(id, ScreenSpec.stored(json), rs.getInt(4), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7),
            rs.getTimestamp(8).toInstant());
      }
    }
  }

  private static Refusal notFound(long id) {
    return Refusal.notFound("no scada screen " + id);
  }

  /** The devices agents reported, with their measured tags. */
  static ScreenSpec.Catalogue catalogue(Connection c) {
    return (agent, device) -> Devices.exists(c, agent, device) ? Optional.of(Devices.tags(c, agent, device)) : Optional.empty();
  }

  /** Runs a write that stores {@code name}; {@link Refusal#conflict} if another screen has that name. */
  private static <T> T unique(Connection c, String name, UniqueName.Write<T> write) throws SQLException {
    return UniqueName.write(write, () -> "a scada screen named '" + name + "' exists already" + holder(c, name)
        .map(id -> " (id " + id + ")").orElse("") + "; screen names must be unique");
  }

  private static Optional<Long> holder(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM scada_screens WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  private static String json(ScreenSpec spec) {
    try {
      return JSON.writeValueAsString(spec.definition());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a screen definition as JSON", e);
    }
  }

  private static Map<String, Object> parse(String json) {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored screen definition is not JSON: " + e.getMessage(), e);
    }
  }
}
