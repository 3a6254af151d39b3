package io.eoc.ingest.services;

import io.eoc.ingest.users.UserActivity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Usage history for a simulated plant: service uses and user activity written with
 * {@code backfill = true}, so that every report built on them says backfilled evidence is present.
 * Only services this cloud really serves can be backfilled — absent services stay absent — and only
 * users that exist. All rows of a request are written, or none.
 */
public final class UsageBackfill {
  public static final int MAX_ENTRIES = 100_000;
  public static final long MAX_USES = 1_000_000;
  private final DataSource dataSource;
  private final Clock clock;

  public UsageBackfill(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  public record Entry(Service service, Instant hour, long uses, Optional<String> user) {}

  public record Result(int entries, long uses, int userHours) {}

  /** Validates the parsed JSON list, reporting up to 20 problems together with their index. */
  public List<Entry> parse(List<Map<String, Object>> json) {
    if (json.isEmpty() || json.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("give 1-" + MAX_ENTRIES + " entries {service, hour, uses, user?}, got " + json.size());
    }
    List<String> errors = new ArrayList<>();
    List<Entry> out = new ArrayList<>();
    Instant now = clock.instant();
    for (int i = 0; i < json.size(); i++) {
      Optional<Entry> e = entry(json.get(i), now, "[" + i + "] ", errors);
      e.ifPresent(out::add);
      if (errors.size() >= 20) {
        break;
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid backfill: " + String.join("; ", errors));
    }
    return out;
  }

  private static Optional<Entry> entry(Map<String, Object> m, Instant now, String at, List<String> errors) {
    int before = errors.size();
    Service service = null;
    try {
      service = Service.parse(String.valueOf(m.get("service")));
    } catch (IllegalArgumentException e) {
      errors.add(at + e.getMessage());
    }
    Instant hour = null;
    try {
      hour = TimeRange.instant("hour", String.valueOf(m.get("hour")));
      if (!hour.equals(hour.truncatedTo(ChronoUnit.HOURS))) {
        errors.add(at + "hour must be the start of a UTC hour, was " + hour);
      } else if (hour.isAfter(now)) {
        errors.add(at + "hour " + hour + " is in the future");
      }
    } catch (IllegalArgumentException e) {
      errors.add(at + e.getMessage());
    }
    Object uses = m.get("uses");
    if (!(uses instanceof Integer || uses instanceof Long) || ((Number) uses).longValue() < 1 || ((Number) uses).longValue() > MAX_USES) {
      errors.add(at + "uses must be a whole number 1-" + MAX_USES + ", was " + uses);
    }
    Object user = m.get("user");
    if (user != null && !(user instanceof String)) {
      errors.add(at + "user must be a user id");
    }
    m.keySet().stream().filter(k -> !Set.of("service", "hour", "uses", "user").contains(k)).sorted()
        .forEach(k -> errors.add(at + "unknown field '" + k + "' (fields: service, hour, uses, user)"));
    return errors.size() > before ? Optional.empty()
        : Optional.of(new Entry(service, hour, ((Number) uses).longValue(), Optional.ofNullable((String) user)));
  }

  public Result apply(List<Entry> entries) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      requireUsers(c, entries);
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO service_usage (service, hour, backfill, uses) VALUES (?, ?, true, ?) "
          + "ON CONFLICT (service, hour, backfill) DO UPDATE SET uses = service_usage.uses + excluded.uses")) {
        long uses = 0;
        Set<String> userHours = new HashSet<>();
        for (Entry e : entries) {
          ps.setString(1, e.service().id());
          ps.setTimestamp(2, Timestamp.from(e.hour()));
          ps.setLong(3, e.uses());
          ps.addBatch();
          uses += e.uses();
          if (e.user().isPresent() && userHours.add(e.user().get() + "@" + e.hour())) {
            UserActivity.mark(c, e.user().get(), e.hour(), true);
          }
        }
        ps.executeBatch();
        c.commit();
        return new Result(entries.size(), uses, userHours.size());
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static void requireUsers(Connection c, List<Entry> entries) throws SQLException {
    Set<String> unknown = new TreeSet<>();
    entries.forEach(e -> e.user().ifPresent(unknown::add));
    if (unknown.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM users WHERE id = ANY (?)")) {
      ps.setArray(1, c.createArrayOf("text", unknown.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          unknown.remove(rs.getString(1));
        }
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("invalid backfill: unknown user(s) " + unknown + "; add them first (POST /api/admin/users)");
    }
  }
}
