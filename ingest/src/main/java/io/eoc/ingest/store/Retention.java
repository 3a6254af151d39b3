package io.eoc.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long raw points are kept ({@code eoc cloud --retention}); without a period, everything is.
 *
 * <p>On plain PostgreSQL, whole month partitions of {@code points} whose upper bound is older than
 * now − retention are dropped, on start and then daily, each drop logged. A partition is dropped
 * only when every row it can hold is past the period, so a point is kept at least that long. Only
 * raw points go: {@code rollups}, {@code device_hours} and {@code batches} (the evidence of what was
 * stored) are kept.
 *
 * <p>With TimescaleDB the extension's own scheduler does the work: {@code add_retention_policy} on
 * the hypertable (replacing an earlier one; removed when no period is given). That path is present
 * but NOT TESTED here: the build machine has no TimescaleDB.
 */
public final class Retention {
  private static final Logger log = LoggerFactory.getLogger(Retention.class);
  /** Waits this long for the lock on {@code points}, then tries again the next day rather than stall the sink. */
  private static final Pattern MONTH = Pattern.compile("points_y(\\d{4,})m(\\d{2})");
  private static final String LOCK_TIMEOUT = "5s";
  private final DataSource dataSource;
  private final Duration keep;
  private final Clock clock;

  Retention(DataSource dataSource, Duration keep, Clock clock) {
    if (keep.isNegative() || keep.isZero()) {
      throw new IllegalArgumentException("retention must be positive, was " + keep);
    }
    this.dataSource = dataSource;
    this.keep = keep;
    this.clock = clock;
  }

  /**
   * Applies {@code keep} to {@code points}: on TimescaleDB as a policy, otherwise by dropping old
   * partitions now and every day on a thread of its own, until closed.
   */
  public static AutoCloseable start(DataSource dataSource, Optional<Duration> keep, boolean timescale, Clock clock)
      throws SQLException {
    if (timescale) {
      timescalePolicy(dataSource, keep);
      return () -> { };
    }
    if (keep.isEmpty()) {
      log.info("retention: raw points are kept for ever (eoc cloud --retention 400d to drop older months)");
      return () -> { };
    }
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "eoc-retention");
      t.setDaemon(true);
      return t;
    });
    Retention retention = new Retention(dataSource, keep.get(), clock);
    timer.scheduleWithFixedDelay(retention::runQuietly, 0, 1, TimeUnit.DAYS);
    return timer::shutdownNow;
  }

  /** Drops every month partition of {@code points} entirely older than now − retention; returns their names. */
  List<String> run() throws SQLException {
    Instant cutoff = clock.instant().minus(keep);
    List<String> dropped = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      for (String name : expired(c, cutoff)) {
        drop(c, name);
        dropped.add(name);
        log.info("retention {}: dropped partition {} of points (all its rows older than {}); rollups and batches are kept",
            keep, name, cutoff);
      }
    }
    return dropped;
  }

  private void runQuietly() {
    try {
      run();
    } catch (SQLException | RuntimeException e) {
      // The thread boundary: a failed run (a lock not granted in time, a lost connection) is retried the next day.
      log.warn("retention run failed, will try again in a day: {}", e.getMessage(), e);
    }
  }

  /**
   * Partitions whose upper bound is at or before {@code cutoff}, from the names the sink gives them
   * (a table an operator attached under another name is left alone).
   */
  private static List<String> expired(Connection c, Instant cutoff) throws SQLException {
    List<String> out = new ArrayList<>();
    for (String name : Partitions.existing(c)) {
      Optional<Instant> upper = upperBound(name);
      if (upper.isPresent() && !upper.get().isAfter(cutoff)) {
        out.add(name);
      }
    }
    return out;
  }

  static Optional<Instant> upperBound(String name) {
    if (name.equals(Partitions.BEFORE_FLOOR)) {
      return Optional.of(Partitions.FLOOR);
    }
    Matcher m = MONTH.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1).plusMonths(1)
        .atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  private static void drop(Connection c, String name) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
      s.execute("DROP TABLE IF EXISTS " + name); // IF EXISTS: another instance may have dropped it just now
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** TimescaleDB: the extension's retention policy on the hypertable. NOT TESTED here (no TimescaleDB on the build machine). */
  private static void timescalePolicy(DataSource dataSource, Optional<Duration> keep) throws SQLException {
    try (Connection c = dataSource.getConnection();
         PreparedStatement remove = c.prepareStatement("SELECT remove_retention_policy('points', if_exists => TRUE)")) {
      remove.execute(); // a changed or removed --retention replaces the earlier policy
      if (keep.isEmpty()) {
        log.info("retention: raw points are kept for ever (TimescaleDB, no retention policy)");
        return;
      }
      try (PreparedStatement add = c.prepareStatement("SELECT add_retention_policy('points', ?::bigint * interval '1 second')")) {
        add.setLong(1, keep.get().toSeconds());
        add.execute();
      }
      log.info("retention: TimescaleDB drops chunks of points older than {}", keep.get());
    }
  }

  /** Parses {@code 400d}, {@code 12h} or an ISO-8601 duration ({@code P400D}). */
  public static Duration parse(String text) {
    String t = text.trim();
    try {
      if (t.matches("\\d+d")) {
        return Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.matches("\\d+h")) {
        return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      return Duration.parse(t);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException("retention must be like 400d, 36h or an ISO-8601 duration (P400D), was '" + text + "'");
    }
  }
}
