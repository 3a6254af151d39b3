package io.eoc.ingest.services;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * 工单管理 (jiangsu-2023 §四 设备管理/工单管理: work-order types, trigger conditions, closed-loop flow):
 * work orders raised by hand, from an alarm or from an abnormal inspection item, assigned to an
 * operator or admin, moved through {@link WorkOrderState} with every step kept with its time and
 * actor. A maintenance order that is done becomes a maintenance record (维修保养), in one transaction.
 */
public final class WorkOrders {
  public static final int MAX_LIST = 500;
  private static final Set<String> ASSIGN_FIELDS = Set.of("assignee", "note");
  private static final Set<String> STATE_FIELDS = Set.of("state", "note", "maintenance");
  private static final String COLUMNS = "id, agent, device, kind, title, description, state, assignee, alarm, alarm_raised_at, "
      + "inspection_record_id, inspection_item, maintenance_plan_id, created_by, created_at, updated_at, "
      + "(SELECT id FROM maintenance_records m WHERE m.work_order_id = w.id)";
  private final DataSource dataSource;
  private final Clock clock;

  public WorkOrders(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  public record Event(Instant at, String by, String action, Optional<String> from, Optional<String> to, Optional<String> assignee,
      Optional<String> note) {}

  public record Order(long id, String agent, String device, String kind, String title, Optional<String> description, WorkOrderState state,
      Optional<String> assignee, Optional<WorkOrderSpec.AlarmRef> alarm, Optional<WorkOrderSpec.InspectionRef> inspection,
      Optional<Long> maintenancePlan, Optional<Long> maintenanceRecord, String createdBy, Instant createdAt, Instant updatedAt,
      List<Event> events) {
    public Order {
      events = List.copyOf(events);
    }
  }

  public record Filter(Optional<WorkOrderState> state, Optional<String> agent, Optional<String> device, Optional<String> assignee,
      int limit) {}

  public Order create(WorkOrderSpec spec, String actor) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      String[] device = device(c, spec);
      Devices.require(c, device[0], device[1]);
      if (spec.alarm().isPresent()) {
        requireAlarm(c, device[0], device[1], spec.alarm().get());
      }
      if (spec.maintenancePlan().isPresent()) {
        Maintenance.Plan p = new Maintenance(dataSource, clock).plan(spec.maintenancePlan().get());
        if (!p.agent().equals(device[0]) || !p.device().equals(device[1])) {
          throw new IllegalArgumentException("invalid work order: maintenance plan " + p.id() + " is for device " + p.agent() + "/"
              + p.device() + ", not " + device[0] + "/" + device[1]);
        }
      }
      if (spec.assignee().isPresent()) {
        requireAssignable(c, spec.assignee().get());
      }
      Instant now = clock.instant();
      long id = Tx.run(c, tx -> {
        long order = insert(tx, spec, device, actor, now);
        event(tx, order, now, actor, "create", Optional.empty(), Optional.of(WorkOrderState.OPEN), Optional.empty(), spec.description());
        if (spec.assignee().isPresent()) {
          event(tx, order, now, actor, "assign", Optional.empty(), Optional.empty(), spec.assignee(), Optional.empty());
        }
        return order;
      });
      return find(id);
    }
  }

  /** The device named, or the inspection round's; both given must agree. */
  private static String[] device(Connection c, WorkOrderSpec spec) throws SQLException {
    if (spec.inspection().isEmpty()) {
      return new String[] {spec.agent().orElseThrow(), spec.device().orElseThrow()};
    }
    WorkOrderSpec.InspectionRef ref = spec.inspection().get();
    try (PreparedStatement ps = c.prepareStatement("SELECT p.agent, p.device, res.result FROM inspection_records r "
        + "JOIN inspection_plans p ON p.id = r.plan_id LEFT JOIN inspection_results res ON res.record_id = r.id AND res.item = ? "
        + "WHERE r.id = ?")) {
      ps.setString(1, ref.item());
      ps.setLong(2, ref.record());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw Refusal.notFound("no inspection record " + ref.record());
        }
        if (rs.getString(3) == null) {
          throw Refusal.notFound("inspection record " + ref.record() + " has no item '" + ref.item() + "'");
        }
        if (!rs.getString(3).equals("abnormal")) {
          throw Refusal.conflict("item '" + ref.item() + "' of inspection record " + ref.record() + " is ok; a work order from an "
              + "inspection needs an abnormal item");
        }
        String[] d = {rs.getString(1), rs.getString(2)};
        if (spec.agent().filter(a -> !a.equals(d[0])).isPresent() || spec.device().filter(x -> !x.equals(d[1])).isPresent()) {
          throw new IllegalArgumentException("invalid work order: inspection record " + ref.record() + " is of device " + d[0] + "/" + d[1]
              + ", not " + spec.agent().orElse(d[0]) + "/" + spec.device().orElse(d[1]));
        }
        return d;
      }
    }
  }

  /** The alarm must have been raised (a non-zero {@code alarm:<name>} point) on the device at that instant. */
  private static void requireAlarm(Connection c, String agent, String device, WorkOrderSpec.AlarmRef alarm) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM series s JOIN points p ON p.series_id = s.id WHERE s.agent_id = ? "
        + "AND s.device_id = ? AND s.tag = ? AND p.time = ? AND p.quality = 0 AND p.value <> 0")) {
      ps.setString(1, agent);
      ps.setString(2, device);
      ps.setString(3, "alarm:" + alarm.name());
      ps.setTimestamp(4, Timestamp.from(alarm.raisedAt()));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw Refusal.notFound("no alarm '" + alarm.name() + "' raised at " + alarm.raisedAt() + " on device " + agent + "/" + device
              + " (see GET /api/alarms?agent=" + agent + "&device=" + device + ")");
        }
      }
    }
  }

  private static void requireAssignable(Connection c, String user) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT role, disabled_at FROM users WHERE id = ?")) {
      ps.setString(1, user);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getTimestamp(2) != null) {
          throw new IllegalArgumentException("invalid assignee: no enabled user '" + user + "'");
        }
        if (rs.getString(1).equals("assessor")) {
          throw new IllegalArgumentException("invalid assignee: '" + user + "' is an assessor (read-only); assign an operator or admin");
        }
      }
    }
  }

  private static long insert(Connection c, WorkOrderSpec spec, String[] device, String actor, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO work_orders (agent, device, kind, title, description, state, assignee, "
        + "alarm, alarm_raised_at, inspection_record_id, inspection_item, maintenance_plan_id, created_by, created_at, updated_at) "
        + "VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, device[0]);
      ps.setString(2, device[1]);
      ps.setString(3, spec.kind());
      ps.setString(4, spec.title());
      ps.setString(5, spec.description().orElse(null));
      ps.setString(6, spec.assignee().orElse(null));
      ps.setString(7, spec.alarm().map(WorkOrderSpec.AlarmRef::name).orElse(null));
      ps.setTimestamp(8, spec.alarm().map(a -> Timestamp.from(a.raisedAt())).orElse(null));
      ps.setObject(9, spec.inspection().map(WorkOrderSpec.InspectionRef::record).orElse(null), Types.BIGINT);
      ps.setString(10, spec.inspection().map(WorkOrderSpec.InspectionRef::item).orElse(null));
      ps.setObject(11, spec.maintenancePlan().orElse(null), Types.BIGINT);
      ps.setString(12, actor);
      ps.setTimestamp(13, Timestamp.from(now));
      ps.setTimestamp(14, Timestamp.from(now));
      ps.executeUpdate();
      return Inspections.generated(ps);
    }
  }

  public Order assign(long id, Map<String, Object> json, String actor) throws SQLException {
    Fields f = new Fields(json, ASSIGN_FIELDS);
    String assignee = f.text("assignee", true).orElse("");
    Optional<String> note = f.text("note", false);
    f.check("assignment");
    try (Connection c = dataSource.getConnection()) {
      requireAssignable(c, assignee);
      Instant now = clock.instant();
      Tx.run(c, tx -> {
        WorkOrderState state = lock(tx, id);
        if (state.isFinal()) {
          throw Refusal.conflict("work order " + id + " is " + state.id() + " (final) and cannot be reassigned");
        }
        update(tx, "UPDATE work_orders SET assignee = ?, updated_at = ? WHERE id = ?", assignee, now, id);
        event(tx, id, now, actor, "assign", Optional.empty(), Optional.empty(), Optional.of(assignee), note);
        return null;
      });
    }
    return find(id);
  }

  /** Moves the order to {@code state}; done of a maintenance order writes its maintenance record. */
  public Order transition(long id, Map<String, Object> json, String actor) throws SQLException {
    Fields f = new Fields(json, STATE_FIELDS);
    Optional<String> to = f.choice("state", true, WorkOrderState.IDS);
    Optional<String> note = f.text("note", false);
    Optional<Map<String, Object>> work = f.object("maintenance");
    f.check("state change");
    WorkOrderState target = WorkOrderState.parse(to.orElseThrow());
    Order before = find(id);
    before.state().requireNext(id, target);
    boolean record = target == WorkOrderState.DONE && before.kind().equals("maintenance");
    if (work.isPresent() && !record) {
      throw new IllegalArgumentException("invalid state change: field 'maintenance' is only for state done of a work order of kind "
          + "maintenance (this one is " + before.kind() + ", going to " + target.id() + ")");
    }
    Instant now = clock.instant();
    Optional<MaintenanceWork> done = Optional.empty();
    if (record) {
      Fields w = new Fields(work.orElse(Map.of()), MaintenanceWork.FIELDS, "maintenance.", new ArrayList<>());
      done = Optional.of(MaintenanceWork.read(w, Optional.of(note.orElse(before.title())), now));
      w.check("state change");
    }
    Optional<MaintenanceWork> maintenance = done;
    try (Connection c = dataSource.getConnection()) {
      Tx.run(c, tx -> {
        WorkOrderState current = lock(tx, id);
        current.requireNext(id, target); // again under the lock: a concurrent change may have won
        update(tx, "UPDATE work_orders SET state = ?, updated_at = ? WHERE id = ?", target.id(), now, id);
        event(tx, id, now, actor, "state", Optional.of(current), Optional.of(target), Optional.empty(), note);
        if (maintenance.isPresent()) {
          Maintenance.insert(tx, before.agent(), before.device(), before.maintenancePlan(), Optional.of(id), maintenance.get(),
              before.assignee().map(a -> "user:" + a).orElse(actor), now);
        }
        return null;
      });
    }
    return find(id);
  }

  private static WorkOrderState lock(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT state FROM work_orders WHERE id = ? FOR UPDATE")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw Refusal.notFound("no work order " + id);
        }
        return WorkOrderState.parse(rs.getString(1));
      }
    }
  }

  private static void update(Connection c, String sql, String value, Instant now, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, value);
      ps.setTimestamp(2, Timestamp.from(now));
      ps.setLong(3, id);
      ps.executeUpdate();
    }
  }

  private static void event(Connection c, long order, Instant at, String actor, String action, Optional<WorkOrderState> from,
      Optional<WorkOrderState> to, Optional<String> assignee, Optional<String> note) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO work_order_events (work_order_id, at, by_actor, action, from_state, "
        + "to_state, assignee, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, order);
      ps.setTimestamp(2, Timestamp.from(at));
      ps.setString(3, actor);
      ps.setString(4, action);
      ps.setString(5, from.map(WorkOrderState::id).orElse(null));
      ps.setString(6, to.map(WorkOrderState::id).orElse(null));
      ps.setString(7, assignee.orElse(null));
      ps.setString(8, note.orElse(null));
      ps.executeUpdate();
    }
  }

  public Order find(long id) throws SQLException {
    List<Order> found = query("w.id = ?", List.of(id), 1);
    return found.stream().findFirst().orElseThrow(() -> Refusal.notFound("no work order " + id));
  }

  /** Newest first. */
  public List<Order> list(Filter f) throws SQLException {
    List<Object> params = new ArrayList<>();
    List<String> where = new ArrayList<>(List.of("true"));
    f.state().ifPresent(s -> { where.add("w.state = ?"); params.add(s.id()); });
    f.agent().ifPresent(a -> { where.add("w.agent = ?"); params.add(a); });
    f.device().ifPresent(d -> { where.add("w.device = ?"); params.add(d); });
    f.assignee().ifPresent(a -> { where.add("w.assignee = ?"); params.add(a); });
    return query(String.join(" AND ", where), params, f.limit());
  }

  private List<Order> query(String where, List<Object> params, int limit) throws SQLException {
    List<Order> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM work_orders w WHERE " + where + " ORDER BY w.id DESC LIMIT ?")) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      ps.setInt(params.size() + 1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(order(c, rs));
        }
      }
    }
    return out;
  }

  private static Order order(Connection c, ResultSet rs) throws SQLException {
    long id = rs.getLong(1);
    String alarmName = rs.getString(9);
    Timestamp raisedAt = rs.getTimestamp(10);
    Optional<WorkOrderSpec.AlarmRef> alarm = alarmName == null ? Optional.empty()
        : Optional.of(new WorkOrderSpec.AlarmRef(alarmName, raisedAt.toInstant()));
    Optional<Long> record = Maintenance.optionalLong(rs, 11);
    String item = rs.getString(12);
    Optional<WorkOrderSpec.InspectionRef> inspection = record.map(r -> new WorkOrderSpec.InspectionRef(r, item));
    return new Order(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), Optional.ofNullable(rs.getString(6)),
        WorkOrderState.parse(rs.getString(7)), Optional.ofNullable(rs.getString(8)), alarm, inspection, Maintenance.optionalLong(rs, 13),
        Maintenance.optionalLong(rs, 17), rs.getString(14), rs.getTimestamp(15).toInstant(), rs.getTimestamp(16).toInstant(),
        events(c, id));
  }

  private static List<Event> events(Connection c, long order) throws SQLException {
    List<Event> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT at, by_actor, action, from_state, to_state, assignee, note "
        + "FROM work_order_events WHERE work_order_id = ? ORDER BY id")) {
      ps.setLong(1, order);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Event(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), Optional.ofNullable(rs.getString(4)),
              Optional.ofNullable(rs.getString(5)), Optional.ofNullable(rs.getString(6)), Optional.ofNullable(rs.getString(7))));
        }
      }
    }
    return out;
  }
}
