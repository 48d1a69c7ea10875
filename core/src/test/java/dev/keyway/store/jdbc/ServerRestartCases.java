package dev.keyway.store.jdbc;

import static dev.keyway.store.jdbc.ServerInstance.codeOf;
import static dev.keyway.store.jdbc.ServerInstance.prompt;
import static dev.keyway.store.jdbc.ServerInstance.redemption;
import static dev.keyway.store.jdbc.ServerInstance.refresh;
import static dev.keyway.token.fixture.Checks.assertError;
import static dev.keyway.token.fixture.Checks.assertTokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.authorize.AuthorizeOutcome;
import dev.keyway.authorize.ConsentPrompt;
import dev.keyway.store.contract.Race;
import dev.keyway.testing.MutableClock;
import dev.keyway.token.fixture.Reply;
import dev.keyway.token.fixture.TestClients;
import dev.keyway.token.fixture.TokenCall;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * RL-13 through the server API: a server issues codes and tokens, is dropped with its pool, and a
 * new server on a new pool takes over the same database while another instance keeps running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerRestartCases {

  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  protected abstract TestDatabase openDatabase();

  private TestDatabase db;

  @BeforeAll
  void open() {
    db = openDatabase();
    ServerInstance.registerClients(db);
  }

  @AfterAll
  void close() {
    if (db != null) {
      db.close();
    }
  }

  private static Reply redeemed(ServerInstance s, String code) {
    Reply reply = s.token(redemption(code));
    assertTokens(reply);
    return reply;
  }

  @Test
  @DisplayName(
      "RL-13 restart on the same database: tokens validate, refresh works, reuse is still detected, a code from before redeems exactly once, consent and a pending request survive")
  void restartLosesNothing() {
    ServerInstance before = ServerInstance.start("before", db, MutableClock.at(T0));
    String code1 = codeOf(before.decide("alice", prompt(before.authorize("alice")), "allow"));
    Reply first = redeemed(before, code1);
    Reply second =
        before.token(refresh(first.refreshToken())); // first.refreshToken() is now ROTATED
    assertTokens(second);
    Reply other = redeemed(before, codeOf(before.authorize("alice"))); // consent remembered
    assertThat(
            before
                .server
                .revoke(
                    TokenCall.form()
                        .basic("c1", TestClients.C1_SECRET)
                        .param("token", other.accessToken())
                        .build())
                .status())
        .isEqualTo(200);
    String unredeemed = codeOf(before.authorize("alice"));
    ConsentPrompt bobsPrompt = prompt(before.authorize("bob")); // pending, not decided yet
    before.close();

    MutableClock later = MutableClock.at(T0.plusSeconds(20));
    try (ServerInstance after = ServerInstance.start("after", db, later);
        ServerInstance peer = ServerInstance.start("peer", db, later)) {
      assertThat(after.validates(second.accessToken())).as("active access token").isTrue();
      assertThat(after.introspectionActive(second.accessToken())).isTrue();
      assertThat(after.validates(other.accessToken()))
          .as("revoked access token stays revoked")
          .isFalse();
      assertThat(after.introspectionActive(other.accessToken())).isFalse();

      List<Reply> replies =
          Race.run(16, i -> (i % 2 == 0 ? after : peer).token(redemption(unredeemed)));
      assertThat(replies)
          .as("the code from before redeems exactly once")
          .filteredOn(r -> r.status() == 200)
          .hasSize(1);
      replies.stream()
          .filter(r -> r.status() != 200)
          .forEach(r -> assertError(r, 400, "invalid_grant"));

      AuthorizeOutcome again = after.authorize("alice");
      assertThat(again)
          .as("alice's consent is remembered")
          .isInstanceOf(AuthorizeOutcome.Redirect.class);
      redeemed(peer, codeOf(again));
      String bobsCode =
          codeOf(after.decide("bob", bobsPrompt, "allow")); // the pending request resumes
      redeemed(peer, bobsCode);

      Reply third = after.token(refresh(second.refreshToken()));
      assertTokens(third);
      assertThat(peer.validates(third.accessToken())).isTrue();

      assertError(
          peer.token(refresh(first.refreshToken())),
          400,
          "invalid_grant"); // RF-02 reuse after restart
      assertThat(after.validates(third.accessToken())).as("reuse revoked the family").isFalse();
      assertThat(after.introspectionActive(third.refreshToken())).isFalse();
    }
  }
}
