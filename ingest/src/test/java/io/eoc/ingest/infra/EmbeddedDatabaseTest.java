package io.eoc.ingest.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

  @TempDir Path dataDir;

  @Test
  void rowsCommittedBeforeACloseAreReadAfterARestart() throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir);
        Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE reading (device text NOT NULL, value double precision NOT NULL)");
      s.execute("INSERT INTO reading VALUES ('press-1', 1.5), ('press-2', 2.5)");
    }
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir);
        Connection c = DriverManager.getConnection(db.jdbcUrl())) {
      assertThat(queryColumn(c, "SELECT device || '=' || value FROM reading ORDER BY device"))
          .containsExactly("press-1=1.5", "press-2=2.5");
    }
  }

  @Test
  void serverIsDurableAndListensOnLoopbackOnly() throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir);
        Connection c = db.dataSource().getConnection()) {
      assertThat(queryColumn(c, "SELECT name || '=' || setting FROM pg_settings WHERE name IN"
          + " ('fsync', 'synchronous_commit', 'full_page_writes', 'listen_addresses',"
          + " 'max_connections') ORDER BY name"))
          .containsExactly("fsync=on", "full_page_writes=on", "listen_addresses=127.0.0.1",
              "max_connections=50", "synchronous_commit=on");
      assertThat(queryColumn(c, "SHOW shared_buffers")).containsExactly("128MB");
      assertThat(queryColumn(c, "SHOW unix_socket_directories")).containsExactly("");
      assertThat(db.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
    }
  }

  @Test
  void aSecondInstanceOnTheSameDirectoryIsRefusedNamingTheDirectory() throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
      assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(dataDir.toRealPath().toString())
          .hasMessageContaining("in use");
      try (Connection c = db.dataSource().getConnection()) {
        assertThat(queryColumn(c, "SELECT 'still serving'")).containsExactly("still serving");
      }
    }
  }

  @Test
  void aServerLeftRunningByAKilledInstanceIsStoppedAndTheDataServedAgain() throws Exception {
    // A real orphan: the database's JVM is killed with SIGKILL, its postmaster keeps running.
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
        "-cp", System.getProperty("java.class.path"), DatabaseHolder.class.getName(), dataDir.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream()))) {
        assertThat(out.readLine()).startsWith("ready");
      }
      holder.destroyForcibly().waitFor();
      ProcessHandle orphan = Postmaster.running(dataDir.resolve("pgdata")).orElseThrow();
      try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir); Connection c = db.dataSource().getConnection()) {
        assertThat(orphan.isAlive() && Postmaster.running(dataDir.resolve("pgdata")).orElseThrow().pid() == orphan.pid()).isFalse();
        assertThat(queryColumn(c, "SELECT 'served again'")).containsExactly("served again");
      }
    } finally {
      holder.destroyForcibly().waitFor();
      Postmaster.running(dataDir.resolve("pgdata")).ifPresent(p -> Postmaster.stop(p, java.time.Duration.ofSeconds(30)));
    }
  }

  @Test
  void closeIsIdempotentAndStopsTheServer() throws Exception {
    EmbeddedDatabase db = EmbeddedDatabase.start(dataDir);
    String url = db.jdbcUrl();
    assertThat(Postmaster.running(dataDir.resolve("pgdata"))).isPresent();

    db.close();
    db.close();

    // The postmaster deletes postmaster.pid as the last step of its shutdown. (Its pid can stay
    // visible a while longer, until init reaps it, so ProcessHandle.isAlive() is not the test.)
    assertThat(Postmaster.running(dataDir.resolve("pgdata"))).isEmpty();
    assertThatThrownBy(() -> DriverManager.getConnection(url).close())
        .isInstanceOf(SQLException.class);
  }

  private static List<String> queryColumn(Connection c, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
