package io.eoc.ingest.services;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
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
 * 设备点检 (jiangsu-2023 §四 设备管理/设备点检: timed reminders, location check-in, result reporting):
 * plans say what to check on a device and how often; a round reports a result per item. An item
 * tied to a tag gets the tag's latest good stored value, and a value outside the item's range makes
 * the item abnormal whatever the operator reported — the record says so. A plan with no round within
 * its interval (counted from the last round, or from the plan's creation) is overdue.
 */
public final class Inspections {
  public static final int MAX_ITEMS = 50;
  public static final long MAX_INTERVAL_HOURS = 24L * 366;
  public static final int MAX_LIST = 500;
  private final DataSource dataSource;
  private final Clock clock;

  public Inspections(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  public record Item(String name, Optional<String> tag, Optional<Double> min, Optional<Double> max) {}

  public record Plan(long id, String agent, String device, String name, int intervalHours, List<Item> items, String createdBy,
      Instant createdAt, Optional<Instant> lastRound, Instant due, boolean overdue) {
    public Plan {
      items = List.copyOf(items);
    }
  }

  /** @param marked why the result differs from what was reported, or why no value is attached */
  public record Result(String item, String reported, String result, Optional<String> note, Optional<String> tag,
      Optional<Double> value, Optional<Instant> valueTime, Optional<String> marked) {}

  public record Round(long id, long planId, String agent, String device, String submittedBy, Instant submittedAt,
      Optional<String> location, List<Result> results) {
    public Round {
      results = List.copyOf(results);
    }

    public boolean abnormal() {
      return results.stream().anyMatch(r -> r.result().equals("abnormal"));
    }
  }

  public Plan createPlan(InspectionPlanSpec spec, String actor) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      Devices.require(c, spec.agent(), spec.device());
      List<String> tags = Devices.tags(c, spec.agent(), spec.device());
      List<String> unknown = spec.items().stream().flatMap(i -> i.tag().stream()).filter(t -> !tags.contains(t)).distinct().toList();
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException("invalid inspection plan: device '" + spec.device() + "' has no tag(s) " + unknown
            + "; its tags: " + tags);
      }
      long id = Tx.run(c, tx -> {
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO inspection_plans (agent, device, name, interval_hours, created_by, "
            + "created_at) VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
          ps.setString(1, spec.agent());
          ps.setString(2, spec.device());
          ps.setString(3, spec.name());
          ps.setInt(4, spec.intervalHours());
          ps.setString(5, actor);
          ps.setTimestamp(6, Timestamp.from(clock.instant()));
          ps.executeUpdate();
          long plan = generated(ps);
          insertItems(tx, plan, spec.items());
          return plan;
        }
      });
      return plan(id);
    }
  }

  private static void insertItems(Connection c, long plan, List<Item> items) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO inspection_items (plan_id, position, name, tag, min_value, max_value) "
        + "VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < items.size(); i++) {
        Item it = items.get(i);
        ps.setLong(1, plan);
        ps.setInt(2, i);
        ps.setString(3, it.name());
        ps.setString(4, it.tag().orElse(null));
        setDouble(ps, 5, it.min());
        setDouble(ps, 6, it.max());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  public Plan plan(long id) throws SQLException {
    return plans(Optional.empty(), Optional.empty(), Optional.of(id)).stream().findFirst()
        .orElseThrow(() -> Refusal.notFound("no inspection plan " + id));
  }

  public List<Plan> plans(Optional<String> agent, Optional<String> device, Optional<Long> id) throws SQLException {
    Instant now = clock.instant();
    List<Plan> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
        SELECT p.id, p.agent, p.device, p.name, p.interval_hours, p.created_by, p.created_at,
               (SELECT max(submitted_at) FROM inspection_records r WHERE r.plan_id = p.id)
          FROM inspection_plans p
         WHERE (?::text IS NULL OR p.agent = ?) AND (?::text IS NULL OR p.device = ?) AND (?::bigint IS NULL OR p.id = ?)
         ORDER BY p.id""")) {
      Devices.bindFilters(ps, agent, device, id);
      Map<Long, List<Item>> items = items(c);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant created = rs.getTimestamp(7).toInstant();
          Optional<Instant> last = Devices.instant(rs.getTimestamp(8));
          Instant due = last.orElse(created).plus(Duration.ofHours(rs.getInt(5)));
          out.add(new Plan(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
              items.getOrDefault(rs.getLong(1), List.of()), rs.getString(6), created, last, due, now.isAfter(due)));
        }
      }
    }
    return out;
  }

  /** Plans with no round within their interval, the longest overdue first. */
  public List<Plan> overdue() throws SQLException {
    return plans(Optional.empty(), Optional.empty(), Optional.empty()).stream().filter(Plan::overdue)
        .sorted(java.util.Comparator.comparing(Plan::due)).toList();
  }

  private static Map<Long, List<Item>> items(Connection c) throws SQLException {
    Map<Long, List<Item>> out = new LinkedHashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT plan_id, name, tag, min_value, max_value FROM inspection_items ORDER BY plan_id, position")) {
      while (rs.next()) {
        out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Item(rs.getString(2), Optional.ofNullable(rs.getString(3)),
            Devices.number(rs, 4), Devices.number(rs, 5)));
      }
    }
    return out;
  }

  /** Stores a round of {@code planId}: a result for every item, tag values attached and checked. */
  public Round submit(long planId, InspectionRound round, String actor) throws SQLException {
    Plan plan = plan(planId);
    round.requireCovers(plan);
    try (Connection c = dataSource.getConnection()) {
      List<Result> results = new ArrayList<>();
      for (Item item : plan.items()) {
        InspectionRound.Reported r = round.results().stream().filter(x -> x.item().equals(item.name())).findFirst().orElseThrow();
        results.add(check(c, plan, item, r));
      }
      Instant now = clock.instant();
      long id = Tx.run(c, tx -> {
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO inspection_records (plan_id, submitted_by, submitted_at, location) "
            + "VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
          ps.setLong(1, planId);
          ps.setString(2, actor);
          ps.setTimestamp(3, Timestamp.from(now));
          ps.setString(4, round.location().orElse(null));
          ps.executeUpdate();
          long record = generated(ps);
          insertResults(tx, record, results);
          return record;
        }
      });
      return new Round(id, planId, plan.agent(), plan.device(), actor, now, round.location(), results);
    }
  }

  private static Result check(Connection c, Plan plan, Item item, InspectionRound.Reported r) throws SQLException {
    if (item.tag().isEmpty()) {
      return new Result(item.name(), r.result(), r.result(), r.note(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
    String tag = item.tag().get();
    Optional<Devices.Reading> reading = Devices.latest(c, plan.agent(), plan.device(), tag);
    if (reading.isEmpty()) {
      return new Result(item.name(), r.result(), r.result(), r.note(), item.tag(), Optional.empty(), Optional.empty(),
          Optional.of("no good value of tag '" + tag + "' is stored; the reported result stands"));
    }
    double v = reading.get().value();
    boolean below = item.min().filter(min -> v < min).isPresent();
    boolean above = item.max().filter(max -> v > max).isPresent();
    Optional<String> marked = Optional.empty();
    String result = r.result();
    if (below || above) {
      result = "abnormal";
      marked = Optional.of("value " + v + " of tag '" + tag + "' at " + reading.get().time() + " is outside the expected range "
          + range(item) + (r.result().equals("ok") ? "; marked abnormal although reported ok" : ""));
    }
    return new Result(item.name(), r.result(), result, r.note(), item.tag(), Optional.of(v), Optional.of(reading.get().time()), marked);
  }

  static String range(Item item) {
    return "[" + item.min().map(String::valueOf).orElse("-∞") + ", " + item.max().map(String::valueOf).orElse("+∞") + "]";
  }

  private static void insertResults(Connection c, long record, List<Result> results) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO inspection_results (record_id, position, item, reported, result, note, "
        + "tag, value, value_time, marked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < results.size(); i++) {
        Result r = results.get(i);
        ps.setLong(1, record);
        ps.setInt(2, i);
        ps.setString(3, r.item());
        ps.setString(4, r.reported());
        ps.setString(5, r.result());
        ps.setString(6, r.note().orElse(null));
        ps.setString(7, r.tag().orElse(null));
        setDouble(ps, 8, r.value());
        ps.setTimestamp(9, r.valueTime().map(Timestamp::from).orElse(null));
        ps.setString(10, r.marked().orElse(null));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Rounds, newest first, filtered by plan and device. */
  public List<Round> rounds(Optional<String> agent, Optional<String> device, Optional<Long> plan, int limit) throws SQLException {
    List<Round> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
        SELECT r.id, r.plan_id, p.agent, p.device, r.submitted_by, r.submitted_at, r.location
          FROM inspection_records r JOIN inspection_plans p ON p.id = r.plan_id
         WHERE (?::text IS NULL OR p.agent = ?) AND (?::text IS NULL OR p.device = ?) AND (?::bigint IS NULL OR p.id = ?)
         ORDER BY r.submitted_at DESC, r.id DESC LIMIT ?""")) {
      Devices.bindFilters(ps, agent, device, plan);
      ps.setInt(7, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Round(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getTimestamp(6).toInstant(), Optional.ofNullable(rs.getString(7)), results(c, rs.getLong(1))));
        }
      }
    }
    return out;
  }

  private static List<Result> results(Connection c, long record) throws SQLException {
    List<Result> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT item, reported, result, note, tag, value, value_time, marked "
        + "FROM inspection_results WHERE record_id = ? ORDER BY position")) {
      ps.setLong(1, record);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Result(rs.getString(1), rs.getString(2), rs.getString(3), Optional.ofNullable(rs.getString(4)),
              Optional.ofNullable(rs.getString(5)), Devices.number(rs, 6), Devices.instant(rs.getTimestamp(7)),
              Optional.ofNullable(rs.getString(8))));
        }
      }
    }
    return out;
  }


  static long generated(PreparedStatement ps) throws SQLException {
    try (ResultSet keys = ps.getGeneratedKeys()) {
      keys.next();
      return keys.getLong(1);
    }
  }

  static void setDouble(PreparedStatement ps, int index, Optional<Double> v) throws SQLException {
    if (v.isPresent()) {
      ps.setDouble(index, v.get());
    } else {
      ps.setNull(index, Types.DOUBLE);
    }
  }
}
