package dev.keyway.grant;

import static dev.keyway.token.fixture.Checks.assertError;
import static dev.keyway.token.fixture.Checks.assertTokens;
import static dev.keyway.token.fixture.TestClients.C1_SECRET;
import static dev.keyway.token.fixture.TestClients.C2_SECRET;
import static dev.keyway.token.fixture.TokenServer.S;
import static dev.keyway.token.fixture.TokenServer.V;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.event.SecurityEvent;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.SecureTokens;
import dev.keyway.spi.GrantType;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
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

/**
 * The refresh token grant: rotation, reuse detection, binding and scope (RFC 6749 §6, RFC 9700
 * §4.14.2).
 */
class RefreshTokenGrantTest {

  private final TokenServer as = TokenServer.start();

  private Reply c1Tokens(String... scopes) {
    String code = as.code("c1").challenge(S).scopes(scopes).save();
    Reply reply = as.send(as.redemption("c1", C1_SECRET, code));
    assertTokens(reply);
    return reply;
  }

  @Test
  @DisplayName(
      "RF-01 a refresh rotates: new access and refresh tokens, the old one ROTATED towards its successor")
  void refreshWhenActiveThenRotates() {
    Reply first = c1Tokens("read");
    as.clock.advance(Duration.ofHours(2));
    Instant now = as.clock.instant();

    Reply second = as.send(as.refresh("c1", C1_SECRET, first.refreshToken()));

    assertTokens(second);
    assertThat(second.refreshToken())
        .isNotEqualTo(first.refreshToken())
        .matches("[A-Za-z0-9_-]{43}");
    assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(second.expiresIn()).isEqualTo(3600);
    assertThat(second.scope()).isEqualTo("read");

    RefreshTokenRecord old = as.refreshToken(first.refreshToken()).orElseThrow();
    assertThat(old.state()).isEqualTo(RefreshTokenState.ROTATED);
    assertThat(old.rotatedAt()).isEqualTo(now);
    assertThat(old.successorHash()).isEqualTo(Hashing.tokenHash(second.refreshToken()));
    RefreshTokenRecord successor = as.refreshToken(second.refreshToken()).orElseThrow();
    assertThat(successor.state()).isEqualTo(RefreshTokenState.ACTIVE);
    assertThat(successor.grantId()).isEqualTo(old.grantId());
    AccessTokenRecord at = as.accessToken(second.accessToken()).orElseThrow();
    assertThat(at.grantId()).isEqualTo(old.grantId());
    assertThat(at.subject()).isEqualTo("alice");
    assertThat(at.expiresAt()).isEqualTo(now.plus(Duration.ofHours(1)));
    assertThat(as.grantOf(second.refreshToken()).orElseThrow().lastUsedAt()).isEqualTo(now);
    assertThat(as.events(SecurityEvent.TokensRefreshed.class))
        .singleElement()
        .satisfies(e -> assertThat(e.grantId()).isEqualTo(old.grantId()));
  }

  @Test
  @DisplayName(
      "RF-02 presenting a rotated token revokes the whole family: successor, every access token, the grant")
  void refreshWhenTokenAlreadyRotatedThenRevokesFamily() {
    Reply first = c1Tokens("read");
    Reply second = as.send(as.refresh("c1", C1_SECRET, first.refreshToken()));
    assertTokens(second);

    Reply reuse = as.send(as.refresh("c1", C1_SECRET, first.refreshToken()));

    assertError(reuse, 400, "invalid_grant");
    assertThat(as.accessToken(first.accessToken()).orElseThrow().state())
        .isEqualTo(AccessTokenState.REVOKED);
    assertThat(as.accessToken(second.accessToken()).orElseThrow().state())
        .isEqualTo(AccessTokenState.REVOKED);
    assertThat(as.refreshToken(second.refreshToken()).orElseThrow().state())
        .isEqualTo(RefreshTokenState.REVOKED);
    assertThat(as.grantOf(first.refreshToken()).orElseThrow().state())
        .isEqualTo(GrantState.REVOKED);
    assertError(as.send(as.refresh("c1", C1_SECRET, second.refreshToken())), 400, "invalid_grant");
    assertThat(as.events(SecurityEvent.RefreshTokenReuseDetected.class)).hasSize(1);
  }

  @Test
  @DisplayName(
      "RF-03 another client presenting the token gets invalid_grant; it is not reuse and the owner can still refresh")
  void refreshWhenAnotherClientPresentsTokenThenInvalidGrantAndNoRevocation() {
    Reply first = c1Tokens("read");

    assertError(as.send(as.refresh("c2", C2_SECRET, first.refreshToken())), 400, "invalid_grant");

    assertThat(as.refreshToken(first.refreshToken()).orElseThrow().state())
        .isEqualTo(RefreshTokenState.ACTIVE);
    assertThat(as.events(SecurityEvent.RefreshTokenReuseDetected.class)).isEmpty();
    assertTokens(as.send(as.refresh("c1", C1_SECRET, first.refreshToken())));
  }

  @ParameterizedTest(name = "scope=\"{0}\"")
  @ValueSource(strings = {"read write", "write", "admin", "read  write", " read", "read\"x"})
  @DisplayName(
      "RF-04 a wider or malformed scope is invalid_scope; nothing rotates and the token stays usable")
  void refreshWhenScopeWidensOrIsMalformedThenInvalidScopeAndNothingRotates(String scope) {
    Reply first = c1Tokens("read");
    int[] before = as.sizes();

    Reply reply = as.send(as.refresh("c1", C1_SECRET, first.refreshToken()).param("scope", scope));

    assertError(reply, 400, "invalid_scope");
    assertThat(as.sizes()).isEqualTo(before);
    assertThat(as.refreshToken(first.refreshToken()).orElseThrow().state())
        .isEqualTo(RefreshTokenState.ACTIVE);
    assertTokens(as.send(as.refresh("c1", C1_SECRET, first.refreshToken())));
  }

  @Test
  @DisplayName(
      "RF-05 a narrowed refresh limits the access token; the successor keeps the full scope")
  void refreshWhenScopeNarrowsThenAccessTokenNarrowAndSuccessorKeepsGrantScope() {
    Reply first = c1Tokens("read", "write");

    Reply narrowed =
        as.send(as.refresh("c1", C1_SECRET, first.refreshToken()).param("scope", "read"));

    assertTokens(narrowed);
    assertThat(narrowed.scope()).isEqualTo("read");
    assertThat(as.accessToken(narrowed.accessToken()).orElseThrow().scopes())
        .isEqualTo(Set.of("read"));
    assertThat(as.refreshToken(narrowed.refreshToken()).orElseThrow().scopes())
        .isEqualTo(Set.of("read", "write"));

    Reply full = as.send(as.refresh("c1", C1_SECRET, narrowed.refreshToken()));
    assertTokens(full);
    assertThat(full.scope()).isEqualTo("read write");
  }

  @Test
  @DisplayName(
      "RF-06 / RL-10 a refresh token works until 7 days - 1 ms and fails at 7 days; the clock stepped back does not revive a rotated one")
  void refreshAtBoundariesOfRefreshLifetime() {
    Reply a = c1Tokens("read");
    Reply b = c1Tokens("read");
    as.clock.advance(Duration.ofDays(7).minusMillis(1));

    assertTokens(as.send(as.refresh("c1", C1_SECRET, a.refreshToken())));
    as.clock.advance(Duration.ofMillis(1));
    assertError(as.send(as.refresh("c1", C1_SECRET, b.refreshToken())), 400, "invalid_grant");

    as.clock.advance(Duration.ofDays(-1));
    assertError(as.send(as.refresh("c1", C1_SECRET, a.refreshToken())), 400, "invalid_grant");
  }

  @Test
  @DisplayName(
      "RF-06 a refresh token of a revoked family is invalid_grant, even with the clock stepped back")
  void refreshWhenFamilyRevokedThenInvalidGrant() {
    Reply first = c1Tokens("read");
    as.memoryTokens.revokeGrant(as.refreshToken(first.refreshToken()).orElseThrow().grantId());

    assertError(as.send(as.refresh("c1", C1_SECRET, first.refreshToken())), 400, "invalid_grant");
    as.clock.advance(Duration.ofMinutes(-5));
    assertError(as.send(as.refresh("c1", C1_SECRET, first.refreshToken())), 400, "invalid_grant");
    assertThat(as.sizes()[1]).isEqualTo(1);
  }

  @Test
  @DisplayName("rotation never extends a family: the successor expires with the grant")
  void refreshWhenLateInFamilyThenSuccessorExpiresWithGrant() {
    Reply first = c1Tokens("read");
    Instant familyEnd = as.grantOf(first.refreshToken()).orElseThrow().expiresAt();
    as.clock.advance(Duration.ofDays(3));

    Reply second = as.send(as.refresh("c1", C1_SECRET, first.refreshToken()));

    assertTokens(second);
    assertThat(as.refreshToken(second.refreshToken()).orElseThrow().expiresAt())
        .isEqualTo(familyEnd);
    as.clock.set(familyEnd.minusMillis(1));
    Reply third = as.send(as.refresh("c1", C1_SECRET, second.refreshToken()));
    assertTokens(third);
    as.clock.set(familyEnd);
    assertError(as.send(as.refresh("c1", C1_SECRET, third.refreshToken())), 400, "invalid_grant");
  }

  @Test
  @DisplayName("a per-client refresh lifetime applies to every successor")
  void refreshWhenClientOverridesRefreshLifetimeThenSuccessorUsesIt() {
    as.update(as.client("c1").toBuilder().refreshTokenTtl(Duration.ofDays(1)).build());
    Reply first = c1Tokens("read");
    as.clock.advance(Duration.ofHours(12));

    Reply second = as.send(as.refresh("c1", C1_SECRET, first.refreshToken()));

    assertThat(as.refreshToken(second.refreshToken()).orElseThrow().expiresAt())
        .isEqualTo(as.clock.instant().plus(Duration.ofDays(1)));
  }

  @Test
  @DisplayName(
      "RF-07 a public client refreshes with client_id; another public client or none is refused")
  void refreshWhenPublicClientThenBoundToItsClientId() {
    String code = as.code("p1").challenge(S).save();
    Reply tokens =
        as.send(
            TokenCall.grant("authorization_code")
                .param("client_id", "p1")
                .param("code", code)
                .param("redirect_uri", "https://spa.example/cb")
                .param("code_verifier", V));
    assertTokens(tokens);

    Reply asP2 =
        as.send(
            TokenCall.grant("refresh_token")
                .param("client_id", "p2")
                .param("refresh_token", tokens.refreshToken()));
    Reply anonymous =
        as.send(TokenCall.grant("refresh_token").param("refresh_token", tokens.refreshToken()));
    Reply asP1 =
        as.send(
            TokenCall.grant("refresh_token")
                .param("client_id", "p1")
                .param("refresh_token", tokens.refreshToken()));

    assertError(asP2, 400, "invalid_grant");
    assertError(
        anonymous, 401, "invalid_client"); // RFC 6749 §5.2: "no client authentication included"
    assertTokens(asP1);
    assertThat(asP1.refreshToken()).isNotNull();
  }

  @Test
  @DisplayName(
      "RF-08 a confidential client refreshing without its secret gets 401 and the token is not consumed")
  void refreshWhenConfidentialClientUnauthenticatedThenInvalidClient() {
    Reply first = c1Tokens("read");

    Reply reply =
        as.send(
            TokenCall.grant("refresh_token")
                .param("client_id", "c1")
                .param("refresh_token", first.refreshToken()));

    assertError(reply, 401, "invalid_client");
    assertThat(as.refreshToken(first.refreshToken()).orElseThrow().state())
        .isEqualTo(RefreshTokenState.ACTIVE);
  }

  @Test
  @DisplayName(
      "RF-09 a client whose refresh_token grant was withdrawn gets unauthorized_client; nothing rotates")
  void refreshWhenGrantTypeWithdrawnThenUnauthorizedClient() {
    Reply first = c1Tokens("read");
    as.update(as.client("c1").toBuilder().grantTypes(GrantType.AUTHORIZATION_CODE).build());

    assertError(
        as.send(as.refresh("c1", C1_SECRET, first.refreshToken())), 400, "unauthorized_client");

    assertThat(as.refreshToken(first.refreshToken()).orElseThrow().state())
        .isEqualTo(RefreshTokenState.ACTIVE);
  }

  @Test
  @DisplayName(
      "RF-11 a tampered or foreign refresh token is invalid_grant and does not revoke the family")
  void refreshWhenTokenTamperedThenInvalidGrantAndNoRevocation() {
    Reply first = c1Tokens("read");
    Reply second = as.send(as.refresh("c1", C1_SECRET, first.refreshToken()));
    String rt2 = second.refreshToken();
    String flipped = rt2.substring(0, 42) + (rt2.charAt(42) == 'A' ? 'B' : 'A');

    assertError(as.send(as.refresh("c1", C1_SECRET, flipped)), 400, "invalid_grant");
    assertError(
        as.send(as.refresh("c1", C1_SECRET, SecureTokens.newToken())), 400, "invalid_grant");
    assertError(
        as.send(as.refresh("c1", C1_SECRET, "eyJhbGciOiJIUzI1NiJ9.e30.sig")), 400, "invalid_grant");

    assertThat(as.grantOf(rt2).orElseThrow().state()).isEqualTo(GrantState.ACTIVE);
    assertThat(as.events(SecurityEvent.RefreshTokenReuseDetected.class)).isEmpty();
    assertTokens(as.send(as.refresh("c1", C1_SECRET, rt2)));
  }

  @Test
  @DisplayName("a missing or empty refresh_token is invalid_request")
  void refreshWhenTokenMissingThenInvalidRequest() {
    assertError(
        as.send(TokenCall.grant("refresh_token").basic("c1", C1_SECRET)), 400, "invalid_request");
    assertError(as.send(as.refresh("c1", C1_SECRET, "")), 400, "invalid_request");
  }
}
