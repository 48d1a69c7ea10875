package dev.keyway.registration;

import static dev.keyway.testing.clients.DcrRequests.configuration;
import static dev.keyway.testing.clients.DcrRequests.json;
import static dev.keyway.testing.clients.DcrRequests.register;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.AuthorizationServer;
import dev.keyway.OAuthResponse;
import dev.keyway.Secret;
import dev.keyway.client.ClientAuthentication;
import dev.keyway.client.RegistrationResult;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.SecureTokens;
import dev.keyway.spi.TokenHash;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.store.memory.InMemoryTokenStore;
import dev.keyway.testing.MutableClock;
import dev.keyway.testing.clients.ClientFixtures;
import dev.keyway.testing.clients.CountingClientStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 7592 client read, update and delete through {@code server.clientConfiguration(request)}. */
class ClientConfigurationTest {

  private static final String INITIAL = "initial-access-token-0123456789abcdef";

  private final MutableClock clock = MutableClock.startingAt2026();
  private final CountingClientStore store = new CountingClientStore();
  private final InMemoryTokenStore tokens = new InMemoryTokenStore(clock);
  private final AuthorizationServer server =
      ClientFixtures.server(clock)
          .clients(store)
          .tokens(tokens)
          .dynamicClientRegistration(InitialAccessTokenVerifier.fixed(Secret.of(INITIAL)))
          .build();

  private final Map<String, Object> registered =
      json(
          server.register(
              register(
                  INITIAL,
                  "{\"client_name\":\"Printer\",\"redirect_uris\":[\"https://printer.example/cb\"],"
                      + "\"token_endpoint_auth_method\":\"client_secret_post\",\"scope\":\"profile\"}")));
  private final String clientId = (String) registered.get("client_id");
  private final String uri = (String) registered.get("registration_client_uri");
  private final String secret = (String) registered.get("client_secret");
  private final String rat = (String) registered.get("registration_access_token");

  private OAuthResponse get(String token) {
    return server.clientConfiguration(configuration("GET", uri, token, null));
  }

  private OAuthResponse put(String token, String body) {
    return server.clientConfiguration(configuration("PUT", uri, token, body));
  }

  private String updateBody(String extra) {
    return "{\"client_id\":\""
        + clientId
        + "\",\"client_name\":\"Printer 2\","
        + "\"redirect_uris\":[\"https://printer.example/cb\",\"https://printer.example/cb2\"],"
        + "\"token_endpoint_auth_method\":\"client_secret_post\",\"scope\":\"profile email\""
        + extra
        + "}";
  }

  @Test
  @DisplayName(
      "RFC 7592 §2.1: read returns the metadata, no secret, and a new registration access token")
  void readReturnsTheRegistrationAndReplacesTheToken() {
    OAuthResponse response = get(rat);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    Map<String, Object> body = json(response);
    assertThat(body)
        .containsEntry("client_id", clientId)
        .containsEntry("client_name", "Printer")
        .containsEntry("registration_client_uri", uri)
        .containsEntry("token_endpoint_auth_method", "client_secret_post")
        .doesNotContainKeys("client_secret", "client_secret_expires_at");
    String next = (String) body.get("registration_access_token");
    assertThat(next).isNotEqualTo(rat);
    assertThat(store.findById(clientId).orElseThrow().registrationAccessTokenHash())
        .isEqualTo(Hashing.tokenHash(next));
    assertThat(get(rat).status()).isEqualTo(401); // the old token is spent
    assertThat(get(next).status()).isEqualTo(200);
  }

  @Test
  void aWrongMissingOrForeignTokenIsRefused() {
    Map<String, Object> other =
        json(server.register(register(INITIAL, "{\"redirect_uris\":[\"https://o.example/cb\"]}")));
    String othersToken = (String) other.get("registration_access_token");
    int writes = store.writes();

    OAuthResponse wrong = get("wrong-token");
    OAuthResponse foreign = get(othersToken);
    OAuthResponse initial = get(INITIAL);
    OAuthResponse missing = get(null);

    for (OAuthResponse r : List.of(wrong, foreign, initial)) {
      assertThat(r.status()).isEqualTo(401);
      assertThat(json(r)).containsEntry("error", "invalid_token");
      assertThat(r.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"auth.example.com\"");
    assertThat(store.writes()).isEqualTo(writes);
    assertThat(get(rat).status()).isEqualTo(200); // the real token still works
  }

  @Test
  @DisplayName("RFC 7592 §2.1: an unknown client is 401, like a bad token")
  void anUnknownClientIsUnauthorized() {
    OAuthResponse response =
        server.clientConfiguration(
            configuration("GET", ClientFixtures.ISSUER + "/api/oauth2/register/nope", rat, null));

    assertThat(response.status()).isEqualTo(401);
    assertThat(json(response)).containsEntry("error", "invalid_token");
  }

  @Test
  void anAppRegisteredThroughTheJavaApiCannotBeManagedOverHttp() {
    Client app =
        ((RegistrationResult.Registered)
                server.clientRegistry().register(ClientFixtures.webApp().build()))
            .client();

    OAuthResponse response =
        server.clientConfiguration(
            configuration(
                "GET",
                ClientFixtures.ISSUER + "/api/oauth2/register/" + app.clientId(),
                rat,
                null));

    assertThat(response.status()).isEqualTo(401);
  }

  @Test
  void theHostCanGrantSelfManagementToAnAppItRegistered() {
    Client app =
        ((RegistrationResult.Registered)
                server.clientRegistry().register(ClientFixtures.webApp().build()))
            .client();
    Secret token =
        server.clientRegistry().rotateRegistrationAccessToken(app.clientId()).orElseThrow();

    OAuthResponse response =
        server.clientConfiguration(
            configuration(
                "GET",
                ClientFixtures.ISSUER + "/api/oauth2/register/" + app.clientId(),
                token.reveal(),
                null));

    assertThat(response.status()).isEqualTo(200);
    assertThat(json(response)).containsEntry("client_id", app.clientId());
  }

  @Test
  @DisplayName(
      "RFC 7592 §2.2: update replaces the metadata, keeps the secret, and replaces the token")
  void updateReplacesMetadataKeepsTheSecret() {
    OAuthResponse response = put(rat, updateBody(",\"client_secret\":\"" + secret + "\""));

    assertThat(response.status()).isEqualTo(200);
    Map<String, Object> body = json(response);
    assertThat(body)
        .containsEntry("client_name", "Printer 2")
        .containsEntry(
            "redirect_uris", List.of("https://printer.example/cb", "https://printer.example/cb2"))
        .containsEntry("scope", "email profile")
        .doesNotContainKey("client_secret");
    String next = (String) body.get("registration_access_token");
    assertThat(next).isNotEqualTo(rat);
    Client stored = store.findById(clientId).orElseThrow();
    assertThat(stored.redirectUris()).hasSize(2);
    assertThat(stored.owner())
        .isNull(); // the fixed verifier records no owner, and an update keeps it
    assertThat(ClientFixtures.authenticate(server, clientId, secret))
        .isInstanceOf(ClientAuthentication.Authenticated.class);
    assertThat(get(rat).status()).isEqualTo(401);
    assertThat(get(next).status()).isEqualTo(200);
  }

  @Test
  void omittedFieldsAreClearedByAnUpdate() {
    OAuthResponse response =
        put(
            rat,
            "{\"client_id\":\""
                + clientId
                + "\",\"redirect_uris\":[\"https://printer.example/cb\"],"
                + "\"token_endpoint_auth_method\":\"client_secret_post\"}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(json(response)).doesNotContainKeys("client_name", "scope");
    Client stored = store.findById(clientId).orElseThrow();
    assertThat(stored.displayName()).isEqualTo(clientId);
    assertThat(stored.allowedScopes()).isEmpty();
  }

  @Test
  @DisplayName(
      "RFC 7592 §2.2: refused updates change nothing, not even the registration access token")
  void refusedUpdatesChangeNothing() {
    Client before = store.findById(clientId).orElseThrow();
    int writes = store.writes();
    String[][] cases = {
      {updateBody(",\"registration_access_token\":\"x\""), "invalid_request"},
      {updateBody(",\"registration_client_uri\":\"" + uri + "\""), "invalid_request"},
      {updateBody(",\"client_secret_expires_at\":0"), "invalid_request"},
      {updateBody(",\"client_id_issued_at\":1"), "invalid_request"},
      {updateBody(",\"client_secret\":\"not-the-secret\""), "invalid_request"},
      {updateBody("").replace(clientId, "someone-else"), "invalid_request"},
      {updateBody("").replace("\"client_id\":\"" + clientId + "\",", ""), "invalid_request"},
      {
        updateBody("").replace("https://printer.example/cb2", "https://printer.example/cb2#x"),
        "invalid_redirect_uri"
      },
      {updateBody("").replace("client_secret_post", "none"), "invalid_client_metadata"},
      {updateBody("").replace("profile email", "admin"), "invalid_client_metadata"},
      {"not json", "invalid_request"}
    };

    for (String[] c : cases) {
      OAuthResponse response = put(rat, c[0]);
      assertThat(response.status()).as(c[0]).isEqualTo(400);
      assertThat(json(response)).as(c[0]).containsEntry("error", c[1]);
    }

    assertThat(store.writes()).isEqualTo(writes);
    assertThat(store.findById(clientId)).contains(before);
    assertThat(get(rat).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("RFC 7592 §2.3: delete answers 204, removes the client and revokes its tokens")
  void deleteRemovesTheClientAndRevokesItsTokens() {
    TokenHash machine = Hashing.tokenHash(SecureTokens.newToken());
    tokens.saveAccessToken(
        new AccessTokenRecord(
            machine,
            null,
            clientId,
            clientId,
            Set.of("profile"),
            clock.instant(),
            clock.instant().plus(Duration.ofHours(1)),
            AccessTokenState.ACTIVE));

    OAuthResponse response = server.clientConfiguration(configuration("DELETE", uri, rat, null));

    assertThat(response.status()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
    assertThat(store.findById(clientId)).isEmpty();
    assertThat(tokens.findAccessToken(machine).orElseThrow().isActiveAt(clock.instant())).isFalse();
    assertThat(ClientFixtures.authenticate(server, clientId, secret))
        .isInstanceOf(ClientAuthentication.Failed.class);
    assertThat(get(rat).status()).isEqualTo(401);
    assertThat(server.clientConfiguration(configuration("DELETE", uri, rat, null)).status())
        .isEqualTo(401);
  }

  @Test
  void otherMethodsAreNotAllowed() {
    OAuthResponse response = server.clientConfiguration(configuration("POST", uri, rat, "{}"));

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.header("Allow")).isEqualTo("GET, PUT, DELETE");
    assertThat(store.findById(clientId)).isPresent();
  }
}
