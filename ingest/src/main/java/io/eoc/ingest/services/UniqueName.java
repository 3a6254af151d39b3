package io.eoc.ingest.services;

import java.sql.SQLException;

/** Writes of a name that must be unique (screens, strategies): a duplicate is a 409 that says so, not a SQL error. */
final class UniqueName {
  /** PostgreSQL's unique_violation. */
  static final String VIOLATION = "23505";

  private UniqueName() {}

  @FunctionalInterface
  interface Write<T> {
    T run() throws SQLException;
  }

  @FunctionalInterface
  interface Message {
    String text() throws SQLException;
  }

  /** Runs {@code write}; a unique violation becomes {@link Refusal#conflict} with {@code conflict}'s text. */
  static <T> T write(Write<T> write, Message conflict) throws SQLException {
    try {
      return write.run();
    } catch (SQLException e) {
      if (!VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      throw Refusal.conflict(conflict.text());
    }
  }
}
