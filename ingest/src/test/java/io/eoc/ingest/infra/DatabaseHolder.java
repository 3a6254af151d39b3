package io.eoc.ingest.infra;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link EmbeddedDatabaseTest}: starts the embedded database on the
 * directory named by the first argument, writes one line to standard output (the protocol with
 * the parent, not logging), and waits to be killed — leaving its postmaster orphaned.
 */
final class DatabaseHolder {
  private DatabaseHolder() {}

  public static void main(String[] args) throws Exception {
    EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]));
    System.out.println("ready " + db.jdbcUrl());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
