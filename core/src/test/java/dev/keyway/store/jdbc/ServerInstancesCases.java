package dev.keyway.store.jdbc;

import static dev.keyway.store.jdbc.ServerInstance.codeOf;
import static dev.keyway.store.jdbc.ServerInstance.prompt;
import static dev.keyway.store.jdbc.ServerInstance.redemption;
import static dev.keyway.store.jdbc.ServerInstance.refresh;
import static dev.keyway.token.fixture.Checks.assertError;
import static dev.keyway.token.fixture.Checks.assertTokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.authorize.AuthorizeOutcome;
import dev.keyway.event.SecurityEvent;
import dev.keyway.internal.Hashing;
import dev.keyway.spi.code.CodeState;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.TokenStore;
import dev.keyway.store.contract.Race;
import dev.keyway.testing.MutableClock;
import dev.keyway.token.fixture.Reply;
import dev.keyway.token.fixture.TestClients;
import dev.keyway.token.fixture.TokenCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two {@link dev.keyway.AuthorizationServer}s over one database, each with its own pool and clock,
 * driven only through the server API ({@code authorize}, {@code decide}, {@code token}, {@code
 * introspect}, {@code revoke}, {@code bearerTokens()}): what a load balancer spreading requests
 * over two instances would see. Restarts are in {@link ServerRestartCases}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerInstancesCases {

  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  static final int THREADS = 64;
  static final int ROUNDS = 8;

  protected abstract TestDatabase openDatabase();

  private TestDatabase db;
  private ServerInstance a;
  private ServerInstance b;

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
  void twoServers() {
    db.clean();
    ServerInstance.registerClients(db);
    a = ServerInstance.start("a", db, MutableClock.at(T0));
    b = ServerInstance.start("b", db, MutableClock.at(T0));
  }

  @AfterEach
  void dropServers() {
    Stream.of(a, b).forEach(ServerInstance::close);
  }

  private ServerInstance instance(int i) {
    return i % 2 == 0 ? a : b;
  }

  /**
   * alice authorizes c1 on {@code first}; the consent form (if shown) is posted to {@code second}.
   */
  private static String issueCode(ServerInstance first, ServerInstance second) {
    AuthorizeOutcome outcome = first.authorize("alice");
    if (outcome instanceof AuthorizeOutcome.ConsentRequired) {
      outcome = second.decide("alice", prompt(outcome), "allow");
    }
    return codeOf(outcome);
  }

  private static Reply tokensOn(ServerInstance redeemer, String code) {
    Reply reply = redeemer.token(redemption(code));
    assertTokens(reply);
    return reply;
  }

  /** Sends the request made by {@code call} from 64 threads at once, alternating instances. */
  private List<Reply> race(IntFunction<TokenCall> call) {
    return Race.run(THREADS, i -> instance(i).token(call.apply(i)));
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

  private <T extends SecurityEvent> long events(Class<T> type) {
    return Stream.of(a, b).flatMap(s -> s.events.stream()).filter(type::isInstance).count();
  }

  private void assertDeadEverywhere(String accessToken) {
    for (ServerInstance s : List.of(a, b)) {
      assertThat(s.validates(accessToken)).as("bearer on %s", s).isFalse();
      assertThat(s.introspectionActive(accessToken)).as("introspection on %s", s).isFalse();
    }
  }

  @Test
  @DisplayName(
      "CR-09 RL-06 64 concurrent redemptions of one code over two servers: one 200, and its token set ends revoked")
  void redeemConcurrentlyOverTwoServersThenOneWinnerAndItsTokensRevoked() {
    for (int round = 0; round < ROUNDS; round++) {
      String code = issueCode(instance(round), instance(round + 1));
      String grantId = a.codes.find(Hashing.tokenHash(code)).orElseThrow().grantId();
      long replaysBefore = events(SecurityEvent.CodeReplayDetected.class);

      Reply winner = theOnlyWinner(race(i -> redemption(code)));

      assertThat(db.count("keyway_grant", "grant_id = '" + grantId + "'"))
          .as("round %d: one token set", round)
          .isEqualTo(1);
      assertThat(db.count("keyway_access_token", "grant_id = '" + grantId + "'")).isEqualTo(1);
      assertThat(db.count("keyway_refresh_token", "grant_id = '" + grantId + "'")).isEqualTo(1);
      assertThat(b.tokens.findGrant(grantId).orElseThrow().state())
          .as("round %d: the losers were replays", round)
          .isEqualTo(GrantState.REVOKED);
      assertThat(
              db.count("keyway_access_token", "grant_id = '" + grantId + "' AND state = 'ACTIVE'"))
          .isZero();
      assertThat(
              db.count("keyway_refresh_token", "grant_id = '" + grantId + "' AND state = 'ACTIVE'"))
          .isZero();
      assertThat(a.codes.find(Hashing.tokenHash(code)).orElseThrow().state())
          .isEqualTo(CodeState.REPLAYED);
      assertThat(events(SecurityEvent.CodeReplayDetected.class) - replaysBefore)
          .isEqualTo(THREADS - 1);
      assertDeadEverywhere(winner.accessToken());
      assertError(instance(round).token(refresh(winner.refreshToken())), 400, "invalid_grant");
    }
  }

  @Test
  @DisplayName(
      "CR-09 RL-06 a replay on server b overtakes the winner on server a before a stored its grant: the grant still ends revoked")
  void replayOnOtherServerBeforeWinnerStoresGrantThenGrantRevoked() throws Exception {
    String code = issueCode(a, b);
    CountDownLatch winnerInCreateGrant = new CountDownLatch(1);
    CountDownLatch releaseWinner = new CountDownLatch(1);
    a.faults.on(TokenStore.class, "createGrant").block(winnerInCreateGrant, releaseWinner);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Reply> winner = pool.submit(() -> a.token(redemption(code)));
      assertThat(winnerInCreateGrant.await(30, TimeUnit.SECONDS))
          .isTrue(); // redeemed on a, no grant yet

      assertError(
          b.token(redemption(code)),
          400,
          "invalid_grant"); // b: a replay with nothing to revoke yet
      assertThat(b.codes.find(Hashing.tokenHash(code)).orElseThrow().state())
          .isEqualTo(CodeState.REPLAYED);
      releaseWinner.countDown();
      Reply won = winner.get(30, TimeUnit.SECONDS);

      assertTokens(won);
      assertDeadEverywhere(won.accessToken());
      assertThat(b.introspectionActive(won.refreshToken())).isFalse();
      assertError(b.token(refresh(won.refreshToken())), 400, "invalid_grant");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName(
      "RF-10 RL-07 64 concurrent refreshes of one token over two servers: one 200, one successor, the family revoked (no grace window)")
  void refreshConcurrentlyOverTwoServersThenOneWinnerAndFamilyRevoked() {
    for (int round = 0; round < ROUNDS; round++) {
      Reply first = tokensOn(instance(round), issueCode(a, b));
      String grantId =
          b.tokens
              .findRefreshToken(Hashing.tokenHash(first.refreshToken()))
              .orElseThrow()
              .grantId();
      long refreshedBefore = events(SecurityEvent.TokensRefreshed.class);

      Reply winner = theOnlyWinner(race(i -> refresh(first.refreshToken())));

      assertThat(db.count("keyway_refresh_token", "grant_id = '" + grantId + "'"))
          .as("round %d: one successor", round)
          .isEqualTo(2);
      assertThat(db.count("keyway_access_token", "grant_id = '" + grantId + "'")).isEqualTo(2);
      assertThat(a.tokens.findGrant(grantId).orElseThrow().state())
          .as("round %d", round)
          .isEqualTo(GrantState.REVOKED);
      assertThat(
              db.count(
                  "keyway_refresh_token", "grant_id = '" + grantId + "' AND state <> 'REVOKED'"))
          .isZero();
      assertThat(events(SecurityEvent.TokensRefreshed.class) - refreshedBefore).isEqualTo(1);
      assertDeadEverywhere(first.accessToken());
      assertDeadEverywhere(winner.accessToken());
      assertError(instance(round + 1).token(refresh(winner.refreshToken())), 400, "invalid_grant");
    }
    assertThat(events(SecurityEvent.RefreshTokenReuseDetected.class)).isPositive();
  }

  @Test
  @DisplayName(
      "RF-02 RL-07 reuse of a rotated refresh token detected on one server revokes the family for the other")
  void reuseDetectedOnOneServerRevokesFamilyOnTheOther() {
    Reply first = tokensOn(a, issueCode(a, a));
    Reply second = b.token(refresh(first.refreshToken()));
    assertTokens(second);
    assertThat(a.validates(second.accessToken())).as("b's successor is valid on a").isTrue();
    assertThat(b.introspectionActive(second.accessToken())).isTrue();

    assertError(a.token(refresh(first.refreshToken())), 400, "invalid_grant"); // reuse, seen by a

    assertThat(b.introspectionActive(second.accessToken()))
        .as("b: the family is revoked")
        .isFalse();
    assertThat(b.introspectionActive(second.refreshToken())).isFalse();
    assertThat(b.validates(second.accessToken())).isFalse();
    assertError(b.token(refresh(second.refreshToken())), 400, "invalid_grant");
    assertThat(events(SecurityEvent.RefreshTokenReuseDetected.class)).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "IN-02 RV-05 a token issued by one server validates on the other, and a revocation on the other is seen by the first")
  void tokenIssuedByOneServerValidatesOnTheOther() {
    String code = issueCode(a, b); // consent shown by a, decided on b
    Reply tokens = tokensOn(b, code);

    assertThat(a.validates(tokens.accessToken())).isTrue();
    assertThat(a.introspectionActive(tokens.accessToken())).isTrue();
    assertThat(a.introspectionActive(tokens.refreshToken())).isTrue();
    Reply refreshed = a.token(refresh(tokens.refreshToken()));
    assertTokens(refreshed);
    assertThat(b.validates(refreshed.accessToken())).isTrue();

    var revoked =
        b.server.revoke(
            TokenCall.form()
                .basic("c1", TestClients.C1_SECRET)
                .param("token", refreshed.accessToken())
                .param("token_type_hint", "access_token")
                .build());
    assertThat(revoked.status()).isEqualTo(200);

    assertThat(a.validates(refreshed.accessToken())).as("revoked on b, seen by a").isFalse();
    assertThat(a.introspectionActive(refreshed.accessToken())).isFalse();
    assertThat(a.introspectionActive(refreshed.refreshToken()))
        .as("RV-05 revokes the access token alone")
        .isTrue();
  }

  @Test
  @DisplayName("RL-10 clocks 30 s apart: boundaries move by the skew, single use does not")
  void clockSkewMovesBoundariesBySkewOnly() {
    b.clock.advance(Duration.ofSeconds(30)); // b runs 30 s ahead of a
    Reply fromB = tokensOn(b, issueCode(b, b));

    assertThat(b.validates(fromB.accessToken())).isTrue();
    assertThat(a.validates(fromB.accessToken())).as("issued 'in the future' for a").isFalse();
    a.clock.advance(Duration.ofSeconds(30));
    assertThat(a.validates(fromB.accessToken())).isTrue();

    a.clock.set(T0);
    b.clock.set(T0.plusSeconds(30));
    String code = issueCode(a, a); // expires at T0 + 60 s by a's clock
    b.clock.set(T0.plusSeconds(60));
    assertError(b.token(redemption(code)), 400, "invalid_grant"); // expired for b
    assertThat(a.codes.find(Hashing.tokenHash(code)).orElseThrow().state())
        .isEqualTo(CodeState.ISSUED);
    a.clock.set(T0.plusSeconds(59)); // still valid for a; b's threads see it expired or replayed
    theOnlyWinner(race(i -> redemption(code)));
  }
}
