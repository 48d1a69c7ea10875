package dev.keyway.store.jdbc;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.client.AssertionReplayStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * An {@link AssertionReplayStore} in a relational database, shared by every server instance. The
 * table is created by {@code dev/keyway/store/jdbc/schema-assertions.sql} (a resource of this
 * jar); {@link #SCHEMA_RESOURCE} names it.
 *
 * <p>{@link #markUsed} is one short transaction: delete the same client's record for this hash if
 * it has expired, then insert; the primary key {@code (client_id, jti_hash)} decides the single
 * winner among concurrent calls on any number of servers (the losers' insert violates it and they
 * answer false). Every {@value #PURGE_EVERY}th call also deletes every expired record. A database
 * failure is thrown as an {@link IllegalStateException} (the endpoint answers {@code server_error}).
 */
public final class JdbcAssertionReplayStore implements AssertionReplayStore {

  /** The classpath resource with the table definition. */
  public static final String SCHEMA_RESOURCE = "dev/keyway/store/jdbc/schema-assertions.sql";

  static final int PURGE_EVERY = 1024;

  private static final String DELETE_EXPIRED_ONE =
      "DELETE FROM keyway_used_assertion WHERE client_id = ? AND jti_hash = ? AND expires_at <= ?";
  private static final String INSERT =
      "INSERT INTO keyway_used_assertion (client_id, jti_hash, expires_at) VALUES (?, ?, ?)";
  private static final String DELETE_EXPIRED = "DELETE FROM keyway_used_assertion WHERE expires_at < ?";

  private final DataSource dataSource;
  private final AtomicLong calls = new AtomicLong();

  /** @param dataSource where the {@code keyway_used_assertion} table lives */
  public JdbcAssertionReplayStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public boolean markUsed(TokenHash jtiHash, String clientId, Instant expiresAt, Instant now) {
    Objects.requireNonNull(jtiHash, "jtiHash");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(now, "now");
    boolean fresh;
    try (Connection c = dataSource.getConnection()) {
      fresh = insertIfAbsent(c, jtiHash, clientId, expiresAt, now);
    } catch (SQLException e) {
      throw new IllegalStateException("the assertion replay store failed", e);
    }
    if (calls.incrementAndGet() % PURGE_EVERY == 0) {
      purgeExpired(now);
    }
    return fresh;
  }

  private static boolean insertIfAbsent(
      Connection c, TokenHash jtiHash, String clientId, Instant expiresAt, Instant now) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      try (PreparedStatement delete = c.prepareStatement(DELETE_EXPIRED_ONE)) {
        delete.setString(1, clientId);
        delete.setString(2, jtiHash.value());
        delete.setLong(3, now.toEpochMilli());
        delete.executeUpdate();
      }
      try (PreparedStatement insert = c.prepareStatement(INSERT)) {
        insert.setString(1, clientId);
        insert.setString(2, jtiHash.value());
        insert.setLong(3, expiresAt.toEpochMilli());
        insert.executeUpdate();
      }
      c.commit();
      return true;
    } catch (SQLException e) {
      c.rollback();
      if (isDuplicateKey(e)) {
        return false;
      }
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** SQLSTATE class 23, integrity constraint violation (23505 unique violation on most databases). */
  private static boolean isDuplicateKey(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      String state = x.getSQLState();
      if (state != null && state.startsWith("23")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public int purgeExpired(Instant before) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement delete = c.prepareStatement(DELETE_EXPIRED)) {
      delete.setLong(1, before.toEpochMilli());
      return delete.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("purging the assertion replay store failed", e);
    }
  }
}
