package dev.keyway.store.jdbc;

import static dev.keyway.grace.GraceServer.refresh;
import static dev.keyway.token.fixture.Checks.assertError;
import static dev.keyway.token.fixture.Checks.assertTokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.AuthorizationServer;
import dev.keyway.AuthorizationServerBuilder;
import dev.keyway.event.SecurityEvent;
import dev.keyway.grace.GraceServer;
import dev.keyway.grace.GraceTimelines;
import dev.keyway.grace.GraceTimelines.Timeline;
import dev.keyway.grace.Together;
import dev.keyway.internal.Hashing;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.testing.MutableClock;
import dev.keyway.token.fixture.Reply;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The refresh grace window on the JDBC stores, through {@code server.token(...)}: the timeline
 * table, 64 concurrent refreshes with the window on and off, and two {@link AuthorizationServer}
 * instances on one database sharing the grace key (RL-07). Each instance has its own {@link
 * DataSource}, so they share nothing but the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcGraceWindowCases {

  private static final int THREADS = 64;
  private static final int ROUNDS = 3;
  private static final Duration WINDOW = Duration.ofSeconds(10);

  protected abstract TestDatabase openDatabase();

  private TestDatabase db;

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

  /** One server instance with its own DataSource on the shared database. */
  private GraceServer instance(MutableClock clock, Consumer<AuthorizationServerBuilder> config) {
    DataSource ds = db.newDataSource();
    GraceServer.Stores stores =
        new GraceServer.Stores(
            new JdbcClientStore(ds), new JdbcAuthorizationCodeStore(ds), new JdbcTokenStore(ds));
    return new GraceServer(clock, stores, config);
  }

  /** An empty database with the fixture clients, and a first instance on it. */
  private GraceServer fresh(Consumer<AuthorizationServerBuilder> config) {
    db.clean();
    GraceServer as = instance(new MutableClock(GraceServer.START), config);
    as.stores.withFixtureClients(c -> c);
    return as;
  }

  private List<Long> sizes(GraceServer ignored) {
    return List.of(
        db.count("keyway_grant"),
        db.count("keyway_access_token"),
        db.count("keyway_refresh_token"));
  }

  Stream<Timeline> timelines() {
    return GraceTimelines.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("timelines")
  void timeline(Timeline t) {
    GraceTimelines.run(t, this::fresh, this::sizes);
  }

  @Test
  @DisplayName(
      "RF-10 window on: 64 concurrent refreshes all get the same pair, one rotation, nothing revoked")
  void concurrentRefreshInsideWindowThenAllGetTheSamePair() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      GraceServer as = fresh(GraceServer.window(WINDOW));
      Reply first = as.firstTokens("c1");

      List<Reply> replies =
          Together.run(THREADS, i -> as.send(refresh("c1", first.refreshToken())));

      Reply one = replies.get(0);
      for (Reply r : replies) {
        assertTokens(r);
        assertThat(r.refreshToken())
            .as("round %d: one successor", round)
            .isEqualTo(one.refreshToken());
        assertThat(r.accessToken())
            .as("round %d: one access token", round)
            .isEqualTo(one.accessToken());
      }
      assertThat(sizes(as)).as("round %d", round).containsExactly(1L, 2L, 2L);
      assertThat(db.count("keyway_grant", "state = 'REVOKED'")).isZero();
      assertThat(as.events(SecurityEvent.TokensRefreshed.class)).hasSize(1);
      assertThat(as.events(SecurityEvent.RefreshTokenRetried.class)).hasSize(THREADS - 1);
    }
  }

  @Test
  @DisplayName(
      "RF-10 window off: one of 64 concurrent refreshes wins, the rest are reuse, the family is revoked")
  void concurrentRefreshWithoutWindowThenOneWinnerAndFamilyRevoked() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      GraceServer as = fresh(GraceServer.window(Duration.ZERO));
      Reply first = as.firstTokens("c1");

      List<Reply> replies =
          Together.run(THREADS, i -> as.send(refresh("c1", first.refreshToken())));

      List<Reply> winners = replies.stream().filter(r -> r.status() == 200).toList();
      assertThat(winners).as("round %d: exactly one 200", round).hasSize(1);
      replies.stream()
          .filter(r -> r.status() != 200)
          .forEach(r -> assertError(r, 400, "invalid_grant"));
      assertThat(sizes(as)).containsExactly(1L, 2L, 2L);
      assertThat(as.grantOf(first.refreshToken()).state()).isEqualTo(GrantState.REVOKED);
      assertThat(as.refreshToken(winners.get(0).refreshToken()).orElseThrow().state())
          .isEqualTo(RefreshTokenState.REVOKED);
      assertThat(as.events(SecurityEvent.RefreshTokenReuseDetected.class)).isNotEmpty();
    }
  }

  @Test
  @DisplayName(
      "RL-07 two instances, one database, one key: 64 callers across both get the same successor;"
          + " after the window the rotated token revokes the family")
  void twoInstancesShareTheSuccessorAndRevokeAfterWindow() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      GraceServer a = fresh(GraceServer.window(WINDOW));
      GraceServer b = instance(a.clock, GraceServer.window(WINDOW));
      Reply first = a.firstTokens("c1");

      List<Reply> replies =
          Together.run(
              THREADS, i -> (i % 2 == 0 ? a : b).send(refresh("c1", first.refreshToken())));

      Reply one = replies.get(0);
      for (Reply r : replies) {
        assertTokens(r);
        assertThat(r.refreshToken())
            .as("round %d: one successor across both instances", round)
            .isEqualTo(one.refreshToken());
        assertThat(r.accessToken()).isEqualTo(one.accessToken());
      }
      assertThat(sizes(a)).containsExactly(1L, 2L, 2L);
      assertThat(
              a.events(SecurityEvent.TokensRefreshed.class).size()
                  + b.events(SecurityEvent.TokensRefreshed.class).size())
          .as("one rotation")
          .isEqualTo(1);
      assertThat(a.grantOf(first.refreshToken()).state()).isEqualTo(GrantState.ACTIVE);

      a.clock.advance(WINDOW);
      assertError(b.send(refresh("c1", first.refreshToken())), 400, "invalid_grant");

      assertThat(a.grantOf(first.refreshToken()).state()).isEqualTo(GrantState.REVOKED);
      assertThat(a.refreshToken(one.refreshToken()).orElseThrow().state())
          .isEqualTo(RefreshTokenState.REVOKED);
      assertThat(a.accessToken(one.accessToken()).orElseThrow().state())
          .isEqualTo(AccessTokenState.REVOKED);
      assertThat(b.events(SecurityEvent.RefreshTokenReuseDetected.class)).hasSize(1);
      assertError(a.send(refresh("c1", one.refreshToken())), 400, "invalid_grant");
    }
  }

  @Test
  @DisplayName("TK-01 with the window on, the tables hold the pair's hashes and never the tokens")
  void tablesHoldHashesOnly() {
    GraceServer as = fresh(GraceServer.window(WINDOW));
    Reply first = as.firstTokens("c1");
    Reply second = as.send(refresh("c1", first.refreshToken()));
    assertTokens(as.send(refresh("c1", first.refreshToken())));

    for (String token :
        List.of(first.refreshToken(), second.refreshToken(), second.accessToken())) {
      String raw = "'" + token + "'";
      assertThat(
              db.count(
                  "keyway_refresh_token", "token_hash = " + raw + " OR successor_hash = " + raw))
          .isZero();
      assertThat(db.count("keyway_access_token", "token_hash = " + raw)).isZero();
    }
    String successorHash = "'" + Hashing.tokenHash(second.refreshToken()).value() + "'";
    assertThat(db.count("keyway_refresh_token", "successor_hash = " + successorHash)).isEqualTo(1);
    assertThat(
            db.count(
                "keyway_access_token",
                "token_hash = '" + Hashing.tokenHash(second.accessToken()).value() + "'"))
        .isEqualTo(1);
  }
}
