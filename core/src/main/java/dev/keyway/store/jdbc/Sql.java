package dev.keyway.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection handling shared by the JDBC stores: one connection per call, always closed; a
 * transaction at READ COMMITTED that is committed or rolled back before the connection goes back,
 * with the connection's auto-commit and isolation restored. Instants are stored as microseconds
 * since the epoch ({@code BIGINT}), the precision of a PostgreSQL timestamp.
 */
final class Sql {

  /** SQLState of a unique or primary-key violation (the same on PostgreSQL and H2). */
  static final String UNIQUE_VIOLATION = "23505";

  /** Work on one connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(Sql.class);

  private final DataSource dataSource;

  Sql(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /** Runs {@code work} with auto-commit on: each statement is its own atomic transaction. */
  <T> T autoCommit(String operation, Work<T> work) {
    return run(operation, false, work);
  }

  /**
   * Runs {@code work} in one READ COMMITTED transaction, committed when {@code work} returns and
   * rolled back when it throws. Work that decides to write nothing calls {@link
   * Connection#rollback()} itself before returning.
   */
  <T> T transaction(String operation, Work<T> work) {
    return run(operation, true, work);
  }

  private <T> T run(String operation, boolean transactional, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      int isolation = transactional ? c.getTransactionIsolation() : Connection.TRANSACTION_NONE;
      try {
        if (transactional) {
          if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
          }
          if (autoCommit) {
            c.setAutoCommit(false);
          }
        } else if (!autoCommit) {
          c.setAutoCommit(true);
        }
        T result = work.run(c);
        if (transactional) {
          c.commit();
        }
        restore(c, autoCommit, transactional, isolation, operation);
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        if (transactional) {
          rollbackQuietly(c, e);
        }
        restoreQuietly(c, autoCommit, transactional, isolation, e);
        throw e;
      }
    } catch (SQLException e) {
      throw new JdbcStoreException(operation, e);
    } catch (JdbcStoreException | IllegalArgumentException | IllegalStateException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new JdbcStoreException(operation, "unexpected error", e);
    }
  }

  /**
   * Puts auto-commit and isolation back after a successful call. The work is already committed, so
   * a failure here is logged rather than reported as a failed operation; the connection is closed
   * right after either way.
   */
  private static void restore(
      Connection c, boolean autoCommit, boolean transactional, int isolation, String operation) {
    try {
      restoreOrThrow(c, autoCommit, transactional, isolation);
    } catch (SQLException e) {
      LOG.warn(
          "JDBC store operation '{}' could not restore connection settings (SQLState {})",
          operation,
          e.getSQLState());
    }
  }

  private static void restoreQuietly(
      Connection c, boolean autoCommit, boolean transactional, int isolation, Throwable failure) {
    try {
      restoreOrThrow(c, autoCommit, transactional, isolation);
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static void restoreOrThrow(
      Connection c, boolean autoCommit, boolean transactional, int isolation) throws SQLException {
    if (c.getAutoCommit() != autoCommit) {
      c.setAutoCommit(autoCommit);
    }
    if (transactional && isolation != Connection.TRANSACTION_READ_COMMITTED) {
      c.setTransactionIsolation(isolation);
    }
  }

  private static void rollbackQuietly(Connection c, Throwable failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /** Microseconds since the epoch, rounded down. */
  static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /** The instant of a stored microsecond value. */
  static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /** {@code instant} rounded down to the stored precision. */
  static Instant truncate(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
    if (instant == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, micros(instant));
    }
  }

  static Instant getInstant(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : instant(value);
  }

  static void setString(PreparedStatement ps, int index, String value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }

  /** True for a unique or primary-key violation, however the driver wraps it. */
  static boolean isUniqueViolation(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if (UNIQUE_VIOLATION.equals(x.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
