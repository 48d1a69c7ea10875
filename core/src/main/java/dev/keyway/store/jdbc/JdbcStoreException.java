package dev.keyway.store.jdbc;

import java.sql.SQLException;

/**
 * A JDBC store operation failed: the database was unreachable, a statement failed, or a row could
 * not be read back. The operation wrote nothing (every transition runs in one transaction that is
 * rolled back on failure).
 *
 * <p>The message names the operation and the SQLState only, never a parameter value. The cause is
 * the driver's {@link SQLException}; a store binds nothing secret (only hashes, identifiers and
 * request metadata), so the driver's own message cannot carry a credential either.
 */
public final class JdbcStoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String sqlState;

  /** A failure of {@code operation} caused by the database. */
  public JdbcStoreException(String operation, SQLException cause) {
    super(message(operation, cause.getSQLState()), cause);
    this.sqlState = cause.getSQLState();
  }

  /**
   * A failure of {@code operation} with no SQL error (for example a row that cannot be decoded).
   */
  public JdbcStoreException(String operation, String reason, Throwable cause) {
    super("JDBC store operation '" + operation + "' failed: " + reason, cause);
    this.sqlState = null;
  }

  /** The SQLState of the underlying error, or {@code null} when there is none. */
  public String sqlState() {
    return sqlState;
  }

  private static String message(String operation, String sqlState) {
    return "JDBC store operation '"
        + operation
        + "' failed"
        + (sqlState == null ? "" : " (SQLState " + sqlState + ")");
  }
}
