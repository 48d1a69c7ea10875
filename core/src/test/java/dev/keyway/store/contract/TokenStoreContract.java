package dev.keyway.store.contract;

import static dev.keyway.store.contract.ContractFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.GrantRecord;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.spi.token.RotateResult;
import dev.keyway.spi.token.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TokenStore}: extend this class and implement {@link #newStore}. It
 * inherits the lifecycle and revocation cases and adds rotation, the heart of the refresh-token
 * state machine.
 */
public abstract class TokenStoreContract extends TokenStoreRevocationContract {

  @Test
  @DisplayName("RF-01 rotation marks the token ROTATED and stores the successor and access token")
  void rotateExchangesAnActiveTokenForItsSuccessor() {
    Family f = newFamily("alice", "c1");
    clock.advance(Duration.ofMinutes(3));
    Instant now = clock.instant();
    RefreshTokenRecord successor = successorOf(f.refreshToken());
    AccessTokenRecord at = accessTokenOf(f.refreshToken());

    RotateResult result = store.rotate(f.refreshToken().tokenHash(), successor, at, now);

    assertThat(result).isEqualTo(new RotateResult.Rotated(f.refreshToken()));
    assertThat(refresh(f.refreshToken().tokenHash()))
        .isEqualTo(f.refreshToken().rotated(now, successor.tokenHash()));
    assertThat(refresh(successor.tokenHash())).isEqualTo(successor);
    assertThat(access(at.tokenHash())).isEqualTo(at);
    assertThat(store.findGrant(f.grantId()).orElseThrow().lastUsedAt()).isEqualTo(now);
  }

  @Test
  @DisplayName("RF-02 presenting a rotated token is AlreadyRotated and writes nothing")
  void rotateOfARotatedTokenIsReuseAndWritesNothing() {
    Family f = newFamily("alice", "c1");
    rotate(f.refreshToken());
    RefreshTokenRecord second = successorOf(f.refreshToken());
    AccessTokenRecord at = accessTokenOf(f.refreshToken());
    RotateResult reuse = store.rotate(f.refreshToken().tokenHash(), second, at, clock.instant());
    assertThat(reuse).isInstanceOf(RotateResult.AlreadyRotated.class);
    assertThat(((RotateResult.AlreadyRotated) reuse).token().grantId()).isEqualTo(f.grantId());
    assertThat(store.findRefreshToken(second.tokenHash())).isEmpty();
    assertThat(store.findAccessToken(at.tokenHash())).isEmpty();
  }

  @Test
  @DisplayName("RF-11 an unknown refresh token is Unknown and writes nothing")
  void rotateOfAnUnknownTokenWritesNothing() {
    Family f = newFamily("alice", "c1");
    RefreshTokenRecord successor = successorOf(f.refreshToken());
    AccessTokenRecord at = accessTokenOf(f.refreshToken());
    assertThat(store.rotate(ContractFixtures.newHash(), successor, at, clock.instant()))
        .isInstanceOf(RotateResult.Unknown.class);
    assertThat(store.findRefreshToken(successor.tokenHash())).isEmpty();
    assertThat(store.findAccessToken(at.tokenHash())).isEmpty();
  }

  @Test
  @DisplayName("RF-06 a token of a revoked family is Revoked and writes nothing")
  void rotateOfARevokedFamilyWritesNothing() {
    Family f = newFamily("alice", "c1");
    store.revokeGrant(f.grantId());
    RefreshTokenRecord successor = successorOf(f.refreshToken());
    assertThat(
            store.rotate(
                f.refreshToken().tokenHash(),
                successor,
                accessTokenOf(f.refreshToken()),
                clock.instant()))
        .isInstanceOf(RotateResult.Revoked.class);
    assertThat(store.findRefreshToken(successor.tokenHash())).isEmpty();
  }

  @Test
  @DisplayName(
      "RF-06 RL-10 a refresh token rotates at exp-1ms; at exp it is Expired and stays ACTIVE")
  void rotateHonoursTheTokensExpiryBoundary() {
    Family early = newFamily("alice", "c1", T0.plusSeconds(600), T0.plusSeconds(60));
    Family late = newFamily("alice", "c1", T0.plusSeconds(600), T0.plusSeconds(60));
    clock.set(T0.plusSeconds(600).minusMillis(1));
    assertThat(rotate(early.refreshToken())).isInstanceOf(RotateResult.Rotated.class);
    clock.set(T0.plusSeconds(600));
    RefreshTokenRecord successor = successorOf(late.refreshToken());
    assertThat(
            store.rotate(
                late.refreshToken().tokenHash(),
                successor,
                accessTokenOf(late.refreshToken()),
                clock.instant()))
        .isInstanceOf(RotateResult.Expired.class);
    assertThat(refresh(late.refreshToken().tokenHash()).state())
        .isEqualTo(RefreshTokenState.ACTIVE);
    assertThat(store.findRefreshToken(successor.tokenHash())).isEmpty();
  }

  @Test
  @DisplayName("RF-06 a live token of an expired grant is Expired: the family's end is absolute")
  void rotateChecksTheGrantsExpiryToo() {
    GrantRecord g = grant("alice", "c1", T0.plusSeconds(100));
    RefreshTokenRecord outlives =
        new RefreshTokenRecord(
            ContractFixtures.newHash(),
            g.grantId(),
            g.clientId(),
            g.subject(),
            g.scopes(),
            T0,
            T0.plusSeconds(1000),
            RefreshTokenState.ACTIVE,
            null,
            null);
    store.createGrant(g, accessToken(g), outlives);
    clock.set(T0.plusSeconds(100));
    assertThat(rotate(outlives)).isInstanceOf(RotateResult.Expired.class);
    assertThat(refresh(outlives.tokenHash()).state()).isEqualTo(RefreshTokenState.ACTIVE);
  }

  @Test
  @DisplayName("RL-10 stepping the clock back revives neither a rotated nor a revoked token")
  void clockSteppedBackDoesNotReviveRotatedOrRevokedTokens() {
    Family f = newFamily("alice", "c1");
    clock.advance(Duration.ofSeconds(10));
    rotate(f.refreshToken());
    clock.set(T0.minus(Duration.ofMinutes(5)));
    assertThat(rotate(f.refreshToken())).isInstanceOf(RotateResult.AlreadyRotated.class);
    Family g = newFamily("bob", "c1");
    store.revokeGrant(g.grantId());
    clock.set(T0.minus(Duration.ofMinutes(10)));
    assertThat(rotate(g.refreshToken())).isInstanceOf(RotateResult.Revoked.class);
    assertThat(access(g.accessToken().tokenHash()).state()).isEqualTo(AccessTokenState.REVOKED);
  }

  @Test
  @DisplayName("rotate refuses a successor of another family and writes nothing")
  void rotateWithASuccessorOfAnotherFamilyIsRefused() {
    Family f = newFamily("alice", "c1");
    Family other = newFamily("bob", "c1");
    RefreshTokenRecord foreign = successorOf(other.refreshToken());
    AccessTokenRecord foreignAt = accessTokenOf(other.refreshToken());
    assertThatThrownBy(
            () -> store.rotate(f.refreshToken().tokenHash(), foreign, foreignAt, clock.instant()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(refresh(f.refreshToken().tokenHash()).state()).isEqualTo(RefreshTokenState.ACTIVE);
    assertThat(store.findRefreshToken(foreign.tokenHash())).isEmpty();
    assertThat(store.findAccessToken(foreignAt.tokenHash())).isEmpty();
  }

  @Test
  @DisplayName(
      "RL-02 a rotation that fails half-way (successor hash clash) leaves the old token usable")
  void rotateThatFailsWritesNothing() {
    Family f = newFamily("alice", "c1");
    Family other = newFamily("bob", "c1");
    RefreshTokenRecord clash =
        new RefreshTokenRecord(
            other.refreshToken().tokenHash(),
            f.grantId(),
            "c1",
            "alice",
            f.grant().scopes(),
            T0,
            f.grant().expiresAt(),
            RefreshTokenState.ACTIVE,
            null,
            null);
    AccessTokenRecord at = accessTokenOf(f.refreshToken());
    assertThatThrownBy(
            () ->
                store.rotate(
                    f.refreshToken().tokenHash(), clash, at, clock.instant().plusSeconds(1)))
        .isInstanceOf(RuntimeException.class);
    assertThat(refresh(f.refreshToken().tokenHash())).isEqualTo(f.refreshToken());
    assertThat(store.findAccessToken(at.tokenHash())).isEmpty();
    assertThat(refresh(other.refreshToken().tokenHash())).isEqualTo(other.refreshToken());
    assertThat(store.findGrant(f.grantId())).contains(f.grant());
    assertThat(rotate(f.refreshToken()))
        .as("a retry succeeds")
        .isInstanceOf(RotateResult.Rotated.class);
  }

  @Test
  @DisplayName(
      "RF-10 RL-07 of 64 concurrent rotations of one token exactly one wins, one successor stored")
  void concurrentRotationsHaveExactlyOneWinner() {
    Family f = newFamily("alice", "c1");
    int n = threads();
    List<RefreshTokenRecord> successors = new ArrayList<>();
    List<AccessTokenRecord> accessTokens = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      successors.add(successorOf(f.refreshToken()));
      accessTokens.add(accessTokenOf(f.refreshToken()));
    }
    Instant now = clock.instant();
    List<RotateResult> results =
        Race.run(
            n,
            i ->
                store.rotate(
                    f.refreshToken().tokenHash(), successors.get(i), accessTokens.get(i), now));

    assertThat(results).filteredOn(RotateResult.Rotated.class::isInstance).hasSize(1);
    assertThat(results).filteredOn(RotateResult.AlreadyRotated.class::isInstance).hasSize(n - 1);
    int winner =
        results.indexOf(
            results.stream()
                .filter(RotateResult.Rotated.class::isInstance)
                .findFirst()
                .orElseThrow());
    assertThat(successors)
        .filteredOn(s -> store.findRefreshToken(s.tokenHash()).isPresent())
        .containsExactly(successors.get(winner));
    assertThat(accessTokens)
        .filteredOn(a -> store.findAccessToken(a.tokenHash()).isPresent())
        .containsExactly(accessTokens.get(winner));
    assertThat(refresh(f.refreshToken().tokenHash()).successorHash())
        .isEqualTo(successors.get(winner).tokenHash());
  }

  @Test
  @DisplayName("RL-08 rotations racing revokeGrant: afterwards no token of the family is active")
  void rotateRacingRevokeGrantLeavesNothingActive() {
    for (int round = 0; round < 10; round++) {
      Family f = newFamily("alice", "c1");
      int n = Math.max(2, threads() / 2);
      List<RefreshTokenRecord> successors = new ArrayList<>();
      List<AccessTokenRecord> accessTokens = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        successors.add(successorOf(f.refreshToken()));
        accessTokens.add(accessTokenOf(f.refreshToken()));
      }
      Instant now = clock.instant();
      List<Object> results =
          Race.run(
              n + 1,
              i ->
                  i == n
                      ? store.revokeGrant(f.grantId())
                      : store.rotate(
                          f.refreshToken().tokenHash(),
                          successors.get(i),
                          accessTokens.get(i),
                          now));
      assertThat(results.get(n)).as("the revocation found the grant active").isEqualTo(true);
      List<TokenHash> rts =
          new ArrayList<>(successors.stream().map(RefreshTokenRecord::tokenHash).toList());
      rts.add(f.refreshToken().tokenHash());
      List<TokenHash> ats =
          new ArrayList<>(accessTokens.stream().map(AccessTokenRecord::tokenHash).toList());
      ats.add(f.accessToken().tokenHash());
      assertNothingActive(f.grantId(), rts, ats);
    }
  }

  @Test
  @DisplayName(
      "RL-08 a rotation that completed but is held before returning is undone by a revocation")
  void revocationWhileACompletedRotationIsHeldRevokesItsTokens() throws Exception {
    Family f = newFamily("alice", "c1");
    StoreFaults faults = new StoreFaults();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    faults.on(TokenStore.class, "rotate").after().block(inside, release);
    TokenStore held = new FaultInjectingTokenStore(store, faults);
    RefreshTokenRecord successor = successorOf(f.refreshToken());
    AccessTokenRecord at = accessTokenOf(f.refreshToken());
    CompletableFuture<RotateResult> rotation =
        CompletableFuture.supplyAsync(
            () -> held.rotate(f.refreshToken().tokenHash(), successor, at, clock.instant()));
    inside.await();
    assertThat(store.revokeGrant(f.grantId())).isTrue();
    release.countDown();
    assertThat(rotation.get()).isInstanceOf(RotateResult.Rotated.class);
    assertNothingActive(
        f.grantId(),
        List.of(f.refreshToken().tokenHash(), successor.tokenHash()),
        List.of(f.accessToken().tokenHash(), at.tokenHash()));
  }

  @Test
  @DisplayName(
      "RL-08 a rotation held before it reaches the store, then revoked, is Revoked and writes nothing")
  void revocationBeforeAHeldRotationReachesTheStoreMakesItFail() throws Exception {
    Family f = newFamily("alice", "c1");
    StoreFaults faults = new StoreFaults();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    faults.on(TokenStore.class, "rotate").block(inside, release);
    TokenStore held = new FaultInjectingTokenStore(store, faults);
    RefreshTokenRecord successor = successorOf(f.refreshToken());
    CompletableFuture<RotateResult> rotation =
        CompletableFuture.supplyAsync(
            () ->
                held.rotate(
                    f.refreshToken().tokenHash(),
                    successor,
                    accessTokenOf(f.refreshToken()),
                    clock.instant()));
    inside.await();
    store.revokeGrant(f.grantId());
    release.countDown();
    assertThat(rotation.get()).isInstanceOf(RotateResult.Revoked.class);
    assertThat(store.findRefreshToken(successor.tokenHash())).isEmpty();
  }
}
