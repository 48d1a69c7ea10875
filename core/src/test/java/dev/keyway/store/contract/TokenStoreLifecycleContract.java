package dev.keyway.store.contract;

import static dev.keyway.store.contract.ContractFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.GrantRecord;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.spi.token.RotateResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Storing, finding, expiring and purging tokens: part of the {@link TokenStoreContract}. */
public abstract class TokenStoreLifecycleContract extends TokenStoreContractSupport {

  @Test
  @DisplayName("RL-14 TK-01 a grant and its tokens round-trip bit-exactly, keyed by hash")
  void createGrantThenFindIsBitExact() {
    GrantRecord g =
        new GrantRecord(
            ContractFixtures.newId("grant-" + ContractFixtures.NON_ASCII),
            "client-" + ContractFixtures.NON_ASCII,
            ContractFixtures.NON_ASCII,
            ContractFixtures.manyScopes(200),
            null,
            T0,
            T0.plus(GRANT_LIFE),
            T0,
            GrantState.ACTIVE);
    AccessTokenRecord at = accessToken(g);
    RefreshTokenRecord rt = refreshToken(g);
    store.createGrant(g, at, rt);
    assertThat(store.findGrant(g.grantId())).contains(g);
    assertThat(store.findAccessToken(at.tokenHash())).contains(at);
    assertThat(store.findRefreshToken(rt.tokenHash())).contains(rt);
  }

  @Test
  void createGrantWithoutRefreshTokenStoresGrantAndAccessToken() {
    GrantRecord g = grant("alice", "c1", T0.plus(GRANT_LIFE));
    AccessTokenRecord at = accessToken(g);
    store.createGrant(g, at, null);
    assertThat(store.findGrant(g.grantId())).contains(g);
    assertThat(store.findAccessToken(at.tokenHash())).contains(at);
  }

  @Test
  @DisplayName(
      "RL-01 createGrant is all or nothing: a clashing grant id stores none of the new tokens")
  void createGrantWithExistingGrantIdFailsAndStoresNothing() {
    Family f = newFamily("alice", "c1");
    GrantRecord clash =
        new GrantRecord(
            f.grantId(),
            "c2",
            "mallory",
            f.grant().scopes(),
            null,
            T0,
            T0.plus(GRANT_LIFE),
            T0,
            GrantState.ACTIVE);
    AccessTokenRecord at = accessToken(clash);
    RefreshTokenRecord rt = refreshToken(clash);
    assertThatThrownBy(() -> store.createGrant(clash, at, rt)).isInstanceOf(RuntimeException.class);
    assertThat(store.findGrant(f.grantId())).contains(f.grant());
    assertThat(store.findAccessToken(at.tokenHash())).isEmpty();
    assertThat(store.findRefreshToken(rt.tokenHash())).isEmpty();
  }

  @Test
  void clientCredentialsTokenRoundTripsAndMustNotNameAGrant() {
    AccessTokenRecord cc = clientCredentialsToken("svc", T0.plus(ACCESS_LIFE));
    store.saveAccessToken(cc);
    assertThat(store.findAccessToken(cc.tokenHash())).contains(cc);
    Family f = newFamily("alice", "c1");
    AccessTokenRecord ofGrant = accessToken(f.grant());
    assertThatThrownBy(() -> store.saveAccessToken(ofGrant))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.findAccessToken(ofGrant.tokenHash())).isEmpty();
  }

  @Test
  void unknownKeysFindNothing() {
    assertThat(store.findAccessToken(ContractFixtures.newHash())).isEmpty();
    assertThat(store.findRefreshToken(ContractFixtures.newHash())).isEmpty();
    assertThat(store.findGrant("no-such-grant")).isEmpty();
  }

  @Test
  @DisplayName(
      "RL-10 an access token is active at exp-1ms and not at exp (stored expiresAt is exact)")
  void accessTokenExpiryBoundary() {
    Family f = newFamily("alice", "c1");
    AccessTokenRecord found = access(f.accessToken().tokenHash());
    assertThat(found.expiresAt()).isEqualTo(f.accessToken().expiresAt());
    assertThat(found.isActiveAt(found.expiresAt().minusMillis(1))).isTrue();
    assertThat(found.isActiveAt(found.expiresAt())).isFalse();
  }

  @Test
  @DisplayName("RL-10 a grant is listed as active at exp-1ms and not at exp")
  void grantExpiryBoundary() {
    Family f = newFamily("alice", "c1");
    Instant exp = f.grant().expiresAt();
    assertThat(store.findActiveGrantsOfSubject("alice", exp.minusMillis(1)))
        .containsExactly(f.grant());
    assertThat(store.findActiveGrantsOfSubject("alice", exp)).isEmpty();
  }

  @Test
  @DisplayName(
      "RL-11 purge removes expired access tokens (grant-less ones too) and spares live ones")
  void purgeRemovesExpiredAccessTokensOnly() {
    Family f = newFamily("alice", "c1");
    AccessTokenRecord ccExpired = clientCredentialsToken("svc", T0.plusSeconds(10));
    AccessTokenRecord ccAtCutOff = clientCredentialsToken("svc", T0.plusSeconds(100));
    store.saveAccessToken(ccExpired);
    store.saveAccessToken(ccAtCutOff);
    int removed = purgeAll(T0.plusSeconds(100), 1000);
    assertThat(removed).isEqualTo(1);
    assertThat(store.findAccessToken(ccExpired.tokenHash())).isEmpty();
    assertThat(store.findAccessToken(ccAtCutOff.tokenHash()))
        .as("expiresAt == before is kept")
        .isPresent();
    assertThat(store.findAccessToken(f.accessToken().tokenHash())).isPresent();
    assertThat(store.findRefreshToken(f.refreshToken().tokenHash())).isPresent();
  }

  @Test
  @DisplayName(
      "RL-11 purge keeps rotated refresh tokens while their grant lives, so reuse is still detected")
  void purgeKeepsRotatedRefreshTokensOfLiveGrants() {
    Family live = newFamily("alice", "c1", T0.plus(Duration.ofDays(7)), T0.plusSeconds(3600));
    Family dead = newFamily("bob", "c1", T0.plus(Duration.ofDays(1)), T0.plusSeconds(3600));
    assertThat(rotate(live.refreshToken())).isInstanceOf(RotateResult.Rotated.class);
    assertThat(rotate(dead.refreshToken())).isInstanceOf(RotateResult.Rotated.class);
    RefreshTokenRecord liveSuccessor =
        refresh(refresh(live.refreshToken().tokenHash()).successorHash());

    clock.advance(Duration.ofDays(2));
    purgeAll(clock.instant(), 5);

    assertThat(store.findAccessToken(live.accessToken().tokenHash())).as("expired AT").isEmpty();
    assertThat(store.findGrant(live.grantId())).isPresent();
    assertThat(refresh(live.refreshToken().tokenHash()).state())
        .isEqualTo(RefreshTokenState.ROTATED);
    assertThat(rotate(live.refreshToken()))
        .as("reuse still detected")
        .isInstanceOf(RotateResult.AlreadyRotated.class);
    assertThat(rotate(liveSuccessor)).isInstanceOf(RotateResult.Rotated.class);

    assertThat(store.findGrant(dead.grantId())).isEmpty();
    assertThat(store.findRefreshToken(dead.refreshToken().tokenHash())).isEmpty();
    assertThat(rotate(dead.refreshToken())).isInstanceOf(RotateResult.Unknown.class);
  }

  @Test
  @DisplayName(
      "RL-11 each purge call removes at most its limit; repeating it empties, then returns 0")
  void purgeIsBoundedAndIdempotent() {
    IntStream.range(0, 40)
        .forEach(i -> store.saveAccessToken(clientCredentialsToken("svc", T0.plusSeconds(i))));
    Family expiredFamily = newFamily("carol", "c1", T0.plusSeconds(50), T0.plusSeconds(50));
    rotate(expiredFamily.refreshToken());
    Instant before = T0.plusSeconds(3600);
    int calls = 0;
    int n;
    while ((n = store.purgeExpired(before, 7)) > 0) {
      assertThat(n).isLessThanOrEqualTo(7);
      calls++;
    }
    assertThat(calls).isGreaterThanOrEqualTo(6);
    assertThat(store.purgeExpired(before, 7)).isZero();
    assertThat(store.findGrant(expiredFamily.grantId())).isEmpty();
    assertThat(store.findRefreshToken(expiredFamily.refreshToken().tokenHash())).isEmpty();
  }

  @Test
  @DisplayName("RL-11 purges on several threads at once are safe and remove every expired item")
  void concurrentPurgesAreSafe() {
    List<AccessTokenRecord> expired =
        IntStream.range(0, 150)
            .mapToObj(i -> clientCredentialsToken("svc", T0.plusMillis(i)))
            .peek(store::saveAccessToken)
            .toList();
    List<Family> expiredFamilies =
        IntStream.range(0, 10)
            .mapToObj(i -> newFamily("dave", "c1", T0.plusSeconds(1), T0.plusSeconds(1)))
            .toList();
    Family live = newFamily("erin", "c1");
    clock.advance(Duration.ofHours(2));
    AtomicInteger removed = new AtomicInteger();
    Race.run(
        8,
        i -> {
          int n;
          while ((n = store.purgeExpired(T0.plusSeconds(60), 8)) > 0) {
            removed.addAndGet(n);
          }
          return null;
        });
    assertThat(removed.get()).isGreaterThanOrEqualTo(expired.size() + expiredFamilies.size());
    assertThat(expired).allSatisfy(t -> assertThat(store.findAccessToken(t.tokenHash())).isEmpty());
    assertThat(expiredFamilies)
        .allSatisfy(
            f -> {
              assertThat(store.findGrant(f.grantId())).isEmpty();
              assertThat(store.findRefreshToken(f.refreshToken().tokenHash())).isEmpty();
            });
    assertThat(store.findGrant(live.grantId())).isPresent();
    assertThat(access(live.accessToken().tokenHash()).state()).isEqualTo(AccessTokenState.ACTIVE);
  }

  /** Purges until a call removes nothing; returns the total. */
  protected int purgeAll(Instant before, int limit) {
    int total = 0;
    int n;
    while ((n = store.purgeExpired(before, limit)) > 0) {
      total += n;
    }
    return total;
  }
}
