package dev.keyway.grace;

import static dev.keyway.grace.GraceServer.refresh;
import static dev.keyway.token.fixture.Checks.assertError;
import static dev.keyway.token.fixture.Checks.assertTokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.event.SecurityEvent;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.RefreshGraceKey;
import dev.keyway.spi.TokenHash;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.testing.MutableClock;
import dev.keyway.token.AccessTokenClaims;
import dev.keyway.token.IssuedToken;
import dev.keyway.token.OpaqueTokenIssuer;
import dev.keyway.token.TokenIssuer;
import dev.keyway.token.fixture.FaultyStores;
import dev.keyway.token.fixture.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The grace window's individual rules, beyond the timeline table. */
class GraceBehaviourTest {

  private static final Duration WINDOW = Duration.ofSeconds(10);

  @Test
  @DisplayName(
      "TK-01 first use with a window: the pair is derived from the presented token, only hashes are stored")
  void firstUseThenPairDerivedAndOnlyHashesStored() {
    GraceServer as = GraceServer.inMemory(GraceServer.window(WINDOW));
    Reply first = as.firstTokens("c1");
    as.clock.advance(Duration.ofMinutes(1));

    Reply second = as.send(refresh("c1", first.refreshToken()));

    assertTokens(second);
    RefreshGraceKey key = RefreshGraceKey.of(GraceServer.KEY);
    assertThat(second.refreshToken()).isEqualTo(key.successorRefreshToken(first.refreshToken()));
    assertThat(second.accessToken()).isEqualTo(key.accessTokenId(first.refreshToken()));
    assertThat(second.refreshToken())
        .isNotEqualTo(second.accessToken())
        .isNotEqualTo(first.refreshToken());
    RefreshTokenRecord rotated = as.refreshToken(first.refreshToken()).orElseThrow();
    assertThat(rotated.state()).isEqualTo(RefreshTokenState.ROTATED);
    assertThat(rotated.rotatedAt()).isEqualTo(as.clock.instant());
    assertThat(rotated.successorHash()).isEqualTo(Hashing.tokenHash(second.refreshToken()));
    List<String> held = Reachable.strings(as.stores);
    assertThat(held)
        .contains(
            Hashing.tokenHash(second.refreshToken()).value(),
            Hashing.tokenHash(second.accessToken()).value());
    for (String credential :
        List.of(
            first.refreshToken(),
            first.accessToken(),
            second.refreshToken(),
            second.accessToken())) {
      assertThat(held)
          .as("no stored string contains a token")
          .noneMatch(s -> s.contains(credential));
      assertThat(as.events).allSatisfy(e -> assertThat(e.toString()).doesNotContain(credential));
    }
  }

  @Test
  @DisplayName(
      "RF-03 another client inside the window changes nothing: the owner's retry still gets the same pair")
  void otherClientInsideWindowThenOwnerStillGetsThePair() {
    GraceServer as = GraceServer.inMemory(GraceServer.window(WINDOW));
    Reply first = as.firstTokens("c1");
    Reply second = as.send(refresh("c1", first.refreshToken()));
    as.clock.advance(Duration.ofSeconds(1));

    assertError(as.send(refresh("c2", first.refreshToken())), 400, "invalid_grant");
    Reply retry = as.send(refresh("c1", first.refreshToken()));

    assertTokens(retry);
    assertThat(retry.refreshToken()).isEqualTo(second.refreshToken());
    assertThat(retry.accessToken()).isEqualTo(second.accessToken());
    assertThat(as.events(SecurityEvent.RefreshTokenReuseDetected.class)).isEmpty();
  }

  @Test
  @DisplayName("RF-05 a narrowed first use retried with the same scope gets the same narrowed pair")
  void narrowedRefreshRetriedWithSameScopeThenSamePair() {
    GraceServer as = GraceServer.inMemory(GraceServer.window(WINDOW));
    Reply first = as.firstTokens("c1");
    Reply second = as.send(refresh("c1", first.refreshToken()).param("scope", "read"));
    assertThat(second.scope()).isEqualTo("read");

    Reply retry = as.send(refresh("c1", first.refreshToken()).param("scope", "read"));
    Reply wider = as.send(refresh("c1", first.refreshToken()));

    assertTokens(retry);
    assertThat(retry.accessToken()).isEqualTo(second.accessToken());
    assertThat(retry.scope()).isEqualTo("read");
    assertError(
        wider, 400, "invalid_grant"); // another request than the first use: refused, not reuse
    assertThat(as.grantOf(first.refreshToken()).state()).isEqualTo(GrantState.ACTIVE);
  }

  @Test
  @DisplayName(
      "an instance with another key cannot prove the successor: the retry is reuse (fail closed)")
  void instanceWithAnotherKeyThenReuse() {
    GraceServer a = GraceServer.inMemory(GraceServer.window(WINDOW));
    GraceServer b =
        new GraceServer(
            a.clock,
            a.stores,
            x -> x.refreshGraceWindow(WINDOW).refreshGraceKey(GraceServer.OTHER_KEY));
    Reply first = a.firstTokens("c1");
    assertTokens(a.send(refresh("c1", first.refreshToken())));

    assertError(b.send(refresh("c1", first.refreshToken())), 400, "invalid_grant");

    assertThat(a.grantOf(first.refreshToken()).state()).isEqualTo(GrantState.REVOKED);
    assertThat(b.events(SecurityEvent.RefreshTokenReuseDetected.class)).hasSize(1);
  }

  @Test
  @DisplayName("a token rotated before the client had a window cannot be answered again: reuse")
  void rotatedWithoutWindowThenWindowAddedThenReuse() {
    GraceServer as = GraceServer.inMemory(GraceServer.window(Duration.ZERO));
    Reply first = as.firstTokens("c1");
    assertTokens(as.send(refresh("c1", first.refreshToken())));
    as.update("c1", b -> b.refreshGraceWindow(WINDOW));

    assertError(as.send(refresh("c1", first.refreshToken())), 400, "invalid_grant");

    assertThat(as.grantOf(first.refreshToken()).state()).isEqualTo(GrantState.REVOKED);
  }

  @Test
  @DisplayName(
      "the access token expired inside the window (short per-client lifetime): invalid_grant, nothing revoked")
  void accessTokenExpiredInsideWindowThenRefused() {
    GraceServer as = GraceServer.inMemory(GraceServer.window(Duration.ofMinutes(5)));
    as.update("c1", b -> b.accessTokenTtl(Duration.ofMinutes(1)));
    Reply first = as.firstTokens("c1");
    Reply second = as.send(refresh("c1", first.refreshToken()));
    assertThat(second.expiresIn()).isEqualTo(60);
    as.clock.advance(Duration.ofSeconds(59));
    Reply inTime = as.send(refresh("c1", first.refreshToken()));
    as.clock.advance(Duration.ofSeconds(1));

    Reply late = as.send(refresh("c1", first.refreshToken()));

    assertThat(inTime.expiresIn()).isEqualTo(1);
    assertThat(inTime.accessToken()).isEqualTo(second.accessToken());
    assertError(late, 400, "invalid_grant");
    assertThat(as.grantOf(first.refreshToken()).state()).isEqualTo(GrantState.ACTIVE);
    assertTokens(as.send(refresh("c1", second.refreshToken()))); // the successor still works
  }

  @Test
  @DisplayName(
      "a token issuer that cannot mint a given id: refreshes work, and a retry is reuse (fail closed)")
  void issuerWithoutIdSupportThenRetryIsReuse() {
    OpaqueTokenIssuer opaque = new OpaqueTokenIssuer();
    TokenIssuer legacy =
        new TokenIssuer() {
          @Override
          public IssuedToken issueAccessToken(AccessTokenClaims claims) {
            return opaque.issueAccessToken(claims);
          }

          @Override
          public Optional<TokenHash> keyOf(String presented) {
            return opaque.keyOf(presented);
          }
        };
    GraceServer as =
        GraceServer.inMemory(GraceServer.window(WINDOW).andThen(b -> b.tokenIssuer(legacy)));
    Reply first = as.firstTokens("c1");
    Reply second = as.send(refresh("c1", first.refreshToken()));
    assertTokens(second);
    String derived = RefreshGraceKey.of(GraceServer.KEY).accessTokenId(first.refreshToken());
    assertThat(second.accessToken()).isNotEqualTo(derived);

    assertError(as.send(refresh("c1", first.refreshToken())), 400, "invalid_grant");

    assertThat(as.grantOf(first.refreshToken()).state()).isEqualTo(GrantState.REVOKED);
  }

  @Test
  @DisplayName(
      "RL-01 a store failure while answering a retry is a 500, changes nothing; the next retry gets the pair")
  void storeFailureDuringRetryThenServerErrorAndRetryLaterWorks() {
    FaultyStores faults = new FaultyStores();
    MutableClock clock = new MutableClock(GraceServer.START);
    GraceServer.Stores memory = GraceServer.Stores.inMemory(clock).withFixtureClients(c -> c);
    GraceServer as =
        new GraceServer(
            clock,
            new GraceServer.Stores(
                memory.clients(), memory.codes(), faults.tokens(memory.tokens())),
            GraceServer.window(WINDOW));
    Reply first = as.firstTokens("c1");
    Reply second = as.send(refresh("c1", first.refreshToken()));
    faults.failOnce("findAccessToken", FaultyStores.When.BEFORE);

    Reply failed = as.send(refresh("c1", first.refreshToken()));
    Reply retry = as.send(refresh("c1", first.refreshToken()));

    assertError(failed, 500, "server_error");
    assertThat(faults.armed()).isFalse();
    assertTokens(retry);
    assertThat(retry.refreshToken()).isEqualTo(second.refreshToken());
    assertThat(retry.accessToken()).isEqualTo(second.accessToken());
  }
}
