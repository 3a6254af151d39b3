package io.eoc.ingest.services;

import java.math.BigDecimal;
import java.sql.Array;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * 维修保养 (jiangsu-2023 §四 设备管理/维修保养: maintenance plans, repair requests, on-site operation,
 * maintenance decisions): plans repeat every so many days; a record says what was done, with which
 * parts, at what cost and by whom. The next maintenance of a plan is due its interval after the last
 * record of the plan (or after the plan was made); past that it is overdue. Intervals are in days
 * only: running-hour intervals would need each device's running-hours tag and its resets, which the
 * agents do not report uniformly yet.
 */
public final class Maintenance {
  public static final long MAX_INTERVAL_DAYS = 3660;
  private static final Set<String> PLAN_FIELDS = Set.of("agent", "device", "name", "intervalDays");
  private final DataSource dataSource;
  private final Clock clock;

  public Maintenance(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  public record Plan(long id, String agent, String device, String name, int intervalDays, String createdBy, Instant createdAt,
      Optional<Instant> lastDone, Instant nextDue, boolean overdue) {}

  public record Record(long id, String agent, String device, Optional<Long> plan, Optional<Long> workOrder, String work,
      List<String> parts, BigDecimal costCny, String performedBy, Instant performedAt, Instant recordedAt) {
    public Record {
      parts = List.copyOf(parts);
    }
  }

  public Plan createPlan(Map<String, Object> json, String actor) throws SQLException {
    Fields f = new Fields(json, PLAN_FIELDS);
    String agent = f.name("agent", true).orElse("");
    String device = f.name("device", true).orElse("");
    String name = f.text("name", true).orElse("");
    long days = f.whole("intervalDays", true, 1, MAX_INTERVAL_DAYS).orElse(1L);
    f.check("maintenance plan");
    try (Connection c = dataSource.getConnection()) {
      Devices.require(c, agent, device);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO maintenance_plans (agent, device, name, interval_days, created_by, "
          + "created_at) VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, agent);
        ps.setString(2, device);
        ps.setString(3, name);
        ps.setInt(4, (int) days);
        ps.setString(5, actor);
        ps.setTimestamp(6, Timestamp.from(clock.instant()));
        ps.executeUpdate();
        return plan(Inspections.generated(ps));
      }
    }
  }

  public Plan plan(long id) throws SQLException {
    return plans(Optional.empty(), Optional.empty(), Optional.of(id)).stream().findFirst()
        .orElseThrow(() -> Refusal.notFound("no maintenance plan " + id));
  }

  public List<Plan> plans(Optional<String> agent, Optional<String> device, Optional<Long> id) throws SQLException {
    Instant now = clock.instant();
    List<Plan> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
        SELECT p.id, p.agent, p.device, p.name, p.interval_days, p.created_by, p.created_at,
               (SELECT max(performed_at) FROM maintenance_records r WHERE r.plan_id = p.id)
          FROM maintenance_plans p
         WHERE (?::text IS NULL OR p.agent = ?) AND (?::text IS NULL OR p.device = ?) AND (?::bigint IS NULL OR p.id = ?)
         ORDER BY p.id""")) {
      Devices.bindFilters(ps, agent, device, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant created = rs.getTimestamp(7).toInstant();
          Optional<Instant> last = Devices.instant(rs.getTimestamp(8));
          Instant due = last.orElse(created).plus(Duration.ofDays(rs.getInt(5)));
          out.add(new Plan(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6), created,
              last, due, now.isAfter(due)));
        }
      }
    }
    return out;
  }

  /** Plans past their next due date, the longest overdue first. */
  public List<Plan> overdue() throws SQLException {
    return plans(Optional.empty(), Optional.empty(), Optional.empty()).stream().filter(Plan::overdue)
        .sorted(Comparator.comparing(Plan::nextDue)).toList();
  }

  public Record record(MaintenanceRecordSpec spec, String actor) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      Devices.require(c, spec.agent(), spec.device());
      if (spec.plan().isPresent()) {
        Plan p = plan(spec.plan().get());
        if (!p.agent().equals(spec.agent()) || !p.device().equals(spec.device())) {
          throw new IllegalArgumentException("invalid maintenance record: plan " + p.id() + " is for device " + p.agent() + "/"
              + p.device() + ", not " + spec.agent() + "/" + spec.device());
        }
      }
      long id = insert(c, spec.agent(), spec.device(), spec.plan(), Optional.empty(), spec.work(), actor, clock.instant());
      return records(Optional.empty(), Optional.empty(), Optional.of(id)).get(0);
    }
  }

  /** Inserts a record on {@code c} (in the caller's transaction when a work order is done). */
  static long insert(Connection c, String agent, String device, Optional<Long> plan, Optional<Long> workOrder, MaintenanceWork w,
      String actor, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO maintenance_records (agent, device, plan_id, work_order_id, work, parts, "
        + "cost_cny, performed_by, performed_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, agent);
      ps.setString(2, device);
      ps.setObject(3, plan.orElse(null), Types.BIGINT);
      ps.setObject(4, workOrder.orElse(null), Types.BIGINT);
      ps.setString(5, w.work());
      ps.setArray(6, c.createArrayOf("text", w.parts().toArray()));
      ps.setBigDecimal(7, w.costCny());
      ps.setString(8, w.performedBy().orElse(actor));
      ps.setTimestamp(9, Timestamp.from(w.performedAt().orElse(now)));
      ps.setTimestamp(10, Timestamp.from(now));
      ps.executeUpdate();
      return Inspections.generated(ps);
    }
  }

  /** Records, newest first; {@code id} selects one. */
  public List<Record> records(Optional<String> agent, Optional<String> device, Optional<Long> id) throws SQLException {
    List<Record> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
        SELECT id, agent, device, plan_id, work_order_id, work, parts, cost_cny, performed_by, performed_at, recorded_at
          FROM maintenance_records
         WHERE (?::text IS NULL OR agent = ?) AND (?::text IS NULL OR device = ?) AND (?::bigint IS NULL OR id = ?)
         ORDER BY performed_at DESC, id DESC LIMIT 500""")) {
      Devices.bindFilters(ps, agent, device, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Array parts = rs.getArray(7);
          out.add(new Record(rs.getLong(1), rs.getString(2), rs.getString(3), optionalLong(rs, 4), optionalLong(rs, 5), rs.getString(6),
              List.of((String[]) parts.getArray()), rs.getBigDecimal(8), rs.getString(9), rs.getTimestamp(10).toInstant(),
              rs.getTimestamp(11).toInstant()));
        }
      }
    }
    return out;
  }

  static Optional<Long> optionalLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }

}
