package io.eoc.ingest.services;

import io.eoc.ingest.control.CommandSender;
import io.eoc.wire.Command;
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
import java.util.UUID;
import javax.sql.DataSource;

/**
 * 决策优化/执行优化 (jiangsu-2023 §四 设备服务: self-optimising device algorithms, self-decision of
 * execution): set-point trim strategies and their decisions. An evaluation computes the strategy's
 * statistic over the last window of good stored points, reads the set point's latest good stored
 * value, decides ({@link SetpointTrim}) and stores the decision with its reason. In auto mode a
 * lower/raise is issued through {@link CommandSender}, the audited remote-control path, by
 * {@code optimiser:<strategy id>} and with an expiry of twice {@code every} (at most
 * {@link #MAX_EXPIRY}); never while the strategy's previous command is still pending (neither
 * applied, refused, failed nor expired): that is a hold saying so. Evaluations of one strategy are
 * serialised by a lock on its row, whoever asks (the scheduler, or {@code evaluate} over HTTP).
 */
public final class Optimisation {
  public static final Duration MAX_EXPIRY = Duration.ofMinutes(10);
  public static final int MAX_LIST = 500;
  private static final String COLUMNS = "id, name, agent, device, measure_tag, statistic, extract(epoch from window_length), band_low, "
      + "band_high, setpoint_tag, step, setpoint_min, setpoint_max, extract(epoch from every), mode, effect_tag, enabled, created_by, "
      + "created_at, updated_by, updated_at";
  private final DataSource dataSource;
  private final Clock clock;
  private final CommandSender sender;

  public Optimisation(DataSource dataSource, Clock clock, CommandSender sender) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.sender = sender;
  }

  public record Strategy(long id, OptimisationSpec spec, String createdBy, Instant createdAt, String updatedBy, Instant updatedAt) {}

  /** A stored decision; {@code effect} is filled in when listed and the strategy has an effect tag. */
  public record Decision(long id, long strategyId, Instant at, Optional<Double> value, int points, Optional<Double> current,
      Optional<Double> proposed, String action, String mode, Optional<String> commandId, String reason, Optional<Effect> effect) {}

  /**
   * The mean of the effect tag over the window before the decision and over the window after it
   * (empty while that window has not passed, or without points).
   */
  public record Effect(String tag, Optional<Double> before, int pointsBefore, Optional<Double> after, int pointsAfter) {
    public Optional<Double> change() {
      return before.isPresent() && after.isPresent() ? Optional.of(after.get() - before.get()) : Optional.empty();
    }
  }

  public Strategy create(Map<String, Object> json, String actor) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      OptimisationSpec spec = OptimisationSpec.of(json, ScadaScreens.catalogue(c));
      Instant now = clock.instant();
      long id = unique(c, spec.name(), () -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO optimisation_strategies (name, agent, device, measure_tag, statistic, "
            + "window_length, band_low, band_high, setpoint_tag, step, setpoint_min, setpoint_max, every, mode, effect_tag, enabled, "
            + "created_by, created_at, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?::interval, ?, ?, ?, ?, ?, ?, ?::interval, ?, ?, ?, "
            + "?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
          int i = bind(ps, spec);
          ps.setString(i++, actor);
          ps.setTimestamp(i++, Timestamp.from(now));
          ps.setString(i++, actor);
          ps.setTimestamp(i, Timestamp.from(now));
          ps.executeUpdate();
          return Inspections.generated(ps);
        }
      });
      return strategy(c, id);
    }
  }

  /** Changes the fields {@code json} gives (the others stay as they are); {@code enabled} switches the strategy on or off. */
  public Strategy update(long id, Map<String, Object> json, String actor) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      Map<String, Object> merged = new LinkedHashMap<>(strategy(c, id).spec().json());
      merged.putAll(json);
      OptimisationSpec spec = OptimisationSpec.of(merged, ScadaScreens.catalogue(c));
      unique(c, spec.name(), () -> {
        try (PreparedStatement ps = c.prepareStatement("UPDATE optimisation_strategies SET name = ?, agent = ?, device = ?, "
            + "measure_tag = ?, statistic = ?, window_length = ?::interval, band_low = ?, band_high = ?, setpoint_tag = ?, step = ?, "
            + "setpoint_min = ?, setpoint_max = ?, every = ?::interval, mode = ?, effect_tag = ?, enabled = ?, updated_by = ?, "
            + "updated_at = ? WHERE id = ?")) {
          int i = bind(ps, spec);
          ps.setString(i++, actor);
          ps.setTimestamp(i++, Timestamp.from(clock.instant()));
          ps.setLong(i, id);
          return ps.executeUpdate();
        }
      });
      return strategy(c, id);
    }
  }

  private static int bind(PreparedStatement ps, OptimisationSpec s) throws SQLException {
    int i = 1;
    ps.setString(i++, s.name());
    ps.setString(i++, s.agent());
    ps.setString(i++, s.device());
    ps.setString(i++, s.measureTag());
    ps.setString(i++, s.statistic());
    ps.setString(i++, s.window().toString());
    ps.setDouble(i++, s.bandLow());
    ps.setDouble(i++, s.bandHigh());
    ps.setString(i++, s.setpointTag());
    ps.setDouble(i++, s.step());
    ps.setDouble(i++, s.setpointMin());
    ps.setDouble(i++, s.setpointMax());
    ps.setString(i++, s.every().toString());
    ps.setString(i++, s.mode());
    ps.setString(i++, s.effectTag().orElse(null));
    ps.setBoolean(i++, s.enabled());
    return i;
  }

  /** Deletes strategy {@code id} with its decisions (the commands it issued stay); returns it as it was. */
  public Strategy delete(long id) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      Strategy s = strategy(c, id);
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM optimisation_strategies WHERE id = ?")) {
        ps.setLong(1, id);
        if (ps.executeUpdate() == 0) {
          throw notFound(id);
        }
      }
      return s;
    }
  }

  public List<Strategy> list() throws SQLException {
    List<Strategy> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT " + COLUMNS + " FROM optimisation_strategies ORDER BY name, id")) {
      while (rs.next()) {
        out.add(strategy(rs));
      }
    }
    return out;
  }

  public Strategy strategy(long id) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return strategy(c, id);
    }
  }

  private static Strategy strategy(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM optimisation_strategies WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw notFound(id);
        }
        return strategy(rs);
      }
    }
  }

  private static Strategy strategy(ResultSet rs) throws SQLException {
    OptimisationSpec spec = new OptimisationSpec(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
        seconds(rs.getDouble(7)), rs.getDouble(8), rs.getDouble(9), rs.getString(10), rs.getDouble(11), rs.getDouble(12),
        rs.getDouble(13), seconds(rs.getDouble(14)), rs.getString(15), Optional.ofNullable(rs.getString(16)), rs.getBoolean(17));
    return new Strategy(rs.getLong(1), spec, rs.getString(18), rs.getTimestamp(19).toInstant(), rs.getString(20),
        rs.getTimestamp(21).toInstant());
  }

  private static Duration seconds(double s) {
    return Duration.ofMillis(Math.round(s * 1000));
  }

  /** The enabled strategies whose {@code every} has passed since their last decision (or that have none), by id. */
  public List<Long> due() throws SQLException {
    List<Long> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT s.id FROM optimisation_strategies s "
        + "WHERE s.enabled AND (SELECT max(d.at) FROM optimisation_decisions d WHERE d.strategy_id = s.id) + s.every <= ? "
        + "OR s.enabled AND NOT EXISTS (SELECT 1 FROM optimisation_decisions d WHERE d.strategy_id = s.id) ORDER BY s.id")) {
      ps.setTimestamp(1, Timestamp.from(clock.instant()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
    }
    return out;
  }

  /** Evaluates strategy {@code id} now (enabled or not) and stores the decision; in auto mode a lower/raise is issued. */
  public Decision evaluate(long id) throws SQLException {
    return evaluate(id, false).orElseThrow();
  }

  /**
   * The scheduler's evaluation: only if the strategy is still enabled and due once its row is locked,
   * so that two cloud instances sharing the database do not both evaluate it; empty otherwise.
   */
  public Optional<Decision> evaluateIfDue(long id) throws SQLException {
    return evaluate(id, true);
  }

  private Optional<Decision> evaluate(long id, boolean onlyIfDue) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return Tx.run(c, tx -> {
        lock(tx, id);
        if (onlyIfDue && !isDue(tx, id)) {
          return Optional.<Decision>empty();
        }
        Strategy s = strategy(tx, id);
        OptimisationSpec spec = s.spec();
        Instant now = clock.instant();
        SetpointTrim.Measured measured = measure(tx, spec.agent(), spec.device(), spec.measureTag(), spec.statistic(),
            now.minus(spec.window()), now);
        Optional<Double> current = Devices.latest(tx, spec.agent(), spec.device(), spec.setpointTag()).map(Devices.Reading::value);
        SetpointTrim.Decision d = SetpointTrim.decide(spec, measured, current);
        Optional<String> command = Optional.empty();
        if (d.moves() && spec.auto()) {
          Optional<String> pending = pending(tx, id, now);
          if (pending.isPresent()) {
            d = new SetpointTrim.Decision("hold", d.value(), d.points(), d.current(), d.current(), d.reason().replaceFirst(
                ": (lower|raise) '", ": would $1 '") + ", but " + pending.get() + "; one pending command at a time: hold");
          } else {
            Duration every2 = spec.every().multipliedBy(2);
            Command sent = sender.issue(spec.agent(), spec.device(), spec.setpointTag(), d.proposed().orElseThrow(),
                every2.compareTo(MAX_EXPIRY) > 0 ? MAX_EXPIRY : every2, actor(id), actor(id));
            command = Optional.of(sent.id());
            d = new SetpointTrim.Decision(d.action(), d.value(), d.points(), d.current(), d.proposed(), d.reason() + "; command "
                + sent.id() + " sent to agent '" + spec.agent() + "', expires " + sent.expiresAt());
          }
        } else if (d.moves()) {
          d = new SetpointTrim.Decision(d.action(), d.value(), d.points(), d.current(), d.proposed(), d.reason()
              + "; advise mode: no command issued");
        }
        return Optional.of(insert(tx, id, now, d, spec.mode(), command));
      });
    }
  }

  private boolean isDue(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT s.enabled AND coalesce((SELECT max(d.at) FROM optimisation_decisions d "
        + "WHERE d.strategy_id = s.id) + s.every <= ?, true) FROM optimisation_strategies s WHERE s.id = ?")) {
      ps.setTimestamp(1, Timestamp.from(clock.instant()));
      ps.setLong(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /** Who issues a strategy's commands: {@code optimiser:<id>}. */
  public static String actor(long strategy) {
    return "optimiser:" + strategy;
  }

  /** An evaluation that failed, stored as a decision 'error' with what went wrong. */
  public Decision failed(long id, Exception e) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      String mode = strategy(c, id).spec().mode();
      return insert(c, id, clock.instant(), new SetpointTrim.Decision("error", Optional.empty(), 0, Optional.empty(), Optional.empty(),
          "evaluation failed: " + e), mode, Optional.empty());
    }
  }

  private static void lock(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM optimisation_strategies WHERE id = ? FOR UPDATE")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw notFound(id);
        }
      }
    }
  }

  /** The strategy's latest command, if still SENT before its expiry, described; empty otherwise. */
  private static Optional<String> pending(Connection c, long id, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT cm.id, cm.value, cm.issued_at, cm.expires_at FROM optimisation_decisions d "
        + "JOIN commands cm ON cm.id = d.command_id WHERE d.strategy_id = ? AND cm.status = 'SENT' AND cm.expires_at > ? "
        + "ORDER BY d.at DESC, d.id DESC LIMIT 1")) {
      ps.setLong(1, id);
      ps.setTimestamp(2, Timestamp.from(now));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of("command " + rs.getString(1) + " (value " + rs.getDouble(2) + ", issued "
            + rs.getTimestamp(3).toInstant() + ") is still pending until " + rs.getTimestamp(4).toInstant()) : Optional.empty();
      }
    }
  }

  /** Good points of a tag in (from, to]: how many, and their min, mean or max. */
  static SetpointTrim.Measured measure(Connection c, String agent, String device, String tag, String statistic, Instant from, Instant to)
      throws SQLException {
    String f = switch (statistic) {
      case "min" -> "min";
      case "max" -> "max";
      default -> "avg";
    };
    try (PreparedStatement ps = c.prepareStatement("SELECT count(p.value), " + f + "(p.value) FROM series s JOIN points p ON p.series_id = s.id "
        + "WHERE s.agent_id = ? AND s.device_id = ? AND s.tag = ? AND p.quality = 0 AND p.value IS NOT NULL AND p.time > ? AND p.time <= ?")) {
      ps.setString(1, agent);
      ps.setString(2, device);
      ps.setString(3, tag);
      ps.setTimestamp(4, Timestamp.from(from));
      ps.setTimestamp(5, Timestamp.from(to));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new SetpointTrim.Measured(rs.getInt(1), Devices.number(rs, 2));
      }
    }
  }

  private static Decision insert(Connection c, long id, Instant at, SetpointTrim.Decision d, String mode, Optional<String> command)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO optimisation_decisions (strategy_id, at, value, points, current, proposed, "
        + "action, mode, command_id, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setLong(1, id);
      ps.setTimestamp(2, Timestamp.from(at));
      Inspections.setDouble(ps, 3, d.value());
      ps.setInt(4, d.points());
      Inspections.setDouble(ps, 5, d.current());
      Inspections.setDouble(ps, 6, d.proposed());
      ps.setString(7, d.action());
      ps.setString(8, mode);
      ps.setObject(9, command.map(UUID::fromString).orElse(null), Types.OTHER);
      ps.setString(10, d.reason());
      ps.executeUpdate();
      return new Decision(Inspections.generated(ps), id, at, d.value(), d.points(), d.current(), d.proposed(), d.action(), mode, command,
          d.reason(), Optional.empty());
    }
  }

  /** Decisions, newest first, of one strategy or all, each with its effect when the strategy has an effect tag. */
  public List<Decision> decisions(Optional<Long> strategy, int limit) throws SQLException {
    Instant now = clock.instant();
    List<Decision> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT d.id, d.strategy_id, d.at, d.value, "
        + "d.points, d.current, d.proposed, d.action, d.mode, d.command_id, d.reason, s.agent, s.device, s.effect_tag, "
        + "extract(epoch from s.window_length) FROM optimisation_decisions d JOIN optimisation_strategies s ON s.id = d.strategy_id "
        + "WHERE (?::bigint IS NULL OR d.strategy_id = ?) ORDER BY d.at DESC, d.id DESC LIMIT ?")) {
      ps.setObject(1, strategy.orElse(null), Types.BIGINT);
      ps.setObject(2, strategy.orElse(null), Types.BIGINT);
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant at = rs.getTimestamp(3).toInstant();
          Optional<Effect> effect = Optional.empty();
          String tag = rs.getString(14);
          if (tag != null) {
            effect = Optional.of(effect(c, rs.getString(12), rs.getString(13), tag, at, seconds(rs.getDouble(15)), now));
          }
          out.add(new Decision(rs.getLong(1), rs.getLong(2), at, Devices.number(rs, 4), rs.getInt(5), Devices.number(rs, 6),
              Devices.number(rs, 7), rs.getString(8), rs.getString(9), Optional.ofNullable(rs.getString(10)), rs.getString(11), effect));
        }
      }
    }
    return out;
  }

  private static Effect effect(Connection c, String agent, String device, String tag, Instant at, Duration window, Instant now)
      throws SQLException {
    SetpointTrim.Measured before = measure(c, agent, device, tag, "mean", at.minus(window), at);
    SetpointTrim.Measured after = now.isBefore(at.plus(window)) ? new SetpointTrim.Measured(0, Optional.empty())
        : measure(c, agent, device, tag, "mean", at, at.plus(window));
    return new Effect(tag, before.value(), before.points(), after.value(), after.points());
  }

  private static Refusal notFound(long id) {
    return Refusal.notFound("no optimisation strategy " + id);
  }

  /** Runs a write that stores {@code name}; {@link Refusal#conflict} if another strategy has that name. */
  private static <T> T unique(Connection c, String name, UniqueName.Write<T> write) throws SQLException {
    return UniqueName.write(write, () -> "an optimisation strategy named '" + name + "' exists already; strategy names must be unique");
  }
}
