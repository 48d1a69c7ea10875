package dev.keyway.registration;

import static dev.keyway.testing.clients.DcrRequests.json;
import static dev.keyway.testing.clients.DcrRequests.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import dev.keyway.AuthorizationServer;
import dev.keyway.OAuthResponse;
import dev.keyway.Secret;
import dev.keyway.client.Sha256SecretHasher;
import dev.keyway.internal.Hashing;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientAuthMethod;
import dev.keyway.spi.client.ClientStore;
import dev.keyway.testing.MutableClock;
import dev.keyway.testing.clients.ClientFixtures;
import dev.keyway.testing.clients.CountingClientStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 7591 dynamic client registration through {@code server.register(request)}. */
class DynamicRegistrationTest {

  static final String INITIAL_TOKEN = "initial-access-token-for-dev-alice-0123456789";
  static final String VALID =
      "{\"client_name\":\"Photo Printer\",\"redirect_uris\":[\"https://printer.example/callback\"],"
          + "\"scope\":\"profile\"}";

  private final MutableClock clock = MutableClock.startingAt2026();
  private final CountingClientStore store = new CountingClientStore();
  private final AuthorizationServer server =
      ClientFixtures.server(clock)
          .clients(store)
          .dynamicClientRegistration(
              token ->
                  token.equals(Secret.of(INITIAL_TOKEN))
                      ? Optional.of(InitialAccess.ownedBy("dev-alice"))
                      : Optional.empty())
          .build();

  @Test
  void registrationIsOffByDefault() {
    AuthorizationServer plain = ClientFixtures.server(clock).build();

    assertThat(plain.register(register(INITIAL_TOKEN, VALID)).status()).isEqualTo(404);
    assertThat(plain.clientConfiguration(register(INITIAL_TOKEN, VALID)).status()).isEqualTo(404);
    assertThat(plain.settings().registrationEndpoint()).isNull();
    assertThat(server.settings().registrationEndpoint())
        .hasToString(ClientFixtures.ISSUER + "/api/oauth2/register");
  }

  @Test
  @DisplayName(
      "RFC 7591 §3.2.1: 201 with the metadata, client_id, a secret shown once and a registration access token")
  void registrationAnswersCreatedWithCredentialsAndStoresOnlyHashes() {
    OAuthResponse response = server.register(register(INITIAL_TOKEN, VALID));

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    assertThat(response.header("Content-Type")).startsWith("application/json");
    Map<String, Object> body = json(response);
    String clientId = (String) body.get("client_id");
    String secret = (String) body.get("client_secret");
    String rat = (String) body.get("registration_access_token");
    assertThat(secret).matches("[A-Za-z0-9_-]{43}");
    assertThat(rat).matches("[A-Za-z0-9_-]{43}");
    assertThat(body)
        .containsEntry("client_secret_expires_at", 0L)
        .containsEntry("client_id_issued_at", clock.instant().getEpochSecond())
        .containsEntry(
            "registration_client_uri", ClientFixtures.ISSUER + "/api/oauth2/register/" + clientId)
        .containsEntry("client_name", "Photo Printer")
        .containsEntry("redirect_uris", List.of("https://printer.example/callback"))
        .containsEntry("grant_types", List.of("authorization_code"))
        .containsEntry("response_types", List.of("code"))
        .containsEntry("token_endpoint_auth_method", "client_secret_basic")
        .containsEntry("scope", "profile");

    Client stored = store.findById(clientId).orElseThrow();
    assertThat(stored.owner()).isEqualTo("dev-alice");
    assertThat(stored.authMethods()).containsExactly(ClientAuthMethod.CLIENT_SECRET_BASIC);
    assertThat(stored.secrets())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.hash()).doesNotContain(secret);
              assertThat(new Sha256SecretHasher().matches(secret, s.hash())).isTrue();
            });
    assertThat(stored.registrationAccessTokenHash()).isEqualTo(Hashing.tokenHash(rat));
    assertThat(stored.registrationAccessTokenHash().value()).isNotEqualTo(rat);
  }

  @Test
  void aPublicClientGetsNoSecret() {
    OAuthResponse response =
        server.register(
            register(
                INITIAL_TOKEN,
                "{\"redirect_uris\":[\"com.example.printer:/cb\"],\"token_endpoint_auth_method\":\"none\","
                    + "\"grant_types\":[\"authorization_code\",\"refresh_token\"]}"));

    assertThat(response.status()).isEqualTo(201);
    Map<String, Object> body = json(response);
    assertThat(body).doesNotContainKeys("client_secret", "client_secret_expires_at", "client_name");
    assertThat(body)
        .containsEntry("token_endpoint_auth_method", "none")
        .containsEntry("grant_types", List.of("authorization_code", "refresh_token"));
    Client stored = store.findById((String) body.get("client_id")).orElseThrow();
    assertThat(stored.isPublic()).isTrue();
    assertThat(stored.requirePkce()).isTrue();
  }

  @Test
  void metadataKeywayDoesNotUnderstandIsIgnored() {
    OAuthResponse response =
        server.register(
            register(
                INITIAL_TOKEN,
                "{\"redirect_uris\":[\"https://a.example/cb\"],\"contacts\":[\"ops@a.example\"],"
                    + "\"software_id\":\"x\",\"client_name#ja\":\"\u5199\u771f\",\"tos_uri\":42}"));

    assertThat(response.status()).isEqualTo(201);
    assertThat(json(response)).doesNotContainKeys("contacts", "software_id", "tos_uri");
  }

  @Test
  @DisplayName(
      "Unauthorised registration: no token is 401 with a bare Bearer challenge, nothing stored")
  void registrationWithoutATokenIsRefused() {
    OAuthResponse response = server.register(register(null, VALID));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"auth.example.com\"");
    assertThat(store.writes()).isZero();
  }

  @Test
  @DisplayName(
      "Unauthorised registration: a wrong initial access token is 401 invalid_token, nothing stored")
  void registrationWithAWrongTokenIsRefused() {
    OAuthResponse response = server.register(register("not-the-token", VALID));

    assertThat(response.status()).isEqualTo(401);
    assertThat(json(response)).containsEntry("error", "invalid_token");
    assertThat(response.header("WWW-Authenticate"))
        .isEqualTo("Bearer realm=\"auth.example.com\", error=\"invalid_token\"");
    assertThat(store.writes()).isZero();
  }

  @Test
  void otherAuthorizationSchemesAreNoBearerTokenAndMalformedOnesAreBadRequests() {
    OAuthRequest basic =
        OAuthRequest.builder("POST")
            .path("/api/oauth2/register")
            .header("Authorization", "Basic YTpi")
            .header("Content-Type", "application/json")
            .body(VALID)
            .build();
    OAuthRequest malformed =
        OAuthRequest.builder("POST")
            .path("/api/oauth2/register")
            .header("Authorization", "Bearer a b")
            .header("Content-Type", "application/json")
            .body(VALID)
            .build();
    OAuthRequest twice =
        OAuthRequest.builder("POST")
            .path("/api/oauth2/register")
            .header("Authorization", "Bearer " + INITIAL_TOKEN)
            .header("Authorization", "Bearer " + INITIAL_TOKEN)
            .header("Content-Type", "application/json")
            .body(VALID)
            .build();

    assertThat(server.register(basic).status()).isEqualTo(401);
    assertThat(server.register(malformed).status()).isEqualTo(400);
    assertThat(server.register(twice).status()).isEqualTo(400);
    assertThat(store.writes()).isZero();
  }

  @Test
  void theBearerSchemeIsCaseInsensitive() {
    OAuthRequest lower =
        OAuthRequest.builder("POST")
            .path("/api/oauth2/register")
            .header("Authorization", "bearer " + INITIAL_TOKEN)
            .header("Content-Type", "application/json")
            .body(VALID)
            .build();

    assertThat(server.register(lower).status()).isEqualTo(201);
  }

  /** A registration body, the error it earns, and the field its description names. */
  record BadBody(String description, String json, String error, String field) {
    @Override
    public String toString() {
      return description;
    }
  }

  static Stream<BadBody> badBodies() {
    return Stream.of(
        new BadBody(
            "fragment (RU-07)",
            "{\"redirect_uris\":[\"https://a.example/cb#f\"]}",
            "invalid_redirect_uri",
            "redirect_uris[0]"),
        new BadBody(
            "javascript (RU-08)",
            "{\"redirect_uris\":[\"https://a.example/cb\",\"JaVaScRiPt:alert(1)\"]}",
            "invalid_redirect_uri",
            "redirect_uris[1]"),
        new BadBody(
            "http non-loopback (RU-08)",
            "{\"redirect_uris\":[\"http://a.example/cb\"]}",
            "invalid_redirect_uri",
            "redirect_uris[0]"),
        new BadBody(
            "no redirect URI", "{\"client_name\":\"x\"}", "invalid_redirect_uri", "redirect_uris"),
        new BadBody(
            "redirect_uris not an array",
            "{\"redirect_uris\":\"https://a.example/cb\"}",
            "invalid_redirect_uri",
            "redirect_uris"),
        new BadBody(
            "redirect URI not a string",
            "{\"redirect_uris\":[42]}",
            "invalid_redirect_uri",
            "redirect_uris"),
        new BadBody(
            "implicit grant",
            "{\"redirect_uris\":[\"https://a.example/cb\"],\"grant_types\":[\"implicit\"]}",
            "invalid_client_metadata",
            "grant_types"),
        new BadBody(
            "password grant",
            "{\"redirect_uris\":[\"https://a.example/cb\"],\"grant_types\":[\"password\"]}",
            "invalid_client_metadata",
            "grant_types"),
        new BadBody(
            "token response type",
            "{\"redirect_uris\":[\"https://a.example/cb\"],\"response_types\":[\"token\"]}",
            "invalid_client_metadata",
            "response_types"),
        new BadBody(
            "code without its grant",
            "{\"grant_types\":[\"client_credentials\"],\"response_types\":[\"code\"]}",
            "invalid_client_metadata",
            "response_types"),
        new BadBody(
            "private_key_jwt",
            "{\"redirect_uris\":[\"https://a.example/cb\"],\"token_endpoint_auth_method\":\"private_key_jwt\"}",
            "invalid_client_metadata",
            "token_endpoint_auth_method"),
        new BadBody(
            "unknown auth method",
            "{\"redirect_uris\":[\"https://a.example/cb\"],\"token_endpoint_auth_method\":\"tls_client_auth\"}",
            "invalid_client_metadata",
            "token_endpoint_auth_method"),
        new BadBody(
            "unknown scope",
            "{\"redirect_uris\":[\"https://a.example/cb\"],\"scope\":\"profile admin\"}",
            "invalid_client_metadata",
            "scope"),
        new BadBody(
            "double space in scope",
            "{\"redirect_uris\":[\"https://a.example/cb\"],\"scope\":\"profile  email\"}",
            "invalid_client_metadata",
            "scope"),
        new BadBody(
            "name not a string",
            "{\"redirect_uris\":[\"https://a.example/cb\"],\"client_name\":{\"a\":1}}",
            "invalid_client_metadata",
            "client_name"),
        new BadBody(
            "javascript logo",
            "{\"redirect_uris\":[\"https://a.example/cb\"],\"logo_uri\":\"javascript:alert(1)\"}",
            "invalid_client_metadata",
            "logo_uri"),
        new BadBody(
            "public client_credentials",
            "{\"token_endpoint_auth_method\":\"none\",\"grant_types\":[\"client_credentials\"]}",
            "invalid_client_metadata",
            "grant_types"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  @DisplayName(
      "RFC 7591 §3.2.2: invalid metadata is 400 with the right error, naming the field; nothing stored")
  void invalidMetadataIsRefused(BadBody bad) {
    OAuthResponse response = server.register(register(INITIAL_TOKEN, bad.json()));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    Map<String, Object> body = json(response);
    assertThat(body).containsEntry("error", bad.error());
    assertThat((String) body.get("error_description")).startsWith(bad.field() + ": ");
    assertThat(store.writes()).isZero();
  }

  @Test
  void aBodyThatIsNotOneJsonObjectIsAnInvalidRequest() {
    for (String body :
        new String[] {"", "[]", "null", "{\"redirect_uris\":", "{} {}", "{\"a\":1,\"a\":2}"}) {
      OAuthResponse response = server.register(register(INITIAL_TOKEN, body));
      assertThat(response.status()).as(body).isEqualTo(400);
      assertThat(json(response)).as(body).containsEntry("error", "invalid_request");
    }
    OAuthRequest deep = register(INITIAL_TOKEN, "[".repeat(20_000) + "]".repeat(20_000));
    assertThat(server.register(deep).status()).isEqualTo(400);
    assertThat(store.writes()).isZero();
  }

  @Test
  void wrongMethodContentTypeOrSizeIsRefused() {
    OAuthRequest get =
        OAuthRequest.builder("GET")
            .path("/api/oauth2/register")
            .header("Authorization", "Bearer " + INITIAL_TOKEN)
            .build();
    OAuthRequest form =
        OAuthRequest.builder("POST")
            .path("/api/oauth2/register")
            .header("Authorization", "Bearer " + INITIAL_TOKEN)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("redirect_uris=x")
            .build();
    OAuthRequest latin1 =
        OAuthRequest.builder("POST")
            .path("/api/oauth2/register")
            .header("Authorization", "Bearer " + INITIAL_TOKEN)
            .header("Content-Type", "application/json; charset=ISO-8859-1")
            .body(VALID)
            .build();
    OAuthRequest badUtf8 =
        OAuthRequest.builder("POST")
            .path("/api/oauth2/register")
            .header("Authorization", "Bearer " + INITIAL_TOKEN)
            .header("Content-Type", "application/json")
            .body(new byte[] {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}'})
            .build();
    OAuthRequest huge = register(INITIAL_TOKEN, "{\"client_name\":\"" + "x".repeat(70_000) + "\"}");

    OAuthResponse wrongMethod = server.register(get);
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.header("Allow")).isEqualTo("POST");
    assertThat(server.register(form).status()).isEqualTo(400);
    assertThat(server.register(latin1).status()).isEqualTo(400);
    assertThat(server.register(badUtf8).status()).isEqualTo(400);
    assertThat(server.register(huge).status()).isEqualTo(413);
    assertThat(store.writes()).isZero();
  }

  @Test
  void aStoreFailureIsAServerErrorWithNothingLeaked() {
    ClientStore failing = mock(ClientStore.class);
    doThrow(new IllegalStateException("connection refused to db.internal:5432"))
        .when(failing)
        .save(any());
    AuthorizationServer broken =
        ClientFixtures.server(clock)
            .clients(failing)
            .dynamicClientRegistration(InitialAccessTokenVerifier.fixed(Secret.of(INITIAL_TOKEN)))
            .build();

    OAuthResponse response = broken.register(register(INITIAL_TOKEN, VALID));

    assertThat(response.status()).isEqualTo(500);
    assertThat(json(response)).containsEntry("error", "server_error");
    assertThat(response.body()).doesNotContain("db.internal").doesNotContain("client_secret");
  }
}
