package dev.keyway.token;

import static dev.keyway.token.fixture.Checks.assertError;
import static dev.keyway.token.fixture.Checks.assertTokens;
import static dev.keyway.token.fixture.TestClients.SEED_ID;
import static dev.keyway.token.fixture.TestClients.SEED_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.token.fixture.Reply;
import dev.keyway.token.fixture.TokenCall;
import dev.keyway.token.fixture.TokenServer;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The public API page Keyway is modelled on (seed/000_7b1ac7d9d24d424c.txt): its exact token
 * requests, sent as its curl examples send them (client_secret_post, form-encoded, the redirect URI
 * unencoded in the body), must work as written.
 */
class SeedPageFlowTest {

  private final TokenServer as = TokenServer.start();

  private String seedCode() {
    // /oauth2/authorize?client_id=…&redirect_uri=…&response_type=code&scope=… : no PKCE,
    // redirect_uri sent
    return as.code(SEED_ID).redirectUri("https://example.com/callback", true).scopes("read").save();
  }

  private Reply exchange(String code) {
    return as.send(
        TokenCall.form()
            .header("Content-Type", "application/x-www-form-urlencoded")
            .contentType(null)
            .rawBody(
                "client_id="
                    + SEED_ID
                    + "&client_secret="
                    + SEED_SECRET
                    + "&code="
                    + code
                    + "&grant_type=authorization_code&redirect_uri=https://example.com/callback"));
  }

  private Reply refresh(String refreshToken) {
    return as.send(
        TokenCall.form()
            .rawBody(
                "client_id="
                    + SEED_ID
                    + "&client_secret="
                    + SEED_SECRET
                    + "&refresh_token="
                    + refreshToken
                    + "&grant_type=refresh_token"));
  }

  @Test
  @DisplayName("seed: the token endpoint lives at /api/oauth2/token under the issuer")
  void seedTokenEndpointPath() {
    assertThat(as.server.settings().tokenEndpoint())
        .hasToString("https://as.example/api/oauth2/token");
  }

  @Test
  @DisplayName(
      "seed: code exchange and refresh with client_secret_post return access_token and refresh_token, expires_in 3600")
  void seedCodeExchangeThenRefresh() {
    Reply tokens = exchange(seedCode());

    assertTokens(tokens);
    assertThat(tokens.expiresIn()).isEqualTo(3600);
    assertThat(tokens.refreshToken()).isNotBlank();

    Reply refreshed = refresh(tokens.refreshToken());

    assertTokens(refreshed);
    assertThat(refreshed.expiresIn()).isEqualTo(3600);
    assertThat(refreshed.accessToken()).isNotEqualTo(tokens.accessToken());
    assertThat(refreshed.refreshToken()).isNotBlank().isNotEqualTo(tokens.refreshToken());
  }

  @Test
  @DisplayName("seed: access tokens expire after one hour")
  void seedAccessTokenLivesOneHour() {
    Reply tokens = exchange(seedCode());

    as.clock.advance(Duration.ofHours(1).minusMillis(1));
    assertThat(as.isActive(tokens.accessToken())).isTrue();
    as.clock.advance(Duration.ofMillis(1));
    assertThat(as.isActive(tokens.accessToken())).isFalse();
  }

  @Test
  @DisplayName("seed: the refresh token is valid for 7 days: 7 d - 1 ms works")
  void seedRefreshTokenWorksUntilJustBeforeSevenDays() {
    Reply tokens = exchange(seedCode());
    as.clock.advance(Duration.ofDays(7).minusMillis(1));

    assertTokens(refresh(tokens.refreshToken()));
  }

  @Test
  @DisplayName("seed: the refresh token is valid for 7 days: at 7 d it is invalid_grant")
  void seedRefreshTokenFailsAtSevenDays() {
    Reply tokens = exchange(seedCode());
    as.clock.advance(Duration.ofDays(7));

    assertError(refresh(tokens.refreshToken()), 400, "invalid_grant");
  }
}
