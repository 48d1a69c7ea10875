package dev.keyway.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.GrantRecord;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.spi.token.RotateResult;
import dev.keyway.store.contract.ContractFixtures;
import dev.keyway.store.contract.Race;
import dev.keyway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How {@link InMemoryTokenStore} lets its access tokens go when they expire: by itself, as tokens
 * are written, and without leaving their hashes in their family's list.
 */
class InMemoryTokenStoreSweepTest {

  private static final Duration ACCESS_LIFE = Duration.ofSeconds(10);

  private final MutableClock clock = MutableClock.startingAt2026();
  private final InMemoryTokenStore store = new InMemoryTokenStore(clock);

  private GrantRecord grant(String subject) {
    Instant now = clock.instant();
    return new GrantRecord(
        ContractFixtures.newId("grant"),
        "c1",
        subject,
        Set.of("read"),
        now,
        now,
        now.plus(Duration.ofDays(7)),
        now,
        GrantState.ACTIVE);
  }

  private AccessTokenRecord accessToken(String grantId, String clientId, String subject) {
    Instant now = clock.instant();
    return new AccessTokenRecord(
        ContractFixtures.newHash(),
        grantId,
        clientId,
        subject,
        Set.of("read"),
        now,
        now.plus(ACCESS_LIFE),
        AccessTokenState.ACTIVE);
  }

  private RefreshTokenRecord refreshToken(GrantRecord g) {
    return new RefreshTokenRecord(
        ContractFixtures.newHash(),
        g.grantId(),
        g.clientId(),
        g.subject(),
        g.scopes(),
        clock.instant(),
        g.expiresAt(),
        RefreshTokenState.ACTIVE,
        null,
        null);
  }

  private RefreshTokenRecord newFamily(String subject) {
    GrantRecord g = grant(subject);
    RefreshTokenRecord rt = refreshToken(g);
    store.createGrant(g, accessToken(g.grantId(), g.clientId(), g.subject()), rt);
    return rt;
  }

  /** Rotates {@code rt}; returns its successor. */
  private RefreshTokenRecord rotate(RefreshTokenRecord rt) {
    GrantRecord g = store.findGrant(rt.grantId()).orElseThrow();
    RefreshTokenRecord successor = refreshToken(g);
    RotateResult result =
        store.rotate(
            rt.tokenHash(),
            successor,
            accessToken(g.grantId(), g.clientId(), g.subject()),
            clock.instant());
    assertThat(result).isInstanceOf(RotateResult.Rotated.class);
    return successor;
  }

  private void saveClientCredentialsTokens(int count) {
    for (int i = 0; i < count; i++) {
      store.saveAccessToken(accessToken(null, "svc", "svc"));
    }
  }

  @Test
  void expiredTokensGoByThemselvesAndLeaveTheirFamily() {
    RefreshTokenRecord rt = newFamily("alice");
    for (int i = 0; i < 50; i++) {
      rt = rotate(rt);
    }
    saveClientCredentialsTokens(200);
    assertThat(store.accessTokensOfFamily(rt.grantId())).isEqualTo(51);
    assertThat(store.sizes()).containsExactly(1, 251, 51);

    clock.advance(ACCESS_LIFE.plusMillis(1));
    saveClientCredentialsTokens(5_000);

    assertThat(store.accessTokensOfFamily(rt.grantId())).isZero();
    assertThat(store.sizes()).containsExactly(1, 5_000, 51);
    assertThat(store.findGrant(rt.grantId())).isPresent();
    rt = rotate(rt);
    assertThat(store.accessTokensOfFamily(rt.grantId())).isEqualTo(1);
    assertThat(store.revokeGrant(rt.grantId())).isTrue();
  }

  @Test
  void aStoreUnderSteadyIssuanceStaysBounded() {
    int perSecond = 1_000;
    for (int second = 0; second < 60; second++) {
      for (int i = 0; i < perSecond; i++) {
        store.saveAccessToken(accessToken(null, "svc", "svc"));
        clock.advance(Duration.ofMillis(1));
      }
    }
    int live = perSecond * (int) ACCESS_LIFE.toSeconds();
    // The live tokens plus at most one revolution of the sweeping hands' worth of expired ones.
    assertThat(store.sizes()[1]).isBetween(live, 2 * live);
  }

  @Test
  @DisplayName("families rotating on many threads while their tokens expire never deadlock")
  void rotationsOnManyThreadsWhileTokensExpire() {
    int threads = 16;
    int rotations = 1_000;
    List<RefreshTokenRecord> firsts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      firsts.add(newFamily("user" + t));
    }
    List<RefreshTokenRecord> lasts =
        Race.run(
            threads,
            t -> {
              RefreshTokenRecord rt = firsts.get(t);
              for (int i = 0; i < rotations; i++) {
                rt = rotate(rt);
                // Move time on so that other families' tokens expire and are swept under their
                // monitors while this thread holds its own between rotations.
                clock.advance(Duration.ofMillis(5));
                if (i % 10 == 0) {
                  store.saveAccessToken(accessToken(null, "svc", "svc"));
                  store.purgeExpired(clock.instant(), 16);
                }
              }
              return rt;
            });
    clock.advance(ACCESS_LIFE.plusSeconds(1));
    while (store.purgeExpired(clock.instant(), 1_000) > 0) {
      // drain
    }
    for (RefreshTokenRecord rt : lasts) {
      assertThat(store.accessTokensOfFamily(rt.grantId())).isZero();
      assertThat(store.findRefreshToken(rt.tokenHash()).orElseThrow().state())
          .isEqualTo(RefreshTokenState.ACTIVE);
    }
    assertThat(store.sizes()).containsExactly(threads, 0, threads * (rotations + 1));
  }
}
