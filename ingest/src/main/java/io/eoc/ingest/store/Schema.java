package io.eoc.ingest.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the schema with Flyway (versioned scripts in {@code db/}, applied once each,
 * under Flyway's lock so that cloud instances starting together do not race). When the database
 * offers TimescaleDB, {@code points} becomes a hypertable.
 */
public final class Schema {
  private static final Logger log = LoggerFactory.getLogger(Schema.class);

  private Schema() {}

  /** Applies pending migrations; returns whether TimescaleDB is in use. */
  public static boolean migrate(DataSource dataSource) throws SQLException {
    try {
      MigrateResult result = Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db")
          .table("schema_history")
          .load()
          .migrate();
      if (result.migrationsExecuted > 0) {
        log.info("database schema migrated to version {} ({} migration(s))", result.targetSchemaVersion, result.migrationsExecuted);
      }
    } catch (FlywayException e) {
      throw new SQLException("schema migration failed: " + e.getMessage(), e);
    }
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      return enableTimescale(s);
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
}
