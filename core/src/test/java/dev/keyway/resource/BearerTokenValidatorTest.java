package dev.keyway.resource;

import static dev.keyway.endpointtest.Fixture.C1_SECRET;
import static dev.keyway.endpointtest.Fixture.json;
import static dev.keyway.endpointtest.Fixture.resourceRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import dev.keyway.OAuthResponse;
import dev.keyway.endpointtest.Fixture;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.TokenHash;
import dev.keyway.spi.token.TokenStore;
import dev.keyway.store.memory.InMemoryTokenStore;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 6750 bearer-token use: catalogue group K (BR-01..BR-05) and the validator's options. */
class BearerTokenValidatorTest {

  private static final String REALM = "Bearer realm=\"as.example\"";

  private final Fixture f = Fixture.create();
  private final BearerTokenValidator validator = f.server.bearerTokens();

  private static OAuthResponse rejected(BearerResult result) {
    assertThat(result).isInstanceOf(BearerResult.Rejected.class);
    return ((BearerResult.Rejected) result).response();
  }

  private static TokenPrincipal valid(BearerResult result) {
    assertThat(result).isInstanceOf(BearerResult.Valid.class);
    return ((BearerResult.Valid) result).principal();
  }

  private static void assertChallenge(BearerResult result, int status, String challenge) {
    OAuthResponse r = rejected(result);
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.header("WWW-Authenticate")).isEqualTo(challenge);
    assertThat(r.header("Cache-Control")).contains("no-store");
  }

  private BearerResult validate(String authorization, String... scopes) {
    return validator.validate(resourceRequest(authorization), Set.of(scopes));
  }

  @Test
  @DisplayName(
      "a valid token with every required scope gives its subject, client, scopes and expiry")
  void validToken() {
    Fixture.Family fam = f.grant("c1", "alice", "read", "write");

    TokenPrincipal p = valid(validate("Bearer " + fam.accessToken(), "read"));

    assertThat(p.subject()).isEqualTo("alice");
    assertThat(p.clientId()).isEqualTo("c1");
    assertThat(p.scopes()).containsExactlyInAnyOrder("read", "write");
    assertThat(p.expiresAt()).isEqualTo(Fixture.START.plus(Duration.ofHours(1)));
    assertThat(valid(validate("Bearer " + fam.accessToken())).subject()).isEqualTo("alice");
  }

  @Test
  @DisplayName(
      "BR-01 no credentials: 401 with a Bearer realm challenge and no error; a non-Bearer scheme counts as none")
  void br01NoCredentials() {
    OAuthResponse none = rejected(validate(null, "read"));

    assertChallenge(validate(null, "read"), 401, REALM);
    assertThat(none.body()).isEmpty();
    assertChallenge(validate(Fixture.basic("c1", C1_SECRET), "read"), 401, REALM);
    assertChallenge(validate("Bearerx abc"), 401, REALM);
  }

  @Test
  @DisplayName(
      "BR-02 garbage, expired and revoked tokens are 401 invalid_token; the scheme name is case-insensitive")
  void br02InvalidTokens() {
    Fixture.Family revoked = f.grant("c1", "alice", "read");
    assertThat(f.revokeAs("c1", C1_SECRET, "token=" + revoked.accessToken()).status())
        .isEqualTo(200);
    Fixture.Family expiring = f.grant("c1", "alice", "read");
    String invalid = REALM + ", error=\"invalid_token\"";

    assertChallenge(validate("Bearer garbage"), 401, invalid);
    assertChallenge(validate("Bearer " + revoked.accessToken()), 401, invalid);
    assertChallenge(
        validate("Bearer " + expiring.refreshToken()),
        401,
        invalid); // a refresh token is no access token
    assertThat(json(rejected(validate("Bearer garbage")))).containsEntry("error", "invalid_token");
    assertThat(valid(validate("bearer " + expiring.accessToken())).subject()).isEqualTo("alice");
    assertThat(valid(validate("BEARER " + expiring.accessToken())).subject()).isEqualTo("alice");

    f.clock.advance(Duration.ofHours(1));
    assertChallenge(validate("Bearer " + expiring.accessToken()), 401, invalid);
  }

  @Test
  @DisplayName(
      "BR-02 every access token of a refresh-revoked family is rejected (RV-04 seen from the resource)")
  void br02RevokedFamily() {
    Fixture.Family first = f.grant("c1", "alice", "read");
    Fixture.Family second = f.refresh(first);
    assertThat(f.revokeAs("c1", C1_SECRET, "token=" + second.refreshToken()).status())
        .isEqualTo(200);

    assertChallenge(
        validate("Bearer " + first.accessToken()), 401, REALM + ", error=\"invalid_token\"");
    assertChallenge(
        validate("Bearer " + second.accessToken()), 401, REALM + ", error=\"invalid_token\"");
  }

  @Test
  @DisplayName(
      "BR-03 a token without a required scope is 403 insufficient_scope naming the required scopes")
  void br03InsufficientScope() {
    Fixture.Family fam = f.grant("c1", "alice", "read");

    assertChallenge(
        validate("Bearer " + fam.accessToken(), "write"),
        403,
        REALM + ", error=\"insufficient_scope\", scope=\"write\"");
    assertChallenge(
        validate("Bearer " + fam.accessToken(), "write", "read"),
        403,
        REALM + ", error=\"insufficient_scope\", scope=\"read write\"");
    assertThat(json(rejected(validate("Bearer " + fam.accessToken(), "write"))))
        .containsEntry("error", "insufficient_scope");
  }

  @Test
  @DisplayName(
      "BR-04 an empty or malformed header, two headers, or the token sent two ways is 400 invalid_request")
  void br04MalformedOrAmbiguous() {
    Fixture.Family fam = f.grant("c1", "alice", "read");
    String invalid = REALM + ", error=\"invalid_request\"";

    assertChallenge(validate("Bearer"), 400, invalid);
    assertChallenge(validate("Bearer "), 400, invalid);
    assertChallenge(validate("Bearer a b"), 400, invalid);
    assertChallenge(validate("Bearer " + fam.accessToken() + ",x"), 400, invalid);
    assertChallenge(validate("Bearer \"" + fam.accessToken() + "\""), 400, invalid);
    assertChallenge(
        validator.validate(
            OAuthRequest.builder("GET")
                .header("Authorization", "Bearer " + fam.accessToken())
                .header("Authorization", "Bearer " + fam.accessToken())
                .build(),
            Set.of()),
        400,
        invalid);
    assertChallenge(
        validator.validate(
            OAuthRequest.builder("POST")
                .header("Authorization", "Bearer " + fam.accessToken())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body("access_token=" + fam.accessToken())
                .build(),
            Set.of()),
        400,
        invalid);
    assertChallenge(
        validator.validate(
            OAuthRequest.builder("GET")
                .rawQuery("access_token=" + fam.accessToken())
                .header("Authorization", "Bearer " + fam.accessToken())
                .build(),
            Set.of()),
        400,
        invalid);
  }

  @Test
  @DisplayName(
      "BR-05 a token in the query string, or in a form body when that method is off, is ignored: 401 as BR-01")
  void br05TokenOutsideTheHeaderIsIgnored() {
    Fixture.Family fam = f.grant("c1", "alice", "read");

    assertChallenge(
        validator.validate(
            OAuthRequest.builder("GET").rawQuery("access_token=" + fam.accessToken()).build(),
            Set.of()),
        401,
        REALM);
    assertChallenge(
        validator.validate(formBodyRequest("POST", fam.accessToken()), Set.of()), 401, REALM);
    assertChallenge(
        validator.validate(formBodyRequest("GET", fam.accessToken()), Set.of()), 401, REALM);
  }

  @Test
  @DisplayName("the form-body method (RFC 6750 §2.2) works only when enabled, and never for GET")
  void formBodyWhenEnabled() {
    Fixture.Family fam = f.grant("c1", "alice", "read");
    BearerTokenValidator withBody =
        validator.withOptions(BearerOptions.defaults().withFormBody(true));

    assertThat(
            valid(withBody.validate(formBodyRequest("POST", fam.accessToken()), Set.of("read")))
                .subject())
        .isEqualTo("alice");
    assertChallenge(
        withBody.validate(formBodyRequest("GET", fam.accessToken()), Set.of()), 401, REALM);
    assertChallenge(
        withBody.validate(formBodyRequest("POST", "garbage"), Set.of()),
        401,
        REALM + ", error=\"invalid_token\"");
    assertChallenge(
        withBody.validate(formBodyRequest("POST", "a b"), Set.of()),
        400,
        REALM + ", error=\"invalid_request\"");
    assertThat(validator.options().formBody()).isFalse();
  }

  @Test
  @DisplayName("the realm can be overridden and must be a safe quoted-string")
  void realmOverride() {
    BearerTokenValidator api =
        validator.withOptions(BearerOptions.defaults().withRealm("photos api"));

    assertChallenge(
        api.validate(resourceRequest(null), Set.of()), 401, "Bearer realm=\"photos api\"");
    assertChallenge(
        api.validate(resourceRequest("Bearer x"), Set.of()),
        401,
        "Bearer realm=\"photos api\", error=\"invalid_token\"");
    assertThatThrownBy(() -> BearerOptions.defaults().withRealm("a\"b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BearerOptions.defaults().withRealm("a\r\nb"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> validator.validate(resourceRequest(null), Set.of("a b")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a store failure is a 500 server_error, never Valid")
  void storeFailure() {
    TokenStore[] store = new TokenStore[1];
    Fixture g = Fixture.withTokenStore(clock -> store[0] = spy(new InMemoryTokenStore(clock)));
    Fixture.Family fam = g.grant("c1", "alice", "read");
    doThrow(new IllegalStateException("store down"))
        .when(store[0])
        .findAccessToken(any(TokenHash.class));

    OAuthResponse r =
        rejected(
            g.server
                .bearerTokens()
                .validate(resourceRequest("Bearer " + fam.accessToken()), Set.of()));

    assertThat(r.status()).isEqualTo(500);
    assertThat(json(r)).containsEntry("error", "server_error");
  }

  private static OAuthRequest formBodyRequest(String method, String token) {
    return OAuthRequest.builder(method)
        .path("/api")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("access_token=" + Fixture.form(token))
        .build();
  }
}
