package dev.keyway.grant;

import static dev.keyway.token.fixture.Checks.assertError;
import static dev.keyway.token.fixture.Checks.assertTokens;
import static dev.keyway.token.fixture.TestClients.C1Q_SECRET;
import static dev.keyway.token.fixture.TestClients.C1_SECRET;
import static dev.keyway.token.fixture.TestClients.C2_SECRET;
import static dev.keyway.token.fixture.TokenServer.S;
import static dev.keyway.token.fixture.TokenServer.V;
import static dev.keyway.token.fixture.TokenServer.V2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.event.SecurityEvent;
import dev.keyway.pkce.Pkce;
import dev.keyway.spi.code.AuthorizationCodeRecord;
import dev.keyway.spi.code.CodeState;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.GrantRecord;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.token.fixture.Reply;
import dev.keyway.token.fixture.TokenCall;
import dev.keyway.token.fixture.TokenServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issuance, replay and expiry of the authorization code grant (RFC 6749 §4.1.3). */
class AuthorizationCodeGrantTest {

  private final TokenServer as = TokenServer.start();

  @Test
  @DisplayName(
      "TE-11 / HD-01 a valid redemption returns the RFC 6749 §5.1 response and stores exactly what it returned")
  void redeemWhenAllBindingsHoldThenIssuesAndStoresTokens() {
    String code = as.code("c1").challenge(S).scopes("read").save();
    AuthorizationCodeRecord issued = as.codeRecord(code);
    Instant now = as.clock.instant();

    Reply reply = as.send(as.redemption("c1", C1_SECRET, code));

    assertTokens(reply);
    assertThat(reply.expiresIn()).isEqualTo(3600);
    assertThat(reply.scope()).isEqualTo("read");
    assertThat(reply.refreshToken()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(reply.accessToken());
    assertThat(as.codeRecord(code).state()).isEqualTo(CodeState.REDEEMED);

    AccessTokenRecord at = as.accessToken(reply.accessToken()).orElseThrow();
    assertThat(at.grantId()).isEqualTo(issued.grantId());
    assertThat(at.clientId()).isEqualTo("c1");
    assertThat(at.subject()).isEqualTo("alice");
    assertThat(at.scopes()).containsExactly("read");
    assertThat(at.issuedAt()).isEqualTo(now);
    assertThat(at.expiresAt()).isEqualTo(now.plus(Duration.ofHours(1)));
    assertThat(at.state()).isEqualTo(AccessTokenState.ACTIVE);

    RefreshTokenRecord rt = as.refreshToken(reply.refreshToken()).orElseThrow();
    assertThat(rt.grantId()).isEqualTo(issued.grantId());
    assertThat(rt.expiresAt()).isEqualTo(now.plus(Duration.ofDays(7)));
    assertThat(rt.state()).isEqualTo(RefreshTokenState.ACTIVE);

    GrantRecord grant = as.memoryTokens.findGrant(issued.grantId()).orElseThrow();
    assertThat(grant.clientId()).isEqualTo("c1");
    assertThat(grant.subject()).isEqualTo("alice");
    assertThat(grant.createdAt()).isEqualTo(now);
    assertThat(grant.lastUsedAt()).isEqualTo(now);
    assertThat(grant.expiresAt()).isEqualTo(now.plus(Duration.ofDays(7)));
    assertThat(grant.state()).isEqualTo(GrantState.ACTIVE);

    assertThat(as.events(SecurityEvent.TokensIssued.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.grantId()).isEqualTo(issued.grantId());
              assertThat(e.grantType()).isEqualTo("authorization_code");
            });
  }

  @Test
  @DisplayName("TE-11 the scope member lists the granted scopes, sorted and space-separated")
  void redeemWhenSeveralScopesThenScopeIsSortedAndSpaceSeparated() {
    String code = as.code("c1").challenge(S).scopes("write", "read").save();

    Reply reply = as.send(as.redemption("c1", C1_SECRET, code));

    assertTokens(reply);
    assertThat(reply.scope()).isEqualTo("read write");
  }

  @Test
  @DisplayName("a client without the refresh_token grant gets no refresh token, and none is stored")
  void redeemWhenClientMayNotRefreshThenNoRefreshToken() {
    String code = as.code("c1q").save();

    Reply reply =
        as.send(
            TokenCall.grant("authorization_code")
                .basic("c1q", C1Q_SECRET)
                .param("code", code)
                .param("redirect_uri", "https://app.example/cb?foo=bar"));

    assertTokens(reply);
    assertThat(reply.json()).doesNotContainKey("refresh_token");
    assertThat(as.sizes()).containsExactly(1, 1, 0);
    assertThat(as.accessToken(reply.accessToken())).isPresent();
  }

  @Test
  @DisplayName(
      "per-client lifetimes: access-token override sets expires_in; a longer refresh override outlives the server default")
  void redeemWhenClientOverridesLifetimesThenTheyApply() {
    as.update(
        as.client("c1").toBuilder()
            .accessTokenTtl(Duration.ofMinutes(5))
            .refreshTokenTtl(Duration.ofDays(30))
            .build());
    String code = as.validCode("c1");
    Instant now = as.clock.instant();

    Reply reply = as.send(as.redemption("c1", C1_SECRET, code));

    assertTokens(reply);
    assertThat(reply.expiresIn()).isEqualTo(300);
    assertThat(as.accessToken(reply.accessToken()).orElseThrow().expiresAt())
        .isEqualTo(now.plus(Duration.ofMinutes(5)));
    assertThat(as.refreshToken(reply.refreshToken()).orElseThrow().expiresAt())
        .isEqualTo(now.plus(Duration.ofDays(30)));
    assertThat(as.grantOf(reply.refreshToken()).orElseThrow().expiresAt())
        .isEqualTo(now.plus(Duration.ofDays(30)));
  }

  @Test
  @DisplayName("a shorter per-client refresh lifetime shortens the refresh token, not the family")
  void redeemWhenClientShortensRefreshLifetimeThenOnlyTheTokenIsShorter() {
    as.update(as.client("c1").toBuilder().refreshTokenTtl(Duration.ofDays(1)).build());
    Instant now = as.clock.instant();

    Reply reply = as.c1Tokens();

    assertThat(as.refreshToken(reply.refreshToken()).orElseThrow().expiresAt())
        .isEqualTo(now.plus(Duration.ofDays(1)));
    assertThat(as.grantOf(reply.refreshToken()).orElseThrow().expiresAt())
        .isEqualTo(now.plus(Duration.ofDays(7)));
  }

  @Test
  @DisplayName("CR-01 a replayed code is denied and every token issued from it is revoked")
  void redeemWhenCodeAlreadyRedeemedThenRevokesFamily() {
    String code = as.validCode("c1");
    Reply first = as.send(as.redemption("c1", C1_SECRET, code));
    assertTokens(first);
    String grantId = as.codeRecord(code).grantId();

    as.clock.advance(Duration.ofSeconds(1));
    Reply replay = as.send(as.redemption("c1", C1_SECRET, code));

    assertError(replay, 400, "invalid_grant");
    assertThat(as.isActive(first.accessToken())).isFalse();
    assertThat(as.accessToken(first.accessToken()).orElseThrow().state())
        .isEqualTo(AccessTokenState.REVOKED);
    assertThat(as.refreshToken(first.refreshToken()).orElseThrow().state())
        .isEqualTo(RefreshTokenState.REVOKED);
    assertThat(as.memoryTokens.findGrant(grantId).orElseThrow().state())
        .isEqualTo(GrantState.REVOKED);
    assertError(as.send(as.refresh("c1", C1_SECRET, first.refreshToken())), 400, "invalid_grant");
    assertThat(as.events(SecurityEvent.CodeReplayDetected.class))
        .singleElement()
        .satisfies(e -> assertThat(e.grantId()).isEqualTo(grantId));
  }

  @Test
  @DisplayName("CR-01 a replay after the code's expiry is still a replay and still revokes")
  void redeemWhenRedeemedCodeReplayedAfterExpiryThenStillRevokes() {
    String code = as.validCode("c1");
    Reply first = as.send(as.redemption("c1", C1_SECRET, code));
    as.clock.advance(Duration.ofMinutes(5));

    assertError(as.send(as.redemption("c1", C1_SECRET, code)), 400, "invalid_grant");

    assertThat(as.accessToken(first.accessToken()).orElseThrow().state())
        .isEqualTo(AccessTokenState.REVOKED);
  }

  @Test
  @DisplayName(
      "CR-02 a replay that fails its bindings is refused and revokes nothing (OAuth 2.1 §7.5.2)")
  void redeemWhenReplayFailsBindingsThenNothingIsRevoked() {
    String code = as.validCode("c1");
    Reply first = as.send(as.redemption("c1", C1_SECRET, code));
    assertTokens(first);

    Reply wrongVerifier =
        as.send(
            TokenCall.grant("authorization_code")
                .basic("c1", C1_SECRET)
                .param("code", code)
                .param("redirect_uri", "https://app.example/cb")
                .param("code_verifier", V2));
    Reply unauthenticated =
        as.send(
            TokenCall.grant("authorization_code")
                .param("client_id", "c1")
                .param("code", code)
                .param("redirect_uri", "https://app.example/cb")
                .param("code_verifier", V));
    Reply otherClient =
        as.send(
            TokenCall.grant("authorization_code")
                .basic("c2", C2_SECRET)
                .param("code", code)
                .param("redirect_uri", "https://app.example/cb")
                .param("code_verifier", V));
    Reply wrongRedirect =
        as.send(
            TokenCall.grant("authorization_code")
                .basic("c1", C1_SECRET)
                .param("code", code)
                .param("redirect_uri", "https://app.example/cb2")
                .param("code_verifier", V));

    assertError(wrongVerifier, 400, "invalid_grant");
    assertError(unauthenticated, 401, "invalid_client");
    assertError(otherClient, 400, "invalid_grant");
    assertError(wrongRedirect, 400, "invalid_grant");
    assertThat(as.isActive(first.accessToken())).isTrue();
    assertThat(as.refreshToken(first.refreshToken()).orElseThrow().state())
        .isEqualTo(RefreshTokenState.ACTIVE);
    assertThat(as.events(SecurityEvent.CodeReplayDetected.class)).isEmpty();
    assertTokens(as.send(as.refresh("c1", C1_SECRET, first.refreshToken())));
  }

  @ParameterizedTest(name = "redeemed {0} ms before expiry")
  @ValueSource(longs = {1, 1000})
  @DisplayName("CR-05 / RL-10 a code is redeemable until just before its expiry (59 s, exp - 1 ms)")
  void redeemWhenJustBeforeExpiryThenSucceeds(long millisBeforeExpiry) {
    String code = as.validCode("c1");
    as.clock.advance(Duration.ofSeconds(60).minusMillis(millisBeforeExpiry));

    assertTokens(as.send(as.redemption("c1", C1_SECRET, code)));
  }

  @ParameterizedTest(name = "redeemed {0} ms after issue")
  @ValueSource(longs = {60_000, 61_000})
  @DisplayName(
      "CR-05 / RL-10 a code is refused at its expiry (60 s) and after, and never yields tokens")
  void redeemWhenExpiredThenInvalidGrant(long millisAfterIssue) {
    String code = as.validCode("c1");
    as.clock.advance(Duration.ofMillis(millisAfterIssue));

    assertError(as.send(as.redemption("c1", C1_SECRET, code)), 400, "invalid_grant");

    assertThat(as.codeRecord(code).state()).isEqualTo(CodeState.ISSUED);
    assertThat(as.sizes()).containsExactly(0, 0, 0);
    assertThat(as.events(SecurityEvent.TokensIssued.class)).isEmpty();
  }

  @Test
  @DisplayName("RL-10 stepping the clock back does not revive a redeemed code")
  void redeemWhenClockSteppedBackThenRedeemedCodeStaysRedeemed() {
    String code = as.validCode("c1");
    as.clock.advance(Duration.ofSeconds(30));
    assertTokens(as.send(as.redemption("c1", C1_SECRET, code)));

    as.clock.advance(Duration.ofMinutes(-5));

    assertError(as.send(as.redemption("c1", C1_SECRET, code)), 400, "invalid_grant");
  }

  @Test
  @DisplayName("PKCE plain is refused at the token endpoint unless the server enables it")
  void redeemWhenPlainChallengeThenOnlyWithPlainEnabled() {
    String code = as.code("c1").challenge(V, Pkce.PLAIN).save();
    assertError(as.send(as.redemption("c1", C1_SECRET, code)), 400, "invalid_grant");

    TokenServer plainAllowed = TokenServer.start(b -> b.allowPlainPkce(true));
    String plainCode = plainAllowed.code("c1").challenge(V, Pkce.PLAIN).save();
    assertTokens(plainAllowed.send(plainAllowed.redemption("c1", C1_SECRET, plainCode)));
  }

  @Test
  @DisplayName("a code without a challenge is refused for a client that requires PKCE")
  void redeemWhenClientRequiresPkceAndCodeHasNoChallengeThenInvalidGrant() {
    String code = as.code("c1p").save();

    Reply reply =
        as.send(
            TokenCall.grant("authorization_code")
                .basic("c1p", "s3cr3t-c1p")
                .param("code", code)
                .param("redirect_uri", "https://app.example/cb"));

    assertError(reply, 400, "invalid_grant");
    assertThat(as.codeRecord(code).state()).isEqualTo(CodeState.ISSUED);
  }

  @Test
  @DisplayName(
      "CR-04 / CA-10 a public client redeems its own code with client_id and code_verifier")
  void redeemWhenPublicClientWithVerifierThenIssuesRefreshTokenToo() {
    String code = as.validCode("p1");

    Reply reply =
        as.send(
            TokenCall.grant("authorization_code")
                .param("client_id", "p1")
                .param("code", code)
                .param("redirect_uri", "https://spa.example/cb")
                .param("code_verifier", V));

    assertTokens(reply);
    assertThat(reply.refreshToken()).isNotNull();
    assertThat(as.refreshToken(reply.refreshToken()).orElseThrow().clientId()).isEqualTo("p1");
  }

  @Test
  @DisplayName("the code's scopes are granted whatever a scope parameter in the token request says")
  void redeemWhenScopeParameterSentThenCodeScopesApply() {
    String code = as.code("c1").challenge(S).scopes("read").save();

    Reply reply = as.send(as.redemption("c1", C1_SECRET, code).param("scope", "read write"));

    assertTokens(reply);
    assertThat(reply.scope()).isEqualTo("read");
    assertThat(as.accessToken(reply.accessToken()).orElseThrow().scopes())
        .isEqualTo(Set.of("read"));
  }
}
