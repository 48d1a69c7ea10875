package dev.keyway.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A portable insert-or-replace of one row without read-then-write: {@code UPDATE}; if no row
 * matched, {@code INSERT}; if that insert loses to a concurrent insert of the same key (unique
 * violation), {@code UPDATE} again. Both statements take the same parameters in the same order.
 * Runs with auto-commit on, so each statement is atomic on its own.
 */
final class Upsert {

  /** Binds the parameters shared by the update and the insert. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private static final int ATTEMPTS = 3;

  private Upsert() {}

  static void run(Connection c, String update, String insert, Binder binder) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      if (execute(c, update, binder) > 0) {
        return;
      }
      try {
        execute(c, insert, binder);
        return;
      } catch (SQLException e) {
        if (!Sql.isUniqueViolation(e) || attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static int execute(Connection c, String sql, Binder binder) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate();
    }
  }
}
