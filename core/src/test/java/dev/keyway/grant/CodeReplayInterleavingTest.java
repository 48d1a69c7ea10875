package dev.keyway.grant;

import static dev.keyway.token.fixture.Checks.assertError;
import static dev.keyway.token.fixture.Checks.assertTokens;
import static dev.keyway.token.fixture.TestClients.C1_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.spi.code.AuthorizationCodeStore;
import dev.keyway.spi.code.CodeState;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.TokenStore;
import dev.keyway.store.contract.FaultInjectingAuthorizationCodeStore;
import dev.keyway.store.contract.FaultInjectingTokenStore;
import dev.keyway.store.contract.StoreFaults;
import dev.keyway.token.fixture.Reply;
import dev.keyway.token.fixture.TestClients;
import dev.keyway.token.fixture.TokenServer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CR-09: the interleavings of a code's winner (redeem, createGrant, re-read the code) and a
 * concurrent replay (see the code redeemed, markReplayed, revokeGrant), forced one at a time by
 * holding store calls. Whatever the order, the grant ends revoked; a store failure on either side
 * is a 500 that leaves nothing usable behind.
 */
class CodeReplayInterleavingTest {

  private final StoreFaults faults = new StoreFaults();
  private final TokenServer as =
      TokenServer.start(
          TestClients.defaultHasher(),
          codes -> new FaultInjectingAuthorizationCodeStore(codes, faults),
          tokens -> new FaultInjectingTokenStore(tokens, faults));
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  private Future<Reply> redeemInBackground(String code) {
    return pool.submit(() -> as.send(as.redemption("c1", C1_SECRET, code)));
  }

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertThat(latch.await(30, TimeUnit.SECONDS)).as("the held call was reached").isTrue();
  }

  private GrantState grantState(String code) {
    return as.memoryTokens.findGrant(as.codeRecord(code).grantId()).orElseThrow().state();
  }

  @Test
  @DisplayName(
      "CR-09 replay marks the code while the winner is inside createGrant: the winner reads REPLAYED and revokes its own grant")
  void redeemWhenReplayMarkedBeforeWinnerRereadsThenWinnerRevokes() throws Exception {
    String code = as.validCode("c1");
    CountDownLatch winnerInCreate = new CountDownLatch(1);
    CountDownLatch releaseWinner = new CountDownLatch(1);
    CountDownLatch replayAtRevoke = new CountDownLatch(1);
    CountDownLatch releaseReplay = new CountDownLatch(1);
    faults.on(TokenStore.class, "createGrant").block(winnerInCreate, releaseWinner);
    faults.on(TokenStore.class, "revokeGrant").block(replayAtRevoke, releaseReplay);

    Future<Reply> winner = redeemInBackground(code);
    await(winnerInCreate);
    Future<Reply> replay = redeemInBackground(code);
    await(replayAtRevoke); // the replay has marked the code and not revoked anything yet
    assertThat(as.codeRecord(code).state()).isEqualTo(CodeState.REPLAYED);
    releaseWinner.countDown();
    Reply won = winner.get(30, TimeUnit.SECONDS);

    assertTokens(won);
    assertThat(grantState(code)).as("revoked by the winner itself").isEqualTo(GrantState.REVOKED);
    assertThat(as.accessToken(won.accessToken()).orElseThrow().state())
        .isEqualTo(AccessTokenState.REVOKED);
    releaseReplay.countDown();
    assertError(replay.get(30, TimeUnit.SECONDS), 400, "invalid_grant");
    assertThat(grantState(code)).isEqualTo(GrantState.REVOKED);
  }

  @Test
  @DisplayName(
      "CR-09 winner re-reads the code before the replay marks it: the replay, which marks before it revokes, finds the grant and revokes it")
  void redeemWhenWinnerRereadsBeforeReplayMarksThenReplayRevokes() throws Exception {
    String code = as.validCode("c1");
    CountDownLatch winnerInCreate = new CountDownLatch(1);
    CountDownLatch releaseWinner = new CountDownLatch(1);
    CountDownLatch replayAtMark = new CountDownLatch(1);
    CountDownLatch releaseReplay = new CountDownLatch(1);
    faults.on(TokenStore.class, "createGrant").block(winnerInCreate, releaseWinner);
    faults.on(AuthorizationCodeStore.class, "markReplayed").block(replayAtMark, releaseReplay);

    Future<Reply> winner = redeemInBackground(code);
    await(winnerInCreate); // redeemed, grant not stored
    Future<Reply> replay = redeemInBackground(code);
    await(replayAtMark); // saw the code redeemed; had it revoked first, there would be nothing to
    // revoke
    releaseWinner.countDown();
    Reply won = winner.get(30, TimeUnit.SECONDS);

    assertTokens(won);
    assertThat(as.codeRecord(code).state()).isEqualTo(CodeState.REDEEMED);
    assertThat(grantState(code)).as("the winner saw no replay mark").isEqualTo(GrantState.ACTIVE);
    releaseReplay.countDown();
    assertError(replay.get(30, TimeUnit.SECONDS), 400, "invalid_grant");

    assertThat(grantState(code)).isEqualTo(GrantState.REVOKED);
    assertThat(as.accessToken(won.accessToken()).orElseThrow().state())
        .isEqualTo(AccessTokenState.REVOKED);
    assertThat(as.codeRecord(code).state()).isEqualTo(CodeState.REPLAYED);
  }

  @Test
  @DisplayName(
      "CR-01 RL-01 the winner's re-read of the code fails: 500 without tokens; the stored grant dies with the next replay")
  void redeemWhenRereadFailsThenServerErrorAndGrantRevokedByRetry() {
    String code = as.validCode("c1");
    faults.on(AuthorizationCodeStore.class, "find").onCall(2).fail(); // 1: bindings, 2: the re-read

    Reply failed = as.send(as.redemption("c1", C1_SECRET, code));

    assertError(failed, 500, "server_error");
    assertThat(failed.accessToken()).isNull();
    assertThat(grantState(code))
        .as("stored, but nobody holds its tokens")
        .isEqualTo(GrantState.ACTIVE);
    assertError(as.send(as.redemption("c1", C1_SECRET, code)), 400, "invalid_grant");
    assertThat(grantState(code)).isEqualTo(GrantState.REVOKED);
  }

  @Test
  @DisplayName(
      "CR-01 RL-03 markReplayed fails on a replay: 500, nothing revoked yet; the next replay revokes")
  void replayWhenMarkFailsThenServerErrorAndNextReplayRevokes() {
    String code = as.validCode("c1");
    Reply won = as.send(as.redemption("c1", C1_SECRET, code));
    assertTokens(won);
    faults.on(AuthorizationCodeStore.class, "markReplayed").fail();

    assertError(as.send(as.redemption("c1", C1_SECRET, code)), 500, "server_error");
    assertThat(as.codeRecord(code).state()).isEqualTo(CodeState.REDEEMED);
    assertThat(grantState(code)).isEqualTo(GrantState.ACTIVE);

    assertError(as.send(as.redemption("c1", C1_SECRET, code)), 400, "invalid_grant");
    assertThat(as.codeRecord(code).state()).isEqualTo(CodeState.REPLAYED);
    assertThat(grantState(code)).isEqualTo(GrantState.REVOKED);
    assertThat(as.isActive(won.accessToken())).isFalse();
  }
}
