package dev.keyway.grace;

import static dev.keyway.grace.GraceServer.refresh;
import static dev.keyway.token.fixture.Checks.assertError;
import static dev.keyway.token.fixture.Checks.assertTokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.event.SecurityEvent;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.store.memory.InMemoryTokenStore;
import dev.keyway.token.fixture.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RF-10 and RL-07 on the in-memory store: 64 refreshes of one token released together, through
 * {@code server.token(...)}, with the grace window on (everyone gets the same pair, nothing is
 * revoked) and off (one wins, the rest are reuse, the family ends revoked).
 */
class GraceConcurrencyTest {

  private static final int THREADS = 64;
  private static final int ROUNDS = 10;

  @Test
  @DisplayName(
      "RF-10 window on: 64 concurrent refreshes all get the same pair; one rotation, nothing revoked")
  void concurrentRefreshInsideWindowThenAllGetTheSamePair() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      GraceServer as = GraceServer.inMemory(GraceServer.window(Duration.ofSeconds(10)));
      Reply first = as.firstTokens("c1");

      List<Reply> replies =
          Together.run(THREADS, i -> as.send(refresh("c1", first.refreshToken())));

      Reply one = replies.get(0);
      assertTokens(one);
      for (Reply r : replies) {
        assertTokens(r);
        assertThat(r.refreshToken())
            .as("round %d: one successor", round)
            .isEqualTo(one.refreshToken());
        assertThat(r.accessToken())
            .as("round %d: one access token", round)
            .isEqualTo(one.accessToken());
      }
      assertThat(((InMemoryTokenStore) as.stores.tokens()).sizes())
          .as("round %d: one grant, two access tokens, two refresh tokens", round)
          .containsExactly(1, 2, 2);
      assertThat(as.grantOf(first.refreshToken()).state()).isEqualTo(GrantState.ACTIVE);
      assertThat(as.refreshToken(one.refreshToken()).orElseThrow().state())
          .isEqualTo(RefreshTokenState.ACTIVE);
      assertThat(as.events(SecurityEvent.TokensRefreshed.class)).hasSize(1);
      assertThat(as.events(SecurityEvent.RefreshTokenRetried.class)).hasSize(THREADS - 1);
      assertThat(as.events(SecurityEvent.RefreshTokenReuseDetected.class)).isEmpty();
      // and the pair works: the successor rotates once more
      assertTokens(as.send(refresh("c1", one.refreshToken())));
    }
  }

  @Test
  @DisplayName(
      "RF-10 window off (key set, zero window): exactly one 200, the rest reuse, the family revoked")
  void concurrentRefreshWithoutWindowThenOneWinnerAndFamilyRevoked() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      GraceServer as = GraceServer.inMemory(GraceServer.window(Duration.ZERO));
      Reply first = as.firstTokens("c1");

      List<Reply> replies =
          Together.run(THREADS, i -> as.send(refresh("c1", first.refreshToken())));

      List<Reply> winners = replies.stream().filter(r -> r.status() == 200).toList();
      assertThat(winners).as("round %d: exactly one 200", round).hasSize(1);
      replies.stream()
          .filter(r -> r.status() != 200)
          .forEach(r -> assertError(r, 400, "invalid_grant"));
      Reply winner = winners.get(0);
      assertThat(((InMemoryTokenStore) as.stores.tokens()).sizes()).containsExactly(1, 2, 2);
      assertThat(as.grantOf(first.refreshToken()).state()).isEqualTo(GrantState.REVOKED);
      assertThat(as.refreshToken(winner.refreshToken()).orElseThrow().state())
          .isEqualTo(RefreshTokenState.REVOKED);
      assertThat(as.accessToken(winner.accessToken()).orElseThrow().state())
          .isEqualTo(AccessTokenState.REVOKED);
      assertThat(as.events(SecurityEvent.TokensRefreshed.class)).hasSize(1);
      // the first loser revokes the family; later ones may find the token already revoked
      assertThat(as.events(SecurityEvent.RefreshTokenReuseDetected.class)).isNotEmpty();
      assertThat(as.events(SecurityEvent.RefreshTokenRetried.class)).isEmpty();
    }
  }

  @Test
  @DisplayName(
      "RL-07 two instances sharing one store and one key: all 64 callers across both get the same pair")
  void twoInstancesSharingStoreAndKeyThenAllGetTheSamePair() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      GraceServer a = GraceServer.inMemory(GraceServer.window(Duration.ofSeconds(10)));
      GraceServer b =
          new GraceServer(a.clock, a.stores, GraceServer.window(Duration.ofSeconds(10)));
      Reply first = a.firstTokens("c1");

      List<Reply> replies =
          Together.run(
              THREADS, i -> (i % 2 == 0 ? a : b).send(refresh("c1", first.refreshToken())));

      Reply one = replies.get(0);
      for (Reply r : replies) {
        assertTokens(r);
        assertThat(r.refreshToken()).as("round %d", round).isEqualTo(one.refreshToken());
        assertThat(r.accessToken()).isEqualTo(one.accessToken());
      }
      assertThat(((InMemoryTokenStore) a.stores.tokens()).sizes()).containsExactly(1, 2, 2);
      assertThat(
              a.events(SecurityEvent.TokensRefreshed.class).size()
                  + b.events(SecurityEvent.TokensRefreshed.class).size())
          .isEqualTo(1);
      assertThat(a.grantOf(first.refreshToken()).state()).isEqualTo(GrantState.ACTIVE);
    }
  }
}
