package dev.keyway.grant;

import static dev.keyway.token.fixture.Checks.assertError;
import static dev.keyway.token.fixture.Checks.assertTokens;
import static dev.keyway.token.fixture.TestClients.C1_SECRET;
import static dev.keyway.token.fixture.TestClients.C2_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.AuthorizationServer;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.TokenHash;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientStore;
import dev.keyway.spi.code.CodeState;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.spi.user.ResourceOwner;
import dev.keyway.spi.user.UserAuthenticator;
import dev.keyway.token.AccessTokenClaims;
import dev.keyway.token.IssuedToken;
import dev.keyway.token.OpaqueTokenIssuer;
import dev.keyway.token.TokenIssuer;
import dev.keyway.token.fixture.FaultyStores;
import dev.keyway.token.fixture.FaultyStores.When;
import dev.keyway.token.fixture.Reply;
import dev.keyway.token.fixture.TestClients;
import dev.keyway.token.fixture.TokenCall;
import dev.keyway.token.fixture.TokenServer;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RL-01..RL-03: a store that fails at any step becomes a 500 {@code server_error} with no token in
 * the body, and leaves a consistent state: never tokens returned but not stored, never tokens
 * stored while the code is still redeemable, never the old refresh token gone without a successor.
 */
class StoreFailureTest {

  private final FaultyStores faults = new FaultyStores();
  private final TokenServer as =
      TokenServer.start(TestClients.defaultHasher(), faults::codes, faults::tokens);

  private static void assertServerError(Reply reply) {
    assertError(reply, 500, "server_error");
    assertThat(reply.response().body()).doesNotContain("injected", "Exception", "at dev.");
  }

  static Stream<Arguments> redemptionSteps() {
    // step, when, code redeemed afterwards, token sets stored afterwards, retry succeeds
    return Stream.of(
        Arguments.of("find", When.BEFORE, false, 0, true),
        Arguments.of("redeem", When.BEFORE, false, 0, true),
        Arguments.of("redeem", When.AFTER, true, 0, false),
        Arguments.of("createGrant", When.BEFORE, true, 0, false),
        Arguments.of("createGrant", When.AFTER, true, 1, false));
  }

  @ParameterizedTest(name = "{0} fails {1} the write")
  @MethodSource("redemptionSteps")
  @DisplayName(
      "RL-01 a store failure at each step of code redemption: 500, no token, a consistent state, a retry that agrees")
  void redeemWhenStoreFailsThenServerErrorAndConsistentState(
      String step, When when, boolean redeemed, int grantsStored, boolean retrySucceeds) {
    String code = as.validCode("c1");
    faults.failOnce(step, when);

    Reply failed = as.send(as.redemption("c1", C1_SECRET, code));

    assertThat(faults.armed()).as("the fault fired").isFalse();
    assertServerError(failed);
    assertThat(as.codeRecord(code).state())
        .isEqualTo(redeemed ? CodeState.REDEEMED : CodeState.ISSUED);
    assertThat(as.sizes()[0]).isEqualTo(grantsStored);

    Reply retry = as.send(as.redemption("c1", C1_SECRET, code));
    if (retrySucceeds) {
      assertTokens(retry);
      assertThat(as.accessToken(retry.accessToken())).isPresent();
    } else {
      assertError(retry, 400, "invalid_grant");
      // tokens that were stored but never delivered die with the replay
      assertThat(as.memoryTokens.findGrant(as.codeRecord(code).grantId()).map(g -> g.state()))
          .isIn(Optional.empty(), Optional.of(GrantState.REVOKED));
    }
  }

  @Test
  @DisplayName("RL-01 a failing token issuer cannot burn the code: minting happens before redeem")
  void redeemWhenTokenIssuerFailsThenCodeStaysRedeemable() {
    boolean[] fail = {true};
    OpaqueTokenIssuer real = new OpaqueTokenIssuer();
    TokenServer flaky =
        TokenServer.start(
            b ->
                b.tokenIssuer(
                    new TokenIssuer() {
                      @Override
                      public IssuedToken issueAccessToken(AccessTokenClaims claims) {
                        if (fail[0]) {
                          throw new IllegalStateException("signing key unavailable");
                        }
                        return real.issueAccessToken(claims);
                      }

                      @Override
                      public Optional<TokenHash> keyOf(String presented) {
                        return real.keyOf(presented);
                      }
                    }));
    String code = flaky.validCode("c1");

    assertServerError(flaky.send(flaky.redemption("c1", C1_SECRET, code)));
    assertThat(flaky.codeRecord(code).state()).isEqualTo(CodeState.ISSUED);

    fail[0] = false;
    assertTokens(flaky.send(flaky.redemption("c1", C1_SECRET, code)));
  }

  static Stream<Arguments> rotationSteps() {
    return Stream.of(
        Arguments.of("findRefreshToken", When.BEFORE),
        Arguments.of("findGrant", When.BEFORE),
        Arguments.of("rotate", When.BEFORE));
  }

  @ParameterizedTest(name = "{0} fails {1} the write")
  @MethodSource("rotationSteps")
  @DisplayName(
      "RL-02 a failed rotation leaves the old refresh token usable and stores nothing new; the retry succeeds")
  void refreshWhenStoreFailsBeforeCommitThenOldTokenStillWorks(String step, When when) {
    Reply tokens = as.c1Tokens();
    faults.failOnce(step, when);

    assertServerError(as.send(as.refresh("c1", C1_SECRET, tokens.refreshToken())));

    assertThat(faults.armed()).isFalse();
    assertThat(as.refreshToken(tokens.refreshToken()).orElseThrow().state())
        .isEqualTo(RefreshTokenState.ACTIVE);
    assertThat(as.sizes()).containsExactly(1, 1, 1);
    assertTokens(as.send(as.refresh("c1", C1_SECRET, tokens.refreshToken())));
  }

  @Test
  @DisplayName(
      "RL-02 a rotation committed but unanswered: successor stored, never two successors; a retry is reuse and revokes")
  void refreshWhenStoreFailsAfterCommitThenFailsClosed() {
    Reply tokens = as.c1Tokens();
    faults.failOnce("rotate", When.AFTER);

    assertServerError(as.send(as.refresh("c1", C1_SECRET, tokens.refreshToken())));

    assertThat(as.refreshToken(tokens.refreshToken()).orElseThrow().state())
        .isEqualTo(RefreshTokenState.ROTATED);
    assertThat(as.sizes()).containsExactly(1, 2, 2);
    assertError(as.send(as.refresh("c1", C1_SECRET, tokens.refreshToken())), 400, "invalid_grant");
    assertThat(as.grantOf(tokens.refreshToken()).orElseThrow().state())
        .isEqualTo(GrantState.REVOKED);
  }

  @Test
  @DisplayName(
      "RL-03 a failing family revocation on reuse fails closed; presenting the reused token again completes it")
  void refreshWhenReuseRevocationFailsThenRetryCompletesIt() {
    Reply first = as.c1Tokens();
    Reply second = as.send(as.refresh("c1", C1_SECRET, first.refreshToken()));
    faults.failOnce("revokeGrant", When.BEFORE);

    assertServerError(as.send(as.refresh("c1", C1_SECRET, first.refreshToken())));
    assertThat(as.grantOf(first.refreshToken()).orElseThrow().state()).isEqualTo(GrantState.ACTIVE);

    assertError(as.send(as.refresh("c1", C1_SECRET, first.refreshToken())), 400, "invalid_grant");
    assertThat(as.grantOf(first.refreshToken()).orElseThrow().state())
        .isEqualTo(GrantState.REVOKED);
    assertThat(as.isActive(first.accessToken())).isFalse();
    assertThat(as.isActive(second.accessToken())).isFalse();
    assertError(as.send(as.refresh("c1", C1_SECRET, second.refreshToken())), 400, "invalid_grant");
  }

  @Test
  @DisplayName(
      "RL-03 a failing revocation on code replay fails closed; the next replay completes it")
  void redeemWhenReplayRevocationFailsThenNextReplayCompletesIt() {
    String code = as.validCode("c1");
    Reply first = as.send(as.redemption("c1", C1_SECRET, code));
    faults.failOnce("revokeGrant", When.BEFORE);

    assertServerError(as.send(as.redemption("c1", C1_SECRET, code)));
    assertThat(as.isActive(first.accessToken())).isTrue();

    assertError(as.send(as.redemption("c1", C1_SECRET, code)), 400, "invalid_grant");
    assertThat(as.isActive(first.accessToken())).isFalse();
  }

  @Test
  @DisplayName(
      "RL-01 a failing saveAccessToken (client credentials) is a 500 with no token and nothing stored")
  void clientCredentialsWhenStoreFailsThenServerError() {
    faults.failOnce("saveAccessToken", When.BEFORE);

    assertServerError(as.send(TokenCall.grant("client_credentials").basic("c2", C2_SECRET)));

    assertThat(as.sizes()).containsExactly(0, 0, 0);
  }

  @Test
  @DisplayName(
      "RL-05 a failing client store is a 500 server_error JSON with no-store, not an exception")
  void tokenWhenClientStoreFailsThenServerError() {
    ClientStore down =
        new ClientStore() {
          @Override
          public Optional<Client> findById(String clientId) {
            throw new IllegalStateException("connection refused");
          }

          @Override
          public void save(Client client) {}

          @Override
          public boolean delete(String clientId) {
            return false;
          }

          @Override
          public List<Client> findByOwner(String owner) {
            return List.of();
          }
        };
    AuthorizationServer server =
        AuthorizationServer.builder()
            .issuer("https://as.example")
            .clients(down)
            .users(
                new UserAuthenticator() {
                  @Override
                  public Optional<ResourceOwner> currentUser(OAuthRequest request) {
                    return Optional.empty();
                  }

                  @Override
                  public URI signInPage(OAuthRequest request, String returnTo) {
                    return URI.create("https://as.example/login");
                  }
                })
            .build();

    assertServerError(
        Reply.of(
            server.token(TokenCall.grant("client_credentials").basic("c2", C2_SECRET).build())));
  }

  @Test
  @DisplayName("a failing security-event listener never breaks a token request")
  void tokenWhenEventListenerFailsThenStillIssued() {
    TokenServer noisy =
        TokenServer.start(
            b ->
                b.events(
                    e -> {
                      throw new IllegalStateException("audit sink down");
                    }));

    Reply reply = noisy.c1Tokens();

    assertThat(noisy.isActive(reply.accessToken())).isTrue();
  }
}
