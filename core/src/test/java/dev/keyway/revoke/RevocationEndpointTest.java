package dev.keyway.revoke;

import static dev.keyway.endpointtest.Fixture.C1_SECRET;
import static dev.keyway.endpointtest.Fixture.C2_SECRET;
import static dev.keyway.endpointtest.Fixture.basic;
import static dev.keyway.endpointtest.Fixture.form;
import static dev.keyway.endpointtest.Fixture.json;
import static dev.keyway.endpointtest.Fixture.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.OAuthResponse;
import dev.keyway.endpointtest.Fixture;
import dev.keyway.event.SecurityEvent;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.SecureTokens;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenState;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 7009 revocation: catalogue group I (RV-01..RV-07) and DESIGN.md decision 5. */
class RevocationEndpointTest {

  private final Fixture f = Fixture.create();

  private OAuthResponse revokeC1(String body) {
    return f.revokeAs("c1", C1_SECRET, body);
  }

  private static void assertEmpty200(OAuthResponse r) {
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
    assertNoStore(r);
  }

  private static void assertError(OAuthResponse r, int status, String error) {
    assertThat(r.status()).isEqualTo(status);
    assertThat(json(r)).containsEntry("error", error);
    assertNoStore(r);
  }

  private static void assertNoStore(OAuthResponse r) {
    assertThat(r.header("Cache-Control")).contains("no-store");
    assertThat(r.header("Pragma")).isEqualTo("no-cache");
  }

  @Test
  @DisplayName(
      "RV-01 revocation without or with wrong client credentials is 401 invalid_client and changes nothing")
  void rv01AuthenticationRequired() {
    Fixture.Family fam = f.grant("c1", "alice", "read");

    OAuthResponse none = f.server.revoke(post("/api/oauth2/revoke", "token=" + fam.accessToken()));
    OAuthResponse wrong = f.revokeAs("c1", "wrong", "token=" + fam.accessToken());
    OAuthResponse wrongPost =
        f.server.revoke(
            post(
                "/api/oauth2/revoke",
                "token=" + fam.accessToken() + "&client_id=c1&client_secret=nope"));

    assertError(none, 401, "invalid_client");
    assertError(wrong, 401, "invalid_client");
    assertThat(wrong.header("WWW-Authenticate")).startsWith("Basic ");
    assertError(wrongPost, 401, "invalid_client");
    assertThat(f.isActive(fam.accessToken())).isTrue();
    assertThat(f.events.of(SecurityEvent.Revoked.class)).isEmpty();
  }

  @Test
  @DisplayName(
      "RV-02 unknown, oversized, revoked or expired tokens answer an identical empty 200 and change nothing")
  void rv02InvalidTokensAnswer200() {
    Fixture.Family live = f.grant("c1", "alice", "read");
    String revokedAt = f.grant("c1", "alice", "read").accessToken();
    assertEmpty200(revokeC1("token=" + revokedAt));
    f.events.clear();
    Fixture.Family expiring = f.grant("c1", "bob", "read");
    f.clock.advance(Duration.ofDays(8)); // bob's refresh token and grant have expired
    Fixture.Family liveNow = f.grant("c1", "carol", "read");

    String[] presented = {
      "asdf", randomChars(4096), revokedAt, expiring.refreshToken(), expiring.accessToken()
    };
    OAuthResponse first = null;
    for (String token : presented) {
      OAuthResponse r = revokeC1("token=" + form(token));
      assertEmpty200(r);
      if (first != null) {
        assertThat(r.headers()).isEqualTo(first.headers());
      }
      first = r;
    }

    assertThat(f.tokens.findGrant(expiring.grantId()).orElseThrow().state())
        .isEqualTo(GrantState.ACTIVE);
    assertThat(f.storedRefreshToken(expiring.refreshToken()).state())
        .isEqualTo(RefreshTokenState.ACTIVE);
    // An expired access token may already be gone: the store drops expired tokens as others are
    // written (carol's grant sweeps its segment, which is bob's token's one time in 64). If it is
    // still there, revoking it changed nothing.
    assertThat(
            f.tokens
                .findAccessToken(Hashing.tokenHash(expiring.accessToken()))
                .map(token -> token.state()))
        .isIn(Optional.empty(), Optional.of(AccessTokenState.ACTIVE));
    assertThat(f.isActive(liveNow.accessToken())).isTrue();
    // alice's other grant: its access token has expired as well and may be gone in the same way;
    // its grant and refresh token stay until the grant is purged, untouched by the revocations.
    assertThat(
            f.tokens
                .findAccessToken(Hashing.tokenHash(live.accessToken()))
                .map(token -> token.state()))
        .isIn(Optional.empty(), Optional.of(AccessTokenState.ACTIVE));
    assertThat(f.tokens.findGrant(live.grantId()).orElseThrow().state())
        .isEqualTo(GrantState.ACTIVE);
    assertThat(f.storedRefreshToken(live.refreshToken()).state())
        .isEqualTo(RefreshTokenState.ACTIVE);
    assertThat(f.events.events()).isEmpty();
  }

  @Test
  @DisplayName(
      "RV-03 a token issued to another client is refused with 400 unauthorized_client and nothing changes")
  void rv03AnotherClientsTokenIsRefused() {
    Fixture.Family fam = f.grant("c1", "alice", "read");

    OAuthResponse at = f.revokeAs("c2", C2_SECRET, "token=" + fam.accessToken());
    OAuthResponse rt =
        f.revokeAs(
            "c2", C2_SECRET, "token=" + fam.refreshToken() + "&token_type_hint=refresh_token");
    OAuthResponse viaPost =
        f.server.revoke(
            post(
                "/api/oauth2/revoke",
                "token=" + fam.refreshToken() + "&client_id=c2&client_secret=" + C2_SECRET));

    assertError(at, 400, "unauthorized_client");
    assertError(rt, 400, "unauthorized_client");
    assertError(viaPost, 400, "unauthorized_client");
    assertThat(f.isActive(fam.accessToken())).isTrue();
    assertThat(f.isActive(fam.refreshToken())).isTrue();
    assertThat(f.tokens.findGrant(fam.grantId()).orElseThrow().state())
        .isEqualTo(GrantState.ACTIVE);
    assertThat(f.events.of(SecurityEvent.Revoked.class)).isEmpty();
  }

  @Test
  @DisplayName(
      "RV-04 revoking a refresh token revokes its whole family: every refresh and access token of the grant")
  void rv04RefreshTokenRevokesTheGrant() {
    Fixture.Family first = f.grant("c1", "alice", "read");
    Fixture.Family second = f.refresh(first);
    Fixture.Family otherGrant = f.grant("c1", "alice", "read");

    OAuthResponse r = revokeC1("token=" + second.refreshToken() + "&token_type_hint=refresh_token");

    assertEmpty200(r);
    assertThat(f.tokens.findGrant(first.grantId()).orElseThrow().state())
        .isEqualTo(GrantState.REVOKED);
    for (String token :
        new String[] {
          first.accessToken(), first.refreshToken(), second.accessToken(), second.refreshToken()
        }) {
      assertThat(f.isActive(token)).as("every token of the family").isFalse();
    }
    assertThat(f.storedAccessToken(first.accessToken()).state())
        .isEqualTo(AccessTokenState.REVOKED);
    assertThat(f.storedAccessToken(second.accessToken()).state())
        .isEqualTo(AccessTokenState.REVOKED);
    assertThat(f.storedRefreshToken(second.refreshToken()).state())
        .isEqualTo(RefreshTokenState.REVOKED);
    assertThat(
            f.server
                .bearerTokens()
                .validate(Fixture.resourceRequest("Bearer " + second.accessToken()), Set.of()))
        .isInstanceOf(dev.keyway.resource.BearerResult.Rejected.class);
    assertThat(f.isActive(otherGrant.accessToken())).isTrue();
    assertThat(f.isActive(otherGrant.refreshToken())).isTrue();
    assertThat(f.events.of(SecurityEvent.Revoked.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.clientId()).isEqualTo("c1");
              assertThat(e.subject()).isEqualTo("alice");
              assertThat(e.grantId()).isEqualTo(first.grantId());
              assertThat(e.what()).isEqualTo("grant");
            });
  }

  @Test
  @DisplayName("RV-04 revoking an already rotated refresh token still revokes its live family")
  void rv04RotatedRefreshTokenRevokesTheFamily() {
    Fixture.Family first = f.grant("c1", "alice", "read");
    Fixture.Family second = f.refresh(first);

    assertEmpty200(revokeC1("token=" + first.refreshToken()));

    assertThat(f.isActive(second.refreshToken())).isFalse();
    assertThat(f.isActive(second.accessToken())).isFalse();
  }

  @Test
  @DisplayName(
      "RV-05 revoking an access token revokes it alone; its refresh token stays usable and refreshes to an active token")
  void rv05AccessTokenAlone() {
    Fixture.Family fam = f.grant("c1", "alice", "read");

    assertEmpty200(revokeC1("token=" + fam.accessToken() + "&token_type_hint=access_token"));

    assertThat(f.isActive(fam.accessToken())).isFalse();
    assertThat(f.storedAccessToken(fam.accessToken()).state()).isEqualTo(AccessTokenState.REVOKED);
    assertThat(f.storedRefreshToken(fam.refreshToken()).state())
        .isEqualTo(RefreshTokenState.ACTIVE);
    assertThat(f.tokens.findGrant(fam.grantId()).orElseThrow().state())
        .isEqualTo(GrantState.ACTIVE);
    Fixture.Family refreshed = f.refresh(fam);
    assertThat(f.isActive(refreshed.accessToken())).isTrue();
    assertThat(f.events.of(SecurityEvent.Revoked.class))
        .singleElement()
        .satisfies(e -> assertThat(e.what()).isEqualTo("access_token"));
  }

  @Test
  @DisplayName(
      "RV-06 a wrong or unknown token_type_hint is not trusted: the token is found and revoked anyway")
  void rv06HintIsNotTrusted() {
    Fixture.Family a = f.grant("c1", "alice", "read");
    Fixture.Family b = f.grant("c1", "bob", "read");

    assertEmpty200(revokeC1("token=" + a.refreshToken() + "&token_type_hint=access_token"));
    assertEmpty200(revokeC1("token=" + b.accessToken() + "&token_type_hint=foo"));

    assertThat(f.tokens.findGrant(a.grantId()).orElseThrow().state()).isEqualTo(GrantState.REVOKED);
    assertThat(f.isActive(a.accessToken())).isFalse();
    assertThat(f.isActive(b.accessToken())).isFalse();
    assertThat(f.isActive(b.refreshToken())).isTrue();
  }

  @Test
  @DisplayName(
      "RV-07 malformed requests: no token, GET, JSON body, token twice, token in the URL; nothing is revoked")
  void rv07MalformedRequests() {
    Fixture.Family fam = f.grant("c1", "alice", "read");
    String auth = basic("c1", C1_SECRET);

    OAuthResponse noToken = revokeC1("token_type_hint=access_token");
    OAuthResponse get =
        f.server.revoke(
            OAuthRequest.builder("GET")
                .path("/api/oauth2/revoke")
                .rawQuery("token=" + fam.accessToken())
                .header("Authorization", auth)
                .build());
    OAuthResponse jsonBody =
        f.server.revoke(
            OAuthRequest.builder("POST")
                .path("/api/oauth2/revoke")
                .header("Content-Type", "application/json")
                .header("Authorization", auth)
                .body("{\"token\":\"" + fam.accessToken() + "\"}")
                .build());
    OAuthResponse twice = revokeC1("token=" + fam.accessToken() + "&token=" + fam.refreshToken());
    OAuthResponse inQuery =
        f.server.revoke(
            OAuthRequest.builder("POST")
                .path("/api/oauth2/revoke")
                .rawQuery("token=" + fam.accessToken())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", auth)
                .body("")
                .build());

    assertError(noToken, 400, "invalid_request");
    assertError(get, 405, "invalid_request");
    assertThat(get.header("Allow")).isEqualTo("POST");
    assertError(jsonBody, 400, "invalid_request");
    assertError(twice, 400, "invalid_request");
    assertError(inQuery, 400, "invalid_request");
    assertThat(f.isActive(fam.accessToken())).isTrue();
    assertThat(f.isActive(fam.refreshToken())).isTrue();
  }

  @Test
  @DisplayName("client_secret_post and a public client's client_id revoke their own tokens")
  void otherAuthenticationMethods() {
    Fixture.Family c1 = f.grant("c1", "alice", "read");
    Fixture.Family p1 = f.grant("p1", "alice", "read");

    assertEmpty200(
        f.server.revoke(
            post(
                "/api/oauth2/revoke",
                "token=" + c1.accessToken() + "&client_id=c1&client_secret=" + C1_SECRET)));
    assertEmpty200(
        f.server.revoke(
            post("/api/oauth2/revoke", "token=" + p1.refreshToken() + "&client_id=p1")));

    assertThat(f.isActive(c1.accessToken())).isFalse();
    assertThat(f.isActive(p1.accessToken())).isFalse();
    assertThat(f.tokens.findGrant(p1.grantId()).orElseThrow().state())
        .isEqualTo(GrantState.REVOKED);
  }

  @Test
  @DisplayName("a client-credentials access token is revoked and becomes inactive")
  void clientCredentialsToken() {
    String token = f.clientCredentialsToken("c1", "read");

    assertEmpty200(revokeC1("token=" + token));

    assertThat(f.isActive(token)).isFalse();
  }

  @Test
  @DisplayName("revoking twice publishes one event; the second answer is the same empty 200")
  void idempotent() {
    Fixture.Family fam = f.grant("c1", "alice", "read");

    assertEmpty200(revokeC1("token=" + fam.refreshToken()));
    assertEmpty200(revokeC1("token=" + fam.refreshToken()));
    assertEmpty200(revokeC1("token=" + fam.accessToken()));

    assertThat(f.events.of(SecurityEvent.Revoked.class)).hasSize(1);
  }

  private static String randomChars(int n) {
    SecureRandom random = new SecureRandom();
    StringBuilder sb = new StringBuilder(n);
    while (sb.length() < n) {
      sb.append(SecureTokens.newToken().charAt(random.nextInt(43)));
    }
    return sb.toString();
  }
}
