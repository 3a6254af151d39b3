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
 * offers TimescaleDB, {@code points} becomes a hypertable; otherwise migration v8 partitions it by
 * month ({@link Partitions}).
 */
public final class Schema {
  private static final Logger log = LoggerFactory.getLogger(Schema.class);

  /** Chunks older than this are compressed on TimescaleDB; later writes into them still work (TimescaleDB ≥ 2.11). */
  static final String COMPRESS_AFTER = "7 days";

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

  /**
   * Uses TimescaleDB when the server has it (DESIGN: detect, don't require): {@code points} becomes
   * a hypertable with native compression of chunks older than {@link #COMPRESS_AFTER}, segmented by
   * series. Migration v8 left {@code points} plain for this, on the same check. A database migrated
   * without TimescaleDB keeps its month partitions even when the extension appears later (a
   * partitioned table cannot become a hypertable; converting is a manual step, docs/operations.md).
   *
   * <p>The TimescaleDB statements are NOT TESTED on the build machine, which has no TimescaleDB.
   */
  private static boolean enableTimescale(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'")) {
      if (!rs.next()) {
        return false;
      }
    }
    if (Partitions.isPartitioned(s.getConnection())) {
      log.warn("TimescaleDB is available, but points is already partitioned by month (created without TimescaleDB): "
          + "keeping the partitions; see docs/operations.md to convert");
      return false;
    }
    s.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
    s.execute("SELECT create_hypertable('points', 'time', if_not_exists => TRUE, migrate_data => TRUE)");
    boolean compressed;
    try (ResultSet rs = s.executeQuery("SELECT compression_enabled FROM timescaledb_information.hypertables "
        + "WHERE hypertable_name = 'points'")) {
      compressed = rs.next() && rs.getBoolean(1);
    }
    if (!compressed) { // settings cannot change once chunks are compressed, so only the first time
      s.execute("ALTER TABLE points SET (timescaledb.compress, timescaledb.compress_segmentby = 'series_id', "
          + "timescaledb.compress_orderby = 'time DESC')");
    }
    s.execute("SELECT add_compression_policy('points', INTERVAL '" + COMPRESS_AFTER + "', if_not_exists => TRUE)");
    log.info("TimescaleDB found: points is a hypertable, chunks compressed after {}", COMPRESS_AFTER);
    return true;
  }
}
