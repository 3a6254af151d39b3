package io.eoc.ingest.services;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs work in one transaction on a connection: committed when it returns, rolled back when it throws. */
final class Tx {
  private Tx() {}

  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  static <T> T run(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }
}
