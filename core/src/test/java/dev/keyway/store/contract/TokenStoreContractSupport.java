package dev.keyway.store.contract;

import static dev.keyway.store.contract.ContractFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.GrantRecord;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.spi.token.RotateResult;
import dev.keyway.spi.token.TokenStore;
import dev.keyway.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;

/**
 * Fixtures shared by the parts of the {@link TokenStoreContract}. Store implementers extend {@link
 * TokenStoreContract}, not this class.
 */
public abstract class TokenStoreContractSupport {

  /** A fresh, empty store whose automatic housekeeping (if any) reads {@code clock}. */
  protected abstract TokenStore newStore(Clock clock);

  /** Threads in the concurrency cases. */
  protected int threads() {
    return 64;
  }

  /**
   * Access tokens in the one family of the RL-12 fan-out case (10^4). A store whose writes are slow
   * may lower it in its own test class and say why.
   */
  protected int fanOut() {
    return 10_000;
  }

  protected static final Duration GRANT_LIFE = Duration.ofDays(7);
  protected static final Duration ACCESS_LIFE = Duration.ofHours(1);

  protected MutableClock clock;
  protected TokenStore store;

  @BeforeEach
  void setUpStore() {
    clock = MutableClock.at(T0);
    store = newStore(clock);
  }

  /** A stored family: its grant, first access token and first refresh token. */
  protected record Family(
      GrantRecord grant, AccessTokenRecord accessToken, RefreshTokenRecord refreshToken) {
    public String grantId() {
      return grant.grantId();
    }
  }

  protected GrantRecord grant(String subject, String clientId, Instant expiresAt) {
    Instant now = clock.instant();
    return new GrantRecord(
        ContractFixtures.newId("grant"),
        clientId,
        subject,
        Set.of("read", "write"),
        now.minusSeconds(2),
        now,
        expiresAt,
        now,
        GrantState.ACTIVE);
  }

  protected AccessTokenRecord accessToken(GrantRecord grant, Instant expiresAt) {
    return new AccessTokenRecord(
        ContractFixtures.newHash(),
        grant.grantId(),
        grant.clientId(),
        grant.subject(),
        grant.scopes(),
        clock.instant(),
        expiresAt,
        AccessTokenState.ACTIVE);
  }

  protected AccessTokenRecord accessToken(GrantRecord grant) {
    return accessToken(grant, clock.instant().plus(ACCESS_LIFE));
  }

  protected RefreshTokenRecord refreshToken(GrantRecord grant) {
    return new RefreshTokenRecord(
        ContractFixtures.newHash(),
        grant.grantId(),
        grant.clientId(),
        grant.subject(),
        grant.scopes(),
        clock.instant(),
        grant.expiresAt(),
        RefreshTokenState.ACTIVE,
        null,
        null);
  }

  /** A grant-less (client-credentials) token. */
  protected AccessTokenRecord clientCredentialsToken(String clientId, Instant expiresAt) {
    return new AccessTokenRecord(
        ContractFixtures.newHash(),
        null,
        clientId,
        clientId,
        Set.of("api"),
        clock.instant(),
        expiresAt,
        AccessTokenState.ACTIVE);
  }

  protected Family newFamily(
      String subject, String clientId, Instant grantExpiresAt, Instant accessExpiresAt) {
    GrantRecord g = grant(subject, clientId, grantExpiresAt);
    Family f = new Family(g, accessToken(g, accessExpiresAt), refreshToken(g));
    store.createGrant(f.grant, f.accessToken, f.refreshToken);
    return f;
  }

  protected Family newFamily(String subject, String clientId) {
    Instant now = clock.instant();
    return newFamily(subject, clientId, now.plus(GRANT_LIFE), now.plus(ACCESS_LIFE));
  }

  /** Rotates {@code presented} at the clock's time into a fresh successor and access token. */
  protected RotateResult rotate(RefreshTokenRecord presented) {
    return store.rotate(
        presented.tokenHash(), successorOf(presented), accessTokenOf(presented), clock.instant());
  }

  /** A fresh refresh token of the same family as {@code presented}, issued now. */
  protected RefreshTokenRecord successorOf(RefreshTokenRecord presented) {
    return new RefreshTokenRecord(
        ContractFixtures.newHash(),
        presented.grantId(),
        presented.clientId(),
        presented.subject(),
        presented.scopes(),
        clock.instant(),
        presented.expiresAt(),
        RefreshTokenState.ACTIVE,
        null,
        null);
  }

  /** A fresh access token of the same family as {@code presented}, issued now. */
  protected AccessTokenRecord accessTokenOf(RefreshTokenRecord presented) {
    return new AccessTokenRecord(
        ContractFixtures.newHash(),
        presented.grantId(),
        presented.clientId(),
        presented.subject(),
        presented.scopes(),
        clock.instant(),
        clock.instant().plus(ACCESS_LIFE),
        AccessTokenState.ACTIVE);
  }

  protected RefreshTokenRecord refresh(TokenHash hash) {
    return store
        .findRefreshToken(hash)
        .orElseThrow(() -> new AssertionError("refresh token missing"));
  }

  protected AccessTokenRecord access(TokenHash hash) {
    return store
        .findAccessToken(hash)
        .orElseThrow(() -> new AssertionError("access token missing"));
  }

  /** RL-08: the grant is revoked and no stored refresh or access token among these is usable. */
  protected void assertNothingActive(
      String grantId, Collection<TokenHash> refreshTokens, Collection<TokenHash> accessTokens) {
    assertThat(store.findGrant(grantId))
        .hasValueSatisfying(g -> assertThat(g.state()).isEqualTo(GrantState.REVOKED));
    for (TokenHash h : refreshTokens) {
      store
          .findRefreshToken(h)
          .ifPresent(
              rt ->
                  assertThat(rt.state())
                      .as("refresh token state")
                      .isEqualTo(RefreshTokenState.REVOKED));
    }
    for (TokenHash h : accessTokens) {
      store
          .findAccessToken(h)
          .ifPresent(
              at ->
                  assertThat(at.state())
                      .as("access token state")
                      .isEqualTo(AccessTokenState.REVOKED));
    }
  }
}
