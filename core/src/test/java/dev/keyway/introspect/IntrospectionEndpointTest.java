package dev.keyway.introspect;

import static dev.keyway.endpointtest.Fixture.C1_SECRET;
import static dev.keyway.endpointtest.Fixture.C2_SECRET;
import static dev.keyway.endpointtest.Fixture.RS_SECRET;
import static dev.keyway.endpointtest.Fixture.START;
import static dev.keyway.endpointtest.Fixture.json;
import static dev.keyway.endpointtest.Fixture.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import dev.keyway.OAuthResponse;
import dev.keyway.endpointtest.Fixture;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.SecureTokens;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.TokenHash;
import dev.keyway.spi.code.AuthorizationCodeRecord;
import dev.keyway.spi.code.CodeState;
import dev.keyway.spi.code.PendingAuthorization;
import dev.keyway.spi.token.TokenStore;
import dev.keyway.store.memory.InMemoryTokenStore;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 7662 introspection: catalogue group J (IN-01..IN-05) and DESIGN.md decision 6. */
class IntrospectionEndpointTest {

  private static final String INACTIVE = "{\"active\":false}";

  private final Fixture f = Fixture.create();

  private OAuthResponse introspectC1(String body) {
    return f.introspectAs("c1", C1_SECRET, body);
  }

  private static void assertInactive(OAuthResponse r) {
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(INACTIVE);
    assertJsonNoStore(r);
  }

  private static void assertJsonNoStore(OAuthResponse r) {
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.header("Cache-Control")).contains("no-store");
    assertThat(r.header("Pragma")).isEqualTo("no-cache");
  }

  @Test
  @DisplayName(
      "IN-01 introspection without, or with wrong, client credentials is 401 invalid_client, never an active member")
  void in01AuthenticationRequired() {
    Fixture.Family fam = f.grant("c1", "alice", "read");

    OAuthResponse none =
        f.server.introspect(post("/api/oauth2/introspect", "token=" + fam.accessToken()));
    OAuthResponse wrong = f.introspectAs("c1", "wrong", "token=" + fam.accessToken());
    OAuthResponse publicClient =
        f.server.introspect(
            post("/api/oauth2/introspect", "token=" + fam.accessToken() + "&client_id=p1"));

    for (OAuthResponse r : new OAuthResponse[] {none, wrong, publicClient}) {
      assertThat(r.status()).isEqualTo(401);
      assertThat(json(r)).containsEntry("error", "invalid_client").doesNotContainKey("active");
      assertJsonNoStore(r);
    }
    assertThat(wrong.header("WWW-Authenticate")).startsWith("Basic ");
  }

  @Test
  @DisplayName(
      "IN-02 an active access token: exactly active, scope, client_id, sub, token_type, exp, iat, nbf, iss")
  void in02ActiveAccessToken() {
    Fixture.Family fam = f.grant("c1", "alice", "write", "read");

    OAuthResponse r = introspectC1("token=" + fam.accessToken());

    assertThat(r.status()).isEqualTo(200);
    assertJsonNoStore(r);
    Map<String, Object> body = json(r);
    assertThat(body)
        .containsOnlyKeys(
            "active", "scope", "client_id", "sub", "token_type", "exp", "iat", "nbf", "iss")
        .containsEntry("active", true)
        .containsEntry("scope", "read write")
        .containsEntry("client_id", "c1")
        .containsEntry("sub", "alice")
        .containsEntry("token_type", "Bearer")
        .containsEntry("iss", "https://as.example");
    assertThat(((Number) body.get("iat")).longValue()).isEqualTo(START.getEpochSecond());
    assertThat(((Number) body.get("nbf")).longValue()).isEqualTo(START.getEpochSecond());
    assertThat(((Number) body.get("exp")).longValue())
        .isEqualTo(START.plus(Duration.ofHours(1)).getEpochSecond());
  }

  @Test
  @DisplayName("IN-02 a client-credentials token's sub is the client; client_secret_post works too")
  void in02ClientCredentialsToken() {
    String token = f.clientCredentialsToken("c1", "read");

    OAuthResponse r =
        f.server.introspect(
            post(
                "/api/oauth2/introspect",
                "token=" + token + "&client_id=c1&client_secret=" + C1_SECRET));

    assertThat(json(r))
        .containsEntry("active", true)
        .containsEntry("sub", "c1")
        .containsEntry("client_id", "c1");
  }

  @Test
  @DisplayName(
      "IN-03 unknown, expired, revoked, not-yet-valid tokens, an authorization code and a consent id are exactly {\"active\":false}")
  void in03InactiveIsOnlyActiveFalse() {
    String unknown = SecureTokens.newToken();
    Fixture.Family revoked = f.grant("c1", "alice", "read");
    assertThat(f.revokeAs("c1", C1_SECRET, "token=" + revoked.accessToken()).status())
        .isEqualTo(200);
    String code = SecureTokens.newToken();
    f.codes.save(
        new AuthorizationCodeRecord(
            Hashing.tokenHash(code),
            "c1",
            "https://c1.example/cb",
            true,
            "alice",
            Set.of("read"),
            null,
            null,
            SecureTokens.newId(),
            START,
            START,
            START.plusSeconds(60),
            CodeState.ISSUED));
    String consentId = SecureTokens.newToken();
    f.pending.save(
        new PendingAuthorization(
            Hashing.tokenHash(consentId),
            "alice",
            "c1",
            "https://c1.example/cb",
            true,
            Set.of("read"),
            "xyz",
            null,
            null,
            START,
            START,
            START.plus(Duration.ofMinutes(10))));
    f.clock.advance(Duration.ofMinutes(30));
    Fixture.Family future = f.grant("c1", "alice", "read");
    f.clock.advance(Duration.ofSeconds(-1)); // before the token's iat/nbf
    OAuthResponse notYetValid = introspectC1("token=" + future.accessToken());
    f.clock.advance(Duration.ofSeconds(1));
    Fixture.Family expired = f.grant("c1", "alice", "read");
    f.clock.advance(Duration.ofHours(1)); // exactly at exp: expired

    for (String token :
        new String[] {
          unknown, revoked.accessToken(), code, consentId, expired.accessToken(), "x"
        }) {
      assertInactive(introspectC1("token=" + token));
    }
    assertInactive(notYetValid);
  }

  @Test
  @DisplayName(
      "IN-03 a rotated refresh token, one whose family is revoked, and an expired one are inactive")
  void in03InactiveRefreshTokens() {
    Fixture.Family first = f.grant("c1", "alice", "read");
    Fixture.Family second = f.refresh(first);
    Fixture.Family revoked = f.grant("c1", "bob", "read");
    f.tokens.revokeGrant(revoked.grantId());
    Fixture.Family expiring = f.grant("c1", "carol", "read");

    assertInactive(introspectC1("token=" + first.refreshToken()));
    assertInactive(introspectC1("token=" + revoked.refreshToken()));
    assertThat(json(introspectC1("token=" + second.refreshToken()))).containsEntry("active", true);
    f.clock.advance(Duration.ofDays(7));
    assertInactive(introspectC1("token=" + expiring.refreshToken()));
  }

  @Test
  @DisplayName(
      "IN-04 another client's token is {\"active\":false}; a resource-server client may introspect any token")
  void in04OwnershipPolicy() {
    Fixture.Family fam = f.grant("c1", "alice", "read");

    OAuthResponse other = f.introspectAs("c2", C2_SECRET, "token=" + fam.accessToken());
    OAuthResponse otherRt = f.introspectAs("c2", C2_SECRET, "token=" + fam.refreshToken());
    OAuthResponse resourceServer = f.introspectAs("rs", RS_SECRET, "token=" + fam.accessToken());

    assertInactive(other);
    assertInactive(otherRt);
    assertThat(json(resourceServer))
        .containsEntry("active", true)
        .containsEntry("client_id", "c1")
        .containsEntry("sub", "alice");
  }

  @Test
  @DisplayName("IN-05 a refresh token is active with no hint, the wrong hint and a bogus hint")
  void in05RefreshTokenWithHints() {
    Fixture.Family fam = f.grant("c1", "alice", "read");

    for (String hint :
        new String[] {
          "",
          "&token_type_hint=access_token",
          "&token_type_hint=bogus",
          "&token_type_hint=refresh_token"
        }) {
      Map<String, Object> body = json(introspectC1("token=" + fam.refreshToken() + hint));
      assertThat(body)
          .as("hint %s", hint)
          .containsOnlyKeys(
              "active", "scope", "client_id", "sub", "token_type", "exp", "iat", "iss")
          .containsEntry("active", true)
          .containsEntry("token_type", "refresh_token")
          .containsEntry("client_id", "c1");
      assertThat(((Number) body.get("exp")).longValue())
          .isEqualTo(START.plus(Duration.ofDays(7)).getEpochSecond());
    }
    assertThat(json(introspectC1("token=" + fam.accessToken() + "&token_type_hint=refresh_token")))
        .containsEntry("token_type", "Bearer");
  }

  @Test
  @DisplayName("IN-05 malformed requests: no token, token twice, GET")
  void in05MalformedRequests() {
    Fixture.Family fam = f.grant("c1", "alice", "read");

    OAuthResponse noToken = introspectC1("token_type_hint=access_token");
    OAuthResponse twice =
        introspectC1("token=" + fam.accessToken() + "&token=" + fam.refreshToken());
    OAuthResponse get =
        f.server.introspect(
            OAuthRequest.builder("GET")
                .path("/api/oauth2/introspect")
                .rawQuery("token=" + fam.accessToken())
                .header("Authorization", Fixture.basic("c1", C1_SECRET))
                .build());

    assertThat(noToken.status()).isEqualTo(400);
    assertThat(json(noToken)).containsEntry("error", "invalid_request");
    assertThat(twice.status()).isEqualTo(400);
    assertThat(json(twice)).containsEntry("error", "invalid_request");
    assertThat(get.status()).isEqualTo(405);
    assertThat(get.header("Allow")).isEqualTo("POST");
    for (OAuthResponse r : new OAuthResponse[] {noToken, twice, get}) {
      assertJsonNoStore(r);
    }
  }

  @Test
  @DisplayName("RL-05 a store failure is 500 server_error with no detail, never an active answer")
  void storeFailureIsServerError() {
    TokenStore[] store = new TokenStore[1];
    Fixture g = Fixture.withTokenStore(clock -> store[0] = spy(new InMemoryTokenStore(clock)));
    Fixture.Family fam = g.grant("c1", "alice", "read");
    doThrow(new IllegalStateException("store down"))
        .when(store[0])
        .findAccessToken(any(TokenHash.class));

    OAuthResponse r = g.introspectAs("c1", C1_SECRET, "token=" + fam.accessToken());

    assertThat(r.status()).isEqualTo(500);
    assertThat(json(r)).containsEntry("error", "server_error").doesNotContainKey("active");
    assertThat(r.body()).doesNotContain("store down");
    assertJsonNoStore(r);
  }
}
