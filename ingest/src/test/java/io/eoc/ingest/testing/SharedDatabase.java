package io.eoc.ingest.testing;

import io.eoc.ingest.infra.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One embedded PostgreSQL per test JVM; each test gets a fresh database of its own, so tests stay
 * independent and may run in parallel without paying a server start each.
 */
public final class SharedDatabase {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedDatabase server;
  private static Path dir;

  private SharedDatabase() {}

  /** A new, empty database on the shared server. */
  public static synchronized DataSource freshDatabase() {
    EmbeddedDatabase db = server();
    String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(db.jdbcUrl().replace("/postgres?", "/" + name + "?"));
    return ds;
  }

  private static EmbeddedDatabase server() {
    if (server == null) {
      try {
        dir = Files.createTempDirectory("eoc-shared-pg");
        server = EmbeddedDatabase.start(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(SharedDatabase::stop, "shared-pg-stop"));
    }
    return server;
  }

  private static synchronized void stop() {
    if (server != null) {
      server.close();
      server = null;
      deleteQuietly(dir);
    }
  }

  private static void deleteQuietly(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // temp dir: the OS cleans it eventually
    }
  }
}
