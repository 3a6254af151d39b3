package io.eoc.ingest.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the schema: versioned SQL files applied once each, in order, recorded in
 * {@code schema_version}, under an advisory lock so that two cloud instances starting together
 * do not race. When the database offers TimescaleDB, {@code points} becomes a hypertable.
 */
public final class Schema {
  private static final Logger log = LoggerFactory.getLogger(Schema.class);
  private static final List<String> MIGRATIONS = List.of("V1__telemetry.sql", "V2__evidence_chain.sql");
  private static final long LOCK_KEY = 0x656f63L; // "eoc"

  private Schema() {}

  /** Applies pending migrations; returns whether TimescaleDB is in use. */
  public static boolean migrate(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
      try {
        s.execute("CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, script text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        int current = currentVersion(s);
        for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
          apply(c, v, MIGRATIONS.get(v - 1));
        }
        return enableTimescale(s);
      } finally {
        s.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
      }
    }
  }

  private static int currentVersion(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void apply(Connection c, int version, String script) throws SQLException {
    String sql = resource("/db/" + script);
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute(sql);
      s.execute("INSERT INTO schema_version (version, script) VALUES (" + version + ", '" + script + "')");
      c.commit();
      log.info("database schema migrated to version {} ({})", version, script);
    } catch (SQLException e) {
      c.rollback();
      throw new SQLException("schema migration " + script + " failed: " + e.getMessage(), e);
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /** Uses TimescaleDB when the server has it: hypertable on points (DESIGN: detect, don't require). */
  private static boolean enableTimescale(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'")) {
      if (!rs.next()) {
        return false;
      }
    }
    s.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
    s.execute("SELECT create_hypertable('points', 'time', if_not_exists => TRUE, migrate_data => TRUE)");
    log.info("TimescaleDB found: points is a hypertable");
    return true;
  }

  private static String resource(String name) throws SQLException {
    try (InputStream in = Schema.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new SQLException("migration script " + name + " missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SQLException("cannot read " + name, e);
    }
  }
}
