package dev.keyway.store.jdbc;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.client.AssertionReplayStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * An {@link AssertionReplayStore} in a relational database, shared by every server instance. Its
 * table comes from {@value #SCHEMA_RESOURCE} (apart from the main {@code schema.sql}); {@link
 * #createSchema} runs it, idempotently.
 *
 * <p>{@link #markUsed} is one short transaction: delete this client's record for the hash if it has
 * expired, then insert. The primary key {@code (client_id, jti_hash)} decides the single winner
 * among concurrent calls on any number of servers: a loser's insert violates it, its transaction is
 * rolled back and it answers false. Every {@value #PURGE_EVERY}th call also deletes every expired
 * record. A database failure is a {@link JdbcStoreException} (the endpoint answers {@code
 * server_error}); nothing is written then.
 */
public final class JdbcAssertionReplayStore implements AssertionReplayStore {

  /** The classpath resource with the table definition. */
  public static final String SCHEMA_RESOURCE = "dev/keyway/store/jdbc/schema-assertions.sql";

  static final int PURGE_EVERY = 1024;

  private static final String DELETE_EXPIRED_ONE =
      "DELETE FROM keyway_used_assertion WHERE client_id = ? AND jti_hash = ? AND expires_at <= ?";
  private static final String INSERT =
      "INSERT INTO keyway_used_assertion (client_id, jti_hash, expires_at) VALUES (?, ?, ?)";
  private static final String DELETE_EXPIRED =
      "DELETE FROM keyway_used_assertion WHERE expires_at < ?";

  private final Sql sql;
  private final AtomicLong calls = new AtomicLong();

  /**
   * @param dataSource where the {@code keyway_used_assertion} table lives
   */
  public JdbcAssertionReplayStore(DataSource dataSource) {
    this.sql = new Sql(dataSource);
  }

  /** Creates the table and its index if they do not exist yet (safe at every start). */
  public static void createSchema(DataSource dataSource) {
    String script;
    // Class.getResourceAsStream finds the script on the module path too (see JdbcSchema).
    try (InputStream in =
        JdbcAssertionReplayStore.class.getResourceAsStream("/" + SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + SCHEMA_RESOURCE);
      }
      script =
          new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^\\s*--.*$", "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    new Sql(dataSource)
        .transaction(
            "createAssertionSchema",
            c -> {
              try (Statement st = c.createStatement()) {
                for (String statement : script.split(";", -1)) {
                  if (!statement.isBlank()) {
                    st.execute(statement.strip());
                  }
                }
              }
              return null;
            });
  }

  @Override
  public boolean markUsed(TokenHash jtiHash, String clientId, Instant expiresAt, Instant now) {
    Objects.requireNonNull(jtiHash, "jtiHash");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(now, "now");
    boolean fresh =
        sql.transaction(
            "markAssertionUsed",
            c -> {
              try (PreparedStatement delete = c.prepareStatement(DELETE_EXPIRED_ONE)) {
                delete.setString(1, clientId);
                delete.setString(2, jtiHash.value());
                delete.setLong(3, Sql.micros(now));
                delete.executeUpdate();
              }
              try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                insert.setString(1, clientId);
                insert.setString(2, jtiHash.value());
                insert.setLong(3, Sql.micros(expiresAt));
                insert.executeUpdate();
                return true;
              } catch (SQLException e) {
                if (!Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                  throw e;
                }
                c.rollback(); // a replay: write nothing
                return false;
              }
            });
    if (calls.incrementAndGet() % PURGE_EVERY == 0) {
      purgeExpired(now);
    }
    return fresh;
  }

  @Override
  public int purgeExpired(Instant before) {
    return sql.autoCommit(
        "purgeExpiredAssertions",
        c -> {
          try (PreparedStatement delete = c.prepareStatement(DELETE_EXPIRED)) {
            delete.setLong(1, Sql.micros(before));
            return delete.executeUpdate();
          }
        });
  }
}
