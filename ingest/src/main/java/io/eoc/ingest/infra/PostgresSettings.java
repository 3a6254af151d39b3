package io.eoc.ingest.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.Map;

/** The server and initdb settings of the embedded PostgreSQL; see {@link EmbeddedDatabase}. */
final class PostgresSettings {

  /** Generous: after an unclean stop, start-up includes WAL replay before connections open. */
  static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

  /** Passed as {@code -c name=value} on every start, so they override postgresql.conf. */
  static final Map<String, String> SERVER = Map.ofEntries(
      // Loopback only; no Unix socket, so nothing is created in /tmp and concurrent servers
      // cannot collide on a socket or its lock file. The quotes are for the shell: pg_ctl runs
      // the server through /bin/sh with zonky's options pasted into the command line.
      Map.entry("listen_addresses", "127.0.0.1"),
      Map.entry("unix_socket_directories", "''"),
      // Durable commits. zonky starts the server with -F (fsync off) and sets
      // synchronous_commit=off; -c options come after -F on the command line and win.
      Map.entry("fsync", "on"),
      Map.entry("synchronous_commit", "on"),
      Map.entry("full_page_writes", "on"),
      // Sized for a 2-core machine shared with the broker and the service.
      Map.entry("max_connections", "50"),
      Map.entry("shared_buffers", "128MB"),
      Map.entry("max_worker_processes", "4"),
      Map.entry("max_parallel_workers", "2"),
      Map.entry("max_parallel_workers_per_gather", "1"),
      Map.entry("timezone", "UTC"));

  /**
   * initdb options: the collation and character classes must not depend on the host's LANG
   * (initdb fails outright when LANG names a locale that is not installed). PostgreSQL's builtin
   * C.UTF-8 provider is the same on every machine and still knows Unicode upper/lower case.
   */
  static final Map<String, String> INITDB = Map.of(
      "locale", "C",
      "locale-provider", "builtin",
      "builtin-locale", "C.UTF-8");

  private PostgresSettings() {}

  static EmbeddedPostgres.Builder apply(EmbeddedPostgres.Builder builder) {
    SERVER.forEach(builder::setServerConfig);
    INITDB.forEach(builder::setLocaleConfig);
    return builder.setPGStartupWait(STARTUP_WAIT);
  }
}
