package dev.keyway.store.jdbc;

import static dev.keyway.store.jdbc.JdbcTestFamilies.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.token.RotateResult;
import dev.keyway.store.contract.Race;
import dev.keyway.store.jdbc.JdbcTestFamilies.Family;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Volume cases (RL-11, RL-12). Rows are seeded with batched inserts through plain JDBC, then the
 * stores do the work under test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcScaleCases {

  protected abstract TestDatabase openDatabase();

  /** Expired access tokens swept in the RL-11 case. */
  protected abstract int expiredRows();

  /** The limit of each purge call. */
  protected int purgeLimit() {
    return 1_000;
  }

  /** Rotated refresh tokens of one live family kept through the sweep. */
  protected int rotatedChain() {
    return 1_000;
  }

  private TestDatabase db;
  private JdbcTokenStore tokens;

  @BeforeAll
  void open() {
    db = openDatabase();
  }

  @AfterAll
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @BeforeEach
  void fresh() {
    db.clean();
    tokens = new JdbcTokenStore(db.newDataSource());
  }

  @Test
  @DisplayName(
      "RL-11 two instances sweep expired rows in bounded batches; rotated tokens of a live family stay")
  void sweepAtScaleKeepsReuseDetection() throws SQLException {
    int expired = expiredRows();
    seedAccessTokens(null, "svc", expired, NOW.minusSeconds(60));
    Family live = JdbcTestFamilies.stored(tokens, "alice", "c1");
    TokenHash[] chain = seedRotatedChain(live, rotatedChain());
    int limit = purgeLimit();
    AtomicInteger removed = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    JdbcTokenStore other = new JdbcTokenStore(db.newDataSource());
    Instant now = NOW.plus(Duration.ofHours(2));
    Race.run(
        2,
        i -> {
          JdbcTokenStore sweeper = i == 0 ? tokens : other;
          int n;
          while ((n = sweeper.purgeExpired(now, limit)) > 0) {
            assertThat(n).isLessThanOrEqualTo(limit);
            removed.addAndGet(n);
            calls.incrementAndGet();
          }
          return null;
        });
    assertThat(removed.get())
        .as("the %d seeded tokens and the family's first, expired, one", expired)
        .isEqualTo(expired + 1);
    assertThat(calls.get()).isGreaterThanOrEqualTo(expired / limit);
    assertThat(db.count("keyway_access_token")).isZero();
    assertThat(db.count("keyway_refresh_token")).isEqualTo(rotatedChain() + 1L);
    assertThat(
            tokens.rotate(
                chain[0],
                JdbcTestFamilies.successorOf(live.refreshToken()),
                JdbcTestFamilies.accessTokenOf(live.refreshToken()),
                now))
        .as("RF-02 reuse of the oldest token")
        .isInstanceOf(RotateResult.AlreadyRotated.class);
  }

  @Test
  @DisplayName(
      "RL-12 revoking a family with 10^4 access tokens revokes every one; lookups use the hash index")
  void revokeLargeFamilyAndLookupByIndex() throws SQLException {
    Family f = JdbcTestFamilies.stored(tokens, "alice", "c1");
    seedAccessTokens(f.grantId(), "c1", 10_000, NOW.plus(Duration.ofHours(1)));
    assertThat(db.count("keyway_access_token", "state = 'ACTIVE'")).isEqualTo(10_001);
    analyze();
    assertThat(plan("SELECT state FROM keyway_access_token WHERE token_hash = '" + hash(7) + "'"))
        .as("introspection by hash is an indexed lookup")
        .doesNotContainIgnoringCase("Seq Scan")
        .doesNotContainIgnoringCase("tableScan");

    assertThat(tokens.revokeGrant(f.grantId())).isTrue();

    assertThat(db.count("keyway_access_token", "state = 'ACTIVE'")).isZero();
    assertThat(db.count("keyway_refresh_token", "state = 'ACTIVE'")).isZero();
  }

  /** A 43-character base64url hash unique to {@code i} (digits only, zero-padded). */
  static String hash(long i) {
    return String.format("%043d", i);
  }

  private void seedAccessTokens(String grantId, String clientId, int count, Instant expiresAt)
      throws SQLException {
    try (Connection c = db.newDataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO keyway_access_token (token_hash, grant_id, client_id, subject, scopes,"
                    + " issued_at, expires_at, state) VALUES (?, ?, ?, ?, '[\"read\"]', ?, ?, 'ACTIVE')")) {
      c.setAutoCommit(false);
      for (int i = 1; i <= count; i++) {
        ps.setString(1, hash(i));
        ps.setString(2, grantId);
        ps.setString(3, clientId);
        ps.setString(4, clientId);
        ps.setLong(5, Sql.micros(expiresAt.minusSeconds(3600)));
        ps.setLong(6, Sql.micros(expiresAt));
        ps.addBatch();
        if (i % 5_000 == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
      c.commit();
    }
  }

  /** Makes {@code live}'s refresh token the oldest of a chain of {@code length} rotations. */
  private TokenHash[] seedRotatedChain(Family live, int length) throws SQLException {
    TokenHash[] chain = new TokenHash[length + 1];
    chain[0] = live.rt();
    for (int i = 1; i <= length; i++) {
      chain[i] = TokenHash.of(hash(10_000_000L + i));
    }
    try (Connection c = db.newDataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO keyway_refresh_token (token_hash, grant_id, client_id, subject, scopes, issued_at,"
                  + " expires_at, state, rotated_at, successor_hash) SELECT ?, grant_id, client_id, subject,"
                  + " scopes, issued_at, expires_at, ?, ?, ? FROM keyway_refresh_token WHERE token_hash = ?")) {
        for (int i = 1; i <= length; i++) {
          boolean last = i == length;
          insert.setString(1, chain[i].value());
          insert.setString(2, last ? "ACTIVE" : "ROTATED");
          if (last) {
            insert.setNull(3, java.sql.Types.BIGINT);
            insert.setNull(4, java.sql.Types.VARCHAR);
          } else {
            insert.setLong(3, Sql.micros(NOW));
            insert.setString(4, chain[i + 1].value());
          }
          insert.setString(5, chain[0].value());
          insert.addBatch();
        }
        insert.executeBatch();
      }
      try (PreparedStatement first =
          c.prepareStatement(
              "UPDATE keyway_refresh_token SET state = 'ROTATED', rotated_at = ?, successor_hash = ?"
                  + " WHERE token_hash = ?")) {
        first.setLong(1, Sql.micros(NOW));
        first.setString(2, chain[1].value());
        first.setString(3, chain[0].value());
        first.executeUpdate();
      }
      c.commit();
    }
    return chain;
  }

  private void analyze() throws SQLException {
    if (db.kind() == TestDatabase.Kind.POSTGRES) {
      try (Connection c = db.newDataSource().getConnection();
          Statement st = c.createStatement()) {
        st.execute("ANALYZE keyway_access_token");
      }
    }
  }

  private String plan(String query) throws SQLException {
    StringBuilder sb = new StringBuilder();
    try (Connection c = db.newDataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("EXPLAIN " + query)) {
      while (rs.next()) {
        sb.append(rs.getString(1)).append('\n');
      }
    }
    assertThat(sb).isNotEmpty();
    return sb.toString();
  }
}
