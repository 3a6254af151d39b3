package io.eoc.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The month partitions of {@code points} on plain PostgreSQL (schema v8): one per calendar month
 * in UTC, named {@code points_yYYYYmMM}, and {@code points_before_2000} for everything earlier
 * (device clocks that were never set should not mint a partition per month since 1970).
 *
 * <p>The sink asks for the partitions a write needs before it opens the write's transaction; a
 * missing one is created in a transaction of its own, which holds the lock on {@code points} that
 * {@code CREATE TABLE … PARTITION OF} takes only for that instant and never while this instance
 * holds row locks another writer could be waiting for. Known names are cached; two instances
 * creating the same month is harmless (the loser's duplicate error is caught and the catalogue
 * re-checked). On a database where {@code points} is not partitioned (a hypertable, or a plain
 * table) this does nothing.
 */
final class Partitions {
  private static final Logger log = LoggerFactory.getLogger(Partitions.class);
  static final Instant FLOOR = Instant.parse("2000-01-01T00:00:00Z");
  static final String BEFORE_FLOOR = "points_before_2000";
  /** duplicate_table, duplicate_object, unique_violation (pg_class), invalid_object_definition (overlap). */
  private static final Set<String> LOST_RACE = Set.of("42P07", "42710", "23505", "42P17");

  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private volatile Boolean partitioned; // null until looked up

  /** One partition: {@code [from, to)}, {@code from} empty for MINVALUE. */
  record Range(String name, Optional<Instant> from, Instant to) {
    static Range of(Instant t) {
      if (t.isBefore(FLOOR)) {
        return new Range(BEFORE_FLOOR, Optional.empty(), FLOOR);
      }
      LocalDate first = LocalDate.ofInstant(t, ZoneOffset.UTC).withDayOfMonth(1);
      return new Range(String.format("points_y%04dm%02d", first.getYear(), first.getMonthValue()),
          Optional.of(first.atStartOfDay(ZoneOffset.UTC).toInstant()), first.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    boolean contains(long epochSecond) {
      return from.map(f -> epochSecond >= f.getEpochSecond()).orElse(true) && epochSecond < to.getEpochSecond();
    }

    String createSql() {
      return "CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF points FOR VALUES FROM ("
          + from.map(f -> "'" + Timestamps.copyText(f) + "'").orElse("MINVALUE") + ") TO ('" + Timestamps.copyText(to) + "')";
    }
  }

  /**
   * Collects the partitions a write needs, point by point; consecutive points nearly always fall in
   * the month of the previous one, which is checked without any date arithmetic.
   */
  static final class Needed {
    private final Set<Range> ranges = new HashSet<>();
    private Range last;

    void add(Instant t) {
      if (last == null || !last.contains(t.getEpochSecond())) {
        last = Range.of(t);
        ranges.add(last);
      }
    }

    Set<Range> ranges() {
      return ranges;
    }
  }

  /** Makes sure every one of {@code ranges} exists as a partition of {@code points}. */
  void ensure(DataSource dataSource, Collection<Range> ranges) throws SQLException {
    if (Boolean.FALSE.equals(partitioned) || ranges.stream().allMatch(r -> known.contains(r.name()))) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true); // each CREATE is a short transaction of its own
      if (partitioned == null) {
        partitioned = isPartitioned(c);
        if (!partitioned) {
          return;
        }
      }
      known.addAll(existing(c));
      for (Range r : ranges) {
        if (!known.contains(r.name())) {
          create(c, r);
        }
      }
    }
  }

  /** Forgets what is known, after a failed write: another instance's retention may have dropped a month. */
  void forget() {
    known.clear();
    partitioned = null;
  }

  private void create(Connection c, Range r) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(r.createSql());
      log.info("created partition {} of points for [{}, {})", r.name(), r.from().map(Instant::toString).orElse("-infinity"), r.to());
    } catch (SQLException e) {
      if (!LOST_RACE.contains(e.getSQLState()) || !existing(c).contains(r.name())) {
        throw e;
      }
      log.debug("partition {} was created by another writer meanwhile", r.name());
    }
    known.add(r.name());
  }

  static boolean isPartitioned(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT relkind = 'p' FROM pg_class WHERE oid = to_regclass('points')")) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  /** Names of the partitions of {@code points} now in the catalogue. */
  static List<String> existing(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT k.relname FROM pg_inherits i JOIN pg_class k ON k.oid = i.inhrelid "
        + "WHERE i.inhparent = to_regclass('points') ORDER BY 1");
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
