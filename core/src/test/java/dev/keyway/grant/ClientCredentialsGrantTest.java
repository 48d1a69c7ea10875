package dev.keyway.grant;

import static dev.keyway.token.fixture.Checks.assertError;
import static dev.keyway.token.fixture.Checks.assertTokens;
import static dev.keyway.token.fixture.TestClients.C1_SECRET;
import static dev.keyway.token.fixture.TestClients.C2_SECRET;
import static dev.keyway.token.fixture.TestClients.C3_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.event.SecurityEvent;
import dev.keyway.internal.SecureTokens;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.token.fixture.Reply;
import dev.keyway.token.fixture.TokenCall;
import dev.keyway.token.fixture.TokenServer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client credentials grant (RFC 6749 §4.4). */
class ClientCredentialsGrantTest {

  private final TokenServer as = TokenServer.start();

  private static TokenCall c2(String scope) {
    TokenCall call = TokenCall.grant("client_credentials").basic("c2", C2_SECRET);
    return scope == null ? call : call.param("scope", scope);
  }

  @Test
  @DisplayName("TE-10 c2 gets one grant-less access token for itself and no refresh token")
  void clientCredentialsWhenAllowedThenAccessTokenOnly() {
    Instant now = as.clock.instant();

    Reply reply = as.send(c2("read"));

    assertTokens(reply);
    assertThat(reply.json()).doesNotContainKey("refresh_token");
    assertThat(reply.scope()).isEqualTo("read");
    assertThat(reply.expiresIn()).isEqualTo(3600);
    AccessTokenRecord at = as.accessToken(reply.accessToken()).orElseThrow();
    assertThat(at.grantId()).isNull();
    assertThat(at.clientId()).isEqualTo("c2");
    assertThat(at.subject()).isEqualTo("c2");
    assertThat(at.scopes()).containsExactly("read");
    assertThat(at.expiresAt()).isEqualTo(now.plus(Duration.ofHours(1)));
    assertThat(at.state()).isEqualTo(AccessTokenState.ACTIVE);
    assertThat(as.sizes()).containsExactly(0, 1, 0);
    assertThat(as.events(SecurityEvent.TokensIssued.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.grantId()).isNull();
              assertThat(e.grantType()).isEqualTo("client_credentials");
              assertThat(e.subject()).isEqualTo("c2");
            });
  }

  @ParameterizedTest(name = "scope=\"{0}\"")
  @ValueSource(strings = {"admin", "read admin", "read  write", "read\\x"})
  @DisplayName(
      "TE-10 a scope outside the client's allowed scopes, or malformed, is invalid_scope and stores nothing")
  void clientCredentialsWhenScopeNotAllowedThenInvalidScope(String scope) {
    assertError(as.send(c2(scope)), 400, "invalid_scope");
    assertThat(as.sizes()).containsExactly(0, 0, 0);
  }

  @Test
  @DisplayName("TE-10 a client without the grant (c1) gets unauthorized_client")
  void clientCredentialsWhenClientNotAllowedThenUnauthorizedClient() {
    Reply reply =
        as.send(
            TokenCall.grant("client_credentials").basic("c1", C1_SECRET).param("scope", "read"));

    assertError(reply, 400, "unauthorized_client");
    assertThat(as.sizes()).containsExactly(0, 0, 0);
  }

  @Test
  @DisplayName(
      "CA-10 (b) a public client asking for client_credentials gets unauthorized_client and no token")
  void clientCredentialsWhenPublicClientThenUnauthorizedClient() {
    Reply reply = as.send(TokenCall.grant("client_credentials").param("client_id", "p1"));

    assertError(reply, 400, "unauthorized_client");
    assertThat(as.sizes()).containsExactly(0, 0, 0);
  }

  @Test
  @DisplayName(
      "TE-06 an empty scope and unknown parameters: the default scope applies, foo is ignored")
  void clientCredentialsWhenScopeEmptyAndUnknownParameterThenDefaultScope() {
    Reply reply = as.send(c2("").param("foo", "bar"));

    assertTokens(reply);
    assertThat(reply.scope()).isEqualTo("read");
  }

  @Test
  @DisplayName("omitted scope gives the client's default scopes; several scopes are sorted")
  void clientCredentialsScopes() {
    assertThat(as.send(c2(null)).scope()).isEqualTo("read");
    assertThat(as.send(c2("write read")).scope()).isEqualTo("read write");
  }

  @Test
  @DisplayName("a client_credentials-only client (c3) may use it but not authorization_code")
  void clientCredentialsOnlyClient() {
    assertTokens(as.send(TokenCall.grant("client_credentials").basic("c3", C3_SECRET)));
    assertError(
        as.send(
            TokenCall.grant("authorization_code")
                .basic("c3", C3_SECRET)
                .param("code", SecureTokens.newToken())),
        400,
        "unauthorized_client");
  }

  @Test
  @DisplayName("a per-client access-token lifetime sets expires_in and the stored expiry")
  void clientCredentialsWhenClientOverridesLifetimeThenItApplies() {
    as.update(as.client("c2").toBuilder().accessTokenTtl(Duration.ofSeconds(90)).build());

    Reply reply = as.send(c2("read"));

    assertThat(reply.expiresIn()).isEqualTo(90);
    assertThat(as.accessToken(reply.accessToken()).orElseThrow().expiresAt())
        .isEqualTo(as.clock.instant().plusSeconds(90));
  }

  @Test
  @DisplayName(
      "RL-10 an access token is active until its stored expiresAt - 1 ms and not at expiresAt")
  void accessTokenExpiryIsTheStoredAbsoluteInstant() {
    Reply reply = as.send(c2("read"));
    Instant expiresAt = as.accessToken(reply.accessToken()).orElseThrow().expiresAt();

    as.clock.set(expiresAt.minusMillis(1));
    assertThat(as.isActive(reply.accessToken())).isTrue();
    as.clock.set(expiresAt);
    assertThat(as.isActive(reply.accessToken())).isFalse();
  }

  @Test
  @DisplayName("TE-11 issued tokens are 256-bit base64url values, unique across issuances")
  void issuedTokensAreUniqueAndWellFormed() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      String token = as.send(c2("read")).accessToken();
      assertThat(token).matches("[A-Za-z0-9_-]{43}");
      assertThat(seen.add(token)).as("token %d is new", i).isTrue();
    }
    for (int i = 0; i < 100_000; i++) {
      assertThat(seen.add(SecureTokens.newToken())).isTrue();
    }
  }
}
