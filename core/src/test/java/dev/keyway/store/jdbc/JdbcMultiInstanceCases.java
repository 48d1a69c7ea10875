package dev.keyway.store.jdbc;

import static dev.keyway.store.jdbc.JdbcTestFamilies.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.spi.client.Client;
import dev.keyway.spi.code.AuthorizationCodeRecord;
import dev.keyway.spi.code.PendingAuthorization;
import dev.keyway.spi.code.RedeemResult;
import dev.keyway.spi.consent.ConsentRecord;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.spi.token.RotateResult;
import dev.keyway.store.contract.ContractFixtures;
import dev.keyway.store.contract.Race;
import dev.keyway.store.jdbc.JdbcTestFamilies.Family;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Several server instances on one database, at store level: two complete store sets over two
 * separate {@link DataSource}s (no connection shared), and a restart that drops every store object
 * and the DataSource and builds new ones on the same database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcMultiInstanceCases {

  /** One server instance's stores. */
  record Instance(
      JdbcClientStore clients,
      JdbcAuthorizationCodeStore codes,
      JdbcPendingAuthorizationStore pending,
      JdbcTokenStore tokens,
      JdbcConsentStore consents) {
    static Instance on(DataSource ds) {
      return new Instance(
          new JdbcClientStore(ds),
          new JdbcAuthorizationCodeStore(ds),
          new JdbcPendingAuthorizationStore(ds),
          new JdbcTokenStore(ds),
          new JdbcConsentStore(ds));
    }
  }

  protected abstract TestDatabase openDatabase();

  private TestDatabase db;
  private Instance a;
  private Instance b;

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
  void twoInstances() {
    db.clean();
    a = Instance.on(db.newDataSource());
    b = Instance.on(db.newDataSource());
  }

  private Instance instance(int i) {
    return i % 2 == 0 ? a : b;
  }

  @Test
  @DisplayName(
      "RL-06 64 concurrent redemptions of one code spread over two instances: exactly one wins")
  void redemptionAcrossInstancesHasOneWinner() {
    AuthorizationCodeRecord code = JdbcTestFamilies.code();
    a.codes().save(code);
    List<RedeemResult> results =
        Race.run(64, i -> instance(i).codes().redeem(code.codeHash(), NOW));
    assertThat(results).filteredOn(RedeemResult.Redeemed.class::isInstance).hasSize(1);
    assertThat(results).filteredOn(RedeemResult.AlreadyRedeemed.class::isInstance).hasSize(63);
  }

  @Test
  @DisplayName("RL-10 two instances with clocks 30 s apart still redeem a code exactly once")
  void clockSkewBetweenInstancesNeverBreaksSingleUse() {
    AuthorizationCodeRecord code = JdbcTestFamilies.code();
    a.codes().save(code);
    List<RedeemResult> results =
        Race.run(
            64,
            i ->
                instance(i)
                    .codes()
                    .redeem(code.codeHash(), NOW.plus(Duration.ofSeconds(i % 2 == 0 ? 29 : -30))));
    assertThat(results).filteredOn(RedeemResult.Redeemed.class::isInstance).hasSize(1);
  }

  @Test
  @DisplayName(
      "RL-07 64 concurrent rotations of one refresh token spread over two instances: exactly one wins")
  void rotationAcrossInstancesHasOneWinner() {
    Family f = JdbcTestFamilies.stored(a.tokens(), "alice", "c1");
    List<RefreshTokenRecord> successors = new ArrayList<>();
    List<AccessTokenRecord> accessTokens = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      successors.add(JdbcTestFamilies.successorOf(f.refreshToken()));
      accessTokens.add(JdbcTestFamilies.accessTokenOf(f.refreshToken()));
    }
    List<RotateResult> results =
        Race.run(
            64,
            i -> instance(i).tokens().rotate(f.rt(), successors.get(i), accessTokens.get(i), NOW));
    assertThat(results).filteredOn(RotateResult.Rotated.class::isInstance).hasSize(1);
    assertThat(results).filteredOn(RotateResult.AlreadyRotated.class::isInstance).hasSize(63);
    assertThat(successors)
        .filteredOn(s -> b.tokens().findRefreshToken(s.tokenHash()).isPresent())
        .hasSize(1);
    assertThat(db.count("keyway_refresh_token")).isEqualTo(2);
    assertThat(db.count("keyway_access_token")).isEqualTo(2);
  }

  @Test
  @DisplayName("RL-08 a family revoked on one instance is revoked for the other")
  void revocationOnOneInstanceIsSeenByTheOther() {
    Family f = JdbcTestFamilies.stored(a.tokens(), "alice", "c1");
    RefreshTokenRecord successor = JdbcTestFamilies.successorOf(f.refreshToken());
    assertThat(
            b.tokens()
                .rotate(f.rt(), successor, JdbcTestFamilies.accessTokenOf(f.refreshToken()), NOW))
        .isInstanceOf(RotateResult.Rotated.class);
    assertThat(
            a.tokens()
                .rotate(
                    f.rt(),
                    JdbcTestFamilies.successorOf(f.refreshToken()),
                    JdbcTestFamilies.accessTokenOf(f.refreshToken()),
                    NOW))
        .as("reuse seen across instances")
        .isInstanceOf(RotateResult.AlreadyRotated.class);

    assertThat(a.tokens().revokeGrant(f.grantId())).isTrue();

    assertThat(b.tokens().findGrant(f.grantId()).orElseThrow().state())
        .isEqualTo(GrantState.REVOKED);
    assertThat(b.tokens().findAccessToken(f.accessToken().tokenHash()).orElseThrow().state())
        .isEqualTo(AccessTokenState.REVOKED);
    assertThat(
            b.tokens()
                .rotate(
                    successor.tokenHash(),
                    JdbcTestFamilies.successorOf(successor),
                    JdbcTestFamilies.accessTokenOf(successor),
                    NOW))
        .isInstanceOf(RotateResult.Revoked.class);
  }

  @Test
  @DisplayName(
      "RL-13 after a restart on the same database nothing is lost and every transition still works")
  void restartLosesNothing() {
    Instance before = Instance.on(db.newDataSource());
    Client client =
        Client.builder("app")
            .displayName(ContractFixtures.NON_ASCII)
            .redirectUris("https://app.example.com/cb")
            .createdAt(NOW)
            .build();
    before.clients().save(client);
    AuthorizationCodeRecord code = JdbcTestFamilies.code();
    before.codes().save(code);
    Family f = JdbcTestFamilies.stored(before.tokens(), "alice", "app");
    RefreshTokenRecord successor = JdbcTestFamilies.successorOf(f.refreshToken());
    AccessTokenRecord secondAt = JdbcTestFamilies.accessTokenOf(f.refreshToken());
    before.tokens().rotate(f.rt(), successor, secondAt, NOW);
    before.tokens().revokeAccessToken(f.accessToken().tokenHash());
    ConsentRecord consent = new ConsentRecord("alice", "app", Set.of("read"), NOW);
    before.consents().save(consent);
    PendingAuthorization pending =
        new PendingAuthorization(
            ContractFixtures.newHash(),
            "alice",
            "app",
            "https://app.example.com/cb",
            true,
            Set.of("read"),
            ContractFixtures.longState(2048),
            null,
            null,
            null,
            NOW,
            NOW.plusSeconds(600));
    before.pending().save(pending);
    before = null; // the old instance and its DataSource are gone

    Instance after = Instance.on(db.newDataSource());
    Instant later = NOW.plusSeconds(10);
    assertThat(after.clients().findById("app")).contains(client);
    assertThat(after.codes().redeem(code.codeHash(), later))
        .isInstanceOf(RedeemResult.Redeemed.class);
    assertThat(after.codes().redeem(code.codeHash(), later))
        .isInstanceOf(RedeemResult.AlreadyRedeemed.class);
    assertThat(after.tokens().findAccessToken(secondAt.tokenHash()).orElseThrow().isActiveAt(later))
        .isTrue();
    assertThat(after.tokens().findAccessToken(f.accessToken().tokenHash()).orElseThrow().state())
        .isEqualTo(AccessTokenState.REVOKED);
    assertThat(
            after
                .tokens()
                .rotate(
                    successor.tokenHash(),
                    JdbcTestFamilies.successorOf(successor),
                    JdbcTestFamilies.accessTokenOf(successor),
                    later))
        .isInstanceOf(RotateResult.Rotated.class);
    assertThat(
            after
                .tokens()
                .rotate(
                    f.rt(),
                    JdbcTestFamilies.successorOf(f.refreshToken()),
                    JdbcTestFamilies.accessTokenOf(f.refreshToken()),
                    later))
        .as("RF-02 reuse still detected")
        .isInstanceOf(RotateResult.AlreadyRotated.class);
    assertThat(after.tokens().findRefreshToken(f.rt()).orElseThrow().state())
        .isEqualTo(RefreshTokenState.ROTATED);
    assertThat(after.consents().find("alice", "app")).contains(consent);
    assertThat(after.pending().take(pending.idHash(), later)).contains(pending);
  }
}
