package dev.keyway.store.jdbc;

import static dev.keyway.store.jdbc.JdbcTestFamilies.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.spi.code.AuthorizationCodeRecord;
import dev.keyway.spi.code.CodeState;
import dev.keyway.spi.code.RedeemResult;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.spi.token.RotateResult;
import dev.keyway.store.jdbc.JdbcTestFamilies.Family;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Store-level fault cases on a real database: a failure injected between the statements of one
 * transition leaves nothing half-written, and every connection is closed with its settings
 * restored. Run on H2 and on PostgreSQL by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcFaultCases {

  protected abstract TestDatabase openDatabase();

  private TestDatabase db;
  private FaultyDataSource faulty;
  private JdbcTokenStore tokens;
  private JdbcTokenStore faultyTokens;
  private JdbcAuthorizationCodeStore faultyCodes;
  private JdbcAuthorizationCodeStore codes;

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
    faulty = new FaultyDataSource(db.newDataSource());
    tokens = new JdbcTokenStore(db.newDataSource());
    codes = new JdbcAuthorizationCodeStore(db.newDataSource());
    faultyTokens = new JdbcTokenStore(faulty.dataSource());
    faultyCodes = new JdbcAuthorizationCodeStore(faulty.dataSource());
  }

  /** How many statements one successful rotation executes, counted on a separate family. */
  private int statementsOfOneRotation() {
    Family probe = JdbcTestFamilies.stored(tokens, "probe", "c1");
    faulty.heal();
    faultyTokens.rotate(
        probe.rt(),
        JdbcTestFamilies.successorOf(probe.refreshToken()),
        JdbcTestFamilies.accessTokenOf(probe.refreshToken()),
        NOW);
    return faulty.executed();
  }

  @Test
  @DisplayName(
      "RL-02 a rotation failing at any of its statements leaves the old token usable and nothing new")
  void rotateFailingAtEveryStatementWritesNothing() {
    int statements = statementsOfOneRotation();
    assertThat(statements).isGreaterThanOrEqualTo(4);
    for (int k = 1; k <= statements; k++) {
      Family f = JdbcTestFamilies.stored(tokens, "alice", "c1");
      RefreshTokenRecord successor = JdbcTestFamilies.successorOf(f.refreshToken());
      AccessTokenRecord at = JdbcTestFamilies.accessTokenOf(f.refreshToken());
      faulty.heal().failOnStatement(k);
      assertThatThrownBy(() -> faultyTokens.rotate(f.rt(), successor, at, NOW.plusSeconds(5)))
          .as("failure at statement %d", k)
          .isInstanceOf(JdbcStoreException.class);
      assertConnectionsClosedAndRestored();
      assertThat(tokens.findRefreshToken(f.rt())).contains(f.refreshToken());
      assertThat(tokens.findGrant(f.grantId())).contains(f.grant());
      assertThat(tokens.findRefreshToken(successor.tokenHash())).isEmpty();
      assertThat(tokens.findAccessToken(at.tokenHash())).isEmpty();
      assertThat(tokens.rotate(f.rt(), successor, at, NOW.plusSeconds(6)))
          .as("a retry after failure at statement %d", k)
          .isInstanceOf(RotateResult.Rotated.class);
    }
  }

  @Test
  @DisplayName(
      "RL-02 a successor insert failing on a duplicate key rolls the rotation back; no value in the message")
  void rotateWhoseSuccessorInsertHitsADuplicateKeyRollsBack() {
    Family f = JdbcTestFamilies.stored(tokens, "alice", "c1");
    Family other = JdbcTestFamilies.stored(tokens, "bob", "c1");
    RefreshTokenRecord clash =
        new RefreshTokenRecord(
            other.rt(),
            f.grantId(),
            "c1",
            "alice",
            f.refreshToken().scopes(),
            NOW,
            f.refreshToken().expiresAt(),
            RefreshTokenState.ACTIVE,
            null,
            null);
    AccessTokenRecord at = JdbcTestFamilies.accessTokenOf(f.refreshToken());
    assertThatThrownBy(() -> faultyTokens.rotate(f.rt(), clash, at, NOW))
        .isInstanceOfSatisfying(
            JdbcStoreException.class,
            e -> {
              assertThat(e.sqlState()).isEqualTo("23505");
              assertThat(e.getMessage())
                  .contains("rotate")
                  .doesNotContain(other.rt().value())
                  .doesNotContain(f.rt().value())
                  .doesNotContain("alice");
            });
    assertThat(faulty.executedSql()).anyMatch(sql -> sql.startsWith("UPDATE keyway_refresh_token"));
    assertConnectionsClosedAndRestored();
    assertThat(tokens.findRefreshToken(f.rt())).contains(f.refreshToken());
    assertThat(tokens.findRefreshToken(other.rt())).contains(other.refreshToken());
    assertThat(tokens.findAccessToken(at.tokenHash())).isEmpty();
    assertThat(tokens.findGrant(f.grantId())).contains(f.grant());
  }

  @Test
  @DisplayName(
      "RL-03 RL-04 a family revocation failing at any statement changes nothing; a retry revokes all")
  void revokeGrantFailingAtEveryStatementIsAllOrNothing() {
    for (int k = 1; k <= 3; k++) {
      Family f = JdbcTestFamilies.stored(tokens, "alice", "c1");
      tokens.rotate(
          f.rt(),
          JdbcTestFamilies.successorOf(f.refreshToken()),
          JdbcTestFamilies.accessTokenOf(f.refreshToken()),
          NOW);
      RefreshTokenRecord rotated = tokens.findRefreshToken(f.rt()).orElseThrow();
      faulty.heal().failOnStatement(k);
      assertThatThrownBy(() -> faultyTokens.revokeGrant(f.grantId()))
          .isInstanceOf(JdbcStoreException.class);
      assertConnectionsClosedAndRestored();
      assertThat(tokens.findGrant(f.grantId()).orElseThrow().state()).isEqualTo(GrantState.ACTIVE);
      assertThat(tokens.findRefreshToken(f.rt())).contains(rotated);
      assertThat(tokens.findRefreshToken(rotated.successorHash()).orElseThrow().state())
          .isEqualTo(RefreshTokenState.ACTIVE);
      assertThat(tokens.findAccessToken(f.accessToken().tokenHash()).orElseThrow().state())
          .isEqualTo(AccessTokenState.ACTIVE);

      assertThat(tokens.revokeGrant(f.grantId())).isTrue();
      assertThat(tokens.findRefreshToken(rotated.successorHash()).orElseThrow().state())
          .isEqualTo(RefreshTokenState.REVOKED);
      assertThat(tokens.findAccessToken(f.accessToken().tokenHash()).orElseThrow().state())
          .isEqualTo(AccessTokenState.REVOKED);
    }
  }

  @Test
  @DisplayName(
      "RL-01 createGrant failing at any statement stores nothing; a failed redeem leaves the code unused")
  void codeRedemptionStepsFailCleanly() {
    for (int k = 1; k <= 3; k++) {
      Family f = JdbcTestFamilies.family("alice", "c1");
      faulty.heal().failOnStatement(k);
      assertThatThrownBy(
              () -> faultyTokens.createGrant(f.grant(), f.accessToken(), f.refreshToken()))
          .isInstanceOf(JdbcStoreException.class);
      assertConnectionsClosedAndRestored();
      assertThat(tokens.findGrant(f.grantId())).isEmpty();
      assertThat(tokens.findAccessToken(f.accessToken().tokenHash())).isEmpty();
      assertThat(tokens.findRefreshToken(f.rt())).isEmpty();
    }
    AuthorizationCodeRecord code = JdbcTestFamilies.code();
    codes.save(code);
    faulty.heal().failOnStatement(1);
    assertThatThrownBy(() -> faultyCodes.redeem(code.codeHash(), NOW))
        .isInstanceOf(JdbcStoreException.class);
    assertConnectionsClosedAndRestored();
    assertThat(codes.find(code.codeHash())).contains(code);
    assertThat(codes.redeem(code.codeHash(), NOW)).isInstanceOf(RedeemResult.Redeemed.class);
  }

  @Test
  @DisplayName(
      "RL-08 a revocation issued while a rotation is inside its transaction waits for it, then revokes its tokens")
  void revokeGrantIssuedDuringARotationTransactionRevokesTheSuccessor() throws Exception {
    Family f = JdbcTestFamilies.stored(tokens, "alice", "c1");
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    faulty.blockWhen(sql -> sql.startsWith("INSERT INTO keyway_refresh_token"), inside, release);
    RefreshTokenRecord successor = JdbcTestFamilies.successorOf(f.refreshToken());
    AccessTokenRecord at = JdbcTestFamilies.accessTokenOf(f.refreshToken());
    CompletableFuture<RotateResult> rotation =
        CompletableFuture.supplyAsync(() -> faultyTokens.rotate(f.rt(), successor, at, NOW));
    inside.await();

    FaultyDataSource revoking = new FaultyDataSource(db.newDataSource());
    CountDownLatch revokeIssued = new CountDownLatch(1);
    revoking.notifyWhen(
        sql -> sql.startsWith("UPDATE keyway_grant SET state = 'REVOKED'"), revokeIssued);
    CompletableFuture<Boolean> revocation =
        CompletableFuture.supplyAsync(
            () -> new JdbcTokenStore(revoking.dataSource()).revokeGrant(f.grantId()));
    revokeIssued.await();
    release.countDown();

    assertThat(rotation.get()).isInstanceOf(RotateResult.Rotated.class);
    assertThat(revocation.get()).isTrue();
    assertThat(tokens.findRefreshToken(successor.tokenHash()).orElseThrow().state())
        .isEqualTo(RefreshTokenState.REVOKED);
    assertThat(tokens.findAccessToken(at.tokenHash()).orElseThrow().state())
        .isEqualTo(AccessTokenState.REVOKED);
    assertThat(tokens.findRefreshToken(f.rt()).orElseThrow().state())
        .isEqualTo(RefreshTokenState.REVOKED);
  }

  @Test
  @DisplayName(
      "connections handed out with auto-commit off and SERIALIZABLE are committed and given back unchanged")
  void hostConnectionSettingsAreRestored() {
    faulty.handOut(false, Connection.TRANSACTION_SERIALIZABLE);
    AuthorizationCodeRecord code = JdbcTestFamilies.code();
    faultyCodes.save(code);
    assertThat(faultyCodes.redeem(code.codeHash(), NOW)).isInstanceOf(RedeemResult.Redeemed.class);
    Family f = JdbcTestFamilies.stored(faultyTokens, "alice", "c1");
    RefreshTokenRecord successor = JdbcTestFamilies.successorOf(f.refreshToken());
    assertThat(
            faultyTokens.rotate(
                f.rt(), successor, JdbcTestFamilies.accessTokenOf(f.refreshToken()), NOW))
        .isInstanceOf(RotateResult.Rotated.class);

    assertThat(codes.find(code.codeHash()).orElseThrow().state())
        .as("committed")
        .isEqualTo(CodeState.REDEEMED);
    assertThat(tokens.findRefreshToken(successor.tokenHash())).as("committed").isPresent();
    assertThat(faulty.closed())
        .hasSize(faulty.opened())
        .allSatisfy(
            c -> {
              assertThat(c.autoCommit()).isFalse();
              assertThat(c.isolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            });
  }

  private void assertConnectionsClosedAndRestored() {
    assertThat(faulty.opened()).isPositive();
    assertThat(faulty.closed())
        .as("every connection closed")
        .hasSize(faulty.opened())
        .allSatisfy(c -> assertThat(c.autoCommit()).as("auto-commit restored").isTrue());
  }
}
