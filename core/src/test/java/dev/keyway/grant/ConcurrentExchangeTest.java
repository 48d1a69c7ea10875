package dev.keyway.grant;

import static dev.keyway.token.fixture.Checks.assertError;
import static dev.keyway.token.fixture.Checks.assertTokens;
import static dev.keyway.token.fixture.TestClients.C1_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.event.SecurityEvent;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.token.fixture.FaultyStores;
import dev.keyway.token.fixture.Reply;
import dev.keyway.token.fixture.TestClients;
import dev.keyway.token.fixture.TokenServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CR-09 and RF-10: 64 identical requests released together on one code or one refresh token.
 * Exactly one wins; with DESIGN decisions 3 and 4 (no grace window) every loser is a valid replay
 * or reuse, so afterwards the one token set that exists is revoked. Each runs many rounds.
 */
class ConcurrentExchangeTest {

  private static final int THREADS = 64;
  private static final int ROUNDS = 25;
  private static ExecutorService pool;

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  /** Sends {@code request} from every thread at once; returns every reply. */
  private static List<Reply> race(TokenServer as, OAuthRequest request) throws Exception {
    CountDownLatch ready = new CountDownLatch(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Reply>> futures = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      Callable<Reply> task =
          () -> {
            ready.countDown();
            go.await();
            return as.send(request);
          };
      futures.add(pool.submit(task));
    }
    assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
    go.countDown();
    List<Reply> replies = new ArrayList<>();
    for (Future<Reply> f : futures) {
      replies.add(f.get(60, TimeUnit.SECONDS));
    }
    return replies;
  }

  private static Reply theOnlyWinner(List<Reply> replies) {
    List<Reply> winners = replies.stream().filter(r -> r.status() == 200).toList();
    assertThat(winners).as("exactly one 200").hasSize(1);
    replies.stream()
        .filter(r -> r.status() != 200)
        .forEach(r -> assertError(r, 400, "invalid_grant"));
    assertTokens(winners.get(0));
    return winners.get(0);
  }

  @Test
  @DisplayName(
      "CR-09 64 concurrent redemptions of one code: one 200, and its tokens end revoked (the losers were valid replays)")
  void redeemConcurrentlyThenOneWinnerAndFamilyRevoked() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      TokenServer as = TokenServer.start();
      String code = as.validCode("c1");
      String grantId = as.codeRecord(code).grantId();

      Reply winner = theOnlyWinner(race(as, as.redemption("c1", C1_SECRET, code).build()));

      assertThat(as.sizes())
          .as("round %d: at most one token set exists", round)
          .containsExactly(1, 1, 1);
      assertThat(as.accessToken(winner.accessToken()).orElseThrow().state())
          .as("round %d", round)
          .isEqualTo(AccessTokenState.REVOKED);
      assertThat(as.refreshToken(winner.refreshToken()).orElseThrow().state())
          .isEqualTo(RefreshTokenState.REVOKED);
      assertThat(as.memoryTokens.findGrant(grantId).orElseThrow().state())
          .isEqualTo(GrantState.REVOKED);
      assertThat(as.events(SecurityEvent.CodeReplayDetected.class)).hasSize(THREADS - 1);
      assertError(
          as.send(as.refresh("c1", C1_SECRET, winner.refreshToken())), 400, "invalid_grant");
    }
  }

  @Test
  @DisplayName(
      "CR-09 a replay that runs while the winner is between redeem and createGrant still gets the winner's grant revoked")
  void redeemWhenReplayOvertakesWinnerBeforeGrantIsStoredThenGrantIsRevokedAfterwards()
      throws Exception {
    FaultyStores faults = new FaultyStores();
    TokenServer as = TokenServer.start(TestClients.defaultHasher(), faults::codes, faults::tokens);
    String code = as.validCode("c1");
    CountDownLatch winnerInCreateGrant = new CountDownLatch(1);
    CountDownLatch releaseWinner = new CountDownLatch(1);
    faults.blockOnce("createGrant", winnerInCreateGrant, releaseWinner);

    Future<Reply> winner = pool.submit(() -> as.send(as.redemption("c1", C1_SECRET, code)));
    assertThat(winnerInCreateGrant.await(30, TimeUnit.SECONDS)).isTrue();
    Reply replay =
        as.send(as.redemption("c1", C1_SECRET, code)); // finds the code redeemed, no grant yet
    releaseWinner.countDown();
    Reply won = winner.get(30, TimeUnit.SECONDS);

    assertError(replay, 400, "invalid_grant");
    assertTokens(won);
    assertThat(as.accessToken(won.accessToken()).orElseThrow().state())
        .isEqualTo(AccessTokenState.REVOKED);
    assertThat(as.grantOf(won.refreshToken()).orElseThrow().state()).isEqualTo(GrantState.REVOKED);
  }

  @Test
  @DisplayName(
      "RF-10 64 concurrent refreshes of one token: one 200, one successor, and the family ends revoked")
  void refreshConcurrentlyThenOneWinnerAndFamilyRevoked() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      TokenServer as = TokenServer.start();
      Reply first = as.c1Tokens();

      Reply winner =
          theOnlyWinner(race(as, as.refresh("c1", C1_SECRET, first.refreshToken()).build()));

      assertThat(as.sizes())
          .as("round %d: one successor, one new access token", round)
          .containsExactly(1, 2, 2);
      assertThat(as.refreshToken(first.refreshToken()).orElseThrow().state())
          .isEqualTo(RefreshTokenState.REVOKED);
      assertThat(as.refreshToken(winner.refreshToken()).orElseThrow().state())
          .isEqualTo(RefreshTokenState.REVOKED);
      assertThat(as.accessToken(first.accessToken()).orElseThrow().state())
          .isEqualTo(AccessTokenState.REVOKED);
      assertThat(as.accessToken(winner.accessToken()).orElseThrow().state())
          .isEqualTo(AccessTokenState.REVOKED);
      assertThat(as.grantOf(first.refreshToken()).orElseThrow().state())
          .isEqualTo(GrantState.REVOKED);
      assertThat(as.events(SecurityEvent.TokensRefreshed.class)).hasSize(1);
      assertThat(as.events(SecurityEvent.RefreshTokenReuseDetected.class)).isNotEmpty();
    }
  }
}
