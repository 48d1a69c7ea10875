package dev.keyway.store.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throw-away database for JDBC store tests: an in-memory H2 database (PostgreSQL mode) unique to
 * the caller, or a schema of its own in the PostgreSQL named by {@code KEYWAY_TEST_POSTGRES_URL}
 * (with {@code KEYWAY_TEST_POSTGRES_USER} and {@code KEYWAY_TEST_POSTGRES_PASSWORD}). Without that
 * variable PostgreSQL tests are skipped locally and fail when {@code CI=true}.
 */
final class TestDatabase implements AutoCloseable {

  static final String POSTGRES_URL = "KEYWAY_TEST_POSTGRES_URL";

  /** Children first, so deletes never trip a foreign key. */
  private static final List<String> TABLES =
      List.of(
          "keyway_access_token",
          "keyway_refresh_token",
          "keyway_grant",
          "keyway_authorization_code",
          "keyway_pending_authorization",
          "keyway_consent",
          "keyway_client");

  enum Kind {
    H2,
    POSTGRES
  }

  private final Kind kind;
  private final String h2Url;
  private final String pgSchema;

  private TestDatabase(Kind kind, String h2Url, String pgSchema) {
    this.kind = kind;
    this.h2Url = h2Url;
    this.pgSchema = pgSchema;
  }

  /** A new in-memory H2 database in PostgreSQL mode, with the Keyway schema. */
  static TestDatabase h2(String name) {
    String url =
        "jdbc:h2:mem:"
            + name
            + "-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000";
    TestDatabase db = new TestDatabase(Kind.H2, url, null);
    JdbcSchema.create(db.newDataSource());
    return db;
  }

  /** A new schema in the test PostgreSQL, with the Keyway schema; skips or fails without one. */
  static TestDatabase postgres(String name) {
    requirePostgres();
    String schema =
        ("kw_" + name + "_" + UUID.randomUUID().toString().substring(0, 8))
            .toLowerCase(Locale.ROOT);
    execute(plainPostgres(null), "CREATE SCHEMA " + schema);
    TestDatabase db = new TestDatabase(Kind.POSTGRES, null, schema);
    JdbcSchema.create(db.newDataSource());
    return db;
  }

  /** Skips the calling test when no PostgreSQL is configured, or fails it on CI. */
  static void requirePostgres() {
    String url = System.getenv(POSTGRES_URL);
    if (url == null || url.isBlank()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(POSTGRES_URL + " is not set: CI must run the JDBC tests on PostgreSQL (see .ci/run)");
      }
      Assumptions.abort(POSTGRES_URL + " is not set; PostgreSQL store tests skipped");
    }
  }

  Kind kind() {
    return kind;
  }

  /**
   * A new, independent {@link DataSource} on this database: its connections share nothing with
   * those of another call, as if it belonged to another server instance.
   */
  DataSource newDataSource() {
    if (kind == Kind.H2) {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL(h2Url);
      return ds;
    }
    return plainPostgres(pgSchema);
  }

  /** The JDBC URL (H2) or schema (PostgreSQL), for a child process. */
  String location() {
    return kind == Kind.H2 ? h2Url : pgSchema;
  }

  static PGSimpleDataSource plainPostgres(String schema) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(System.getenv(POSTGRES_URL));
    String user = System.getenv("KEYWAY_TEST_POSTGRES_USER");
    if (user != null && !user.isBlank()) {
      ds.setUser(user);
    }
    String password = System.getenv("KEYWAY_TEST_POSTGRES_PASSWORD");
    if (password != null && !password.isEmpty()) {
      ds.setPassword(password);
    }
    if (schema != null) {
      ds.setCurrentSchema(schema);
    }
    // Test data need not survive a crash of the database server itself; this only makes commits
    // fast.
    ds.setOptions("-c synchronous_commit=off");
    return ds;
  }

  /** Deletes every row, so each test starts empty. */
  void clean() {
    try (Connection c = newDataSource().getConnection();
        Statement st = c.createStatement()) {
      for (String table : TABLES) {
        st.executeUpdate("DELETE FROM " + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cleaning the test database failed", e);
    }
  }

  /** Counts the rows of a table. */
  long count(String table) {
    return count(table, "1 = 1");
  }

  /** Counts the rows of a table matching a condition written by the test. */
  long count(String table, String where) {
    try (Connection c = newDataSource().getConnection();
        Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE " + where)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("counting rows failed", e);
    }
  }

  @Override
  public void close() {
    if (kind == Kind.H2) {
      execute(newDataSource(), "SHUTDOWN");
    } else {
      execute(plainPostgres(null), "DROP SCHEMA IF EXISTS " + pgSchema + " CASCADE");
    }
  }

  static void execute(DataSource ds, String sql) {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test database statement failed: " + sql, e);
    }
  }
}
