package dev.keyway.metadata;

import static dev.keyway.endpointtest.Fixture.json;
import static dev.keyway.endpointtest.Fixture.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.AuthorizationServerBuilder;
import dev.keyway.OAuthResponse;
import dev.keyway.endpointtest.Fixture;
import dev.keyway.spi.GrantType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 8414 metadata: the document follows the configuration, and what it advertises works. */
class MetadataEndpointTest {

  private static Map<String, Object> metadata(Consumer<AuthorizationServerBuilder> options) {
    OAuthResponse r = Fixture.create(options).server.metadata();
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=3600");
    return json(r);
  }

  @Test
  @DisplayName("the default server's document: every endpoint and capability, no jwks_uri")
  void defaults() {
    Map<String, Object> m = metadata(b -> {});

    assertThat(m)
        .containsEntry("issuer", "https://as.example")
        .containsEntry("authorization_endpoint", "https://as.example/oauth2/authorize")
        .containsEntry("token_endpoint", "https://as.example/api/oauth2/token")
        .containsEntry("revocation_endpoint", "https://as.example/api/oauth2/revoke")
        .containsEntry("introspection_endpoint", "https://as.example/api/oauth2/introspect")
        .containsEntry("response_types_supported", List.of("code"))
        .containsEntry("response_modes_supported", List.of("query"))
        .containsEntry(
            "grant_types_supported",
            List.of("authorization_code", "refresh_token", "client_credentials"))
        .containsEntry(
            "token_endpoint_auth_methods_supported",
            List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none"))
        .containsEntry(
            "revocation_endpoint_auth_methods_supported",
            List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none"))
        .containsEntry(
            "introspection_endpoint_auth_methods_supported",
            List.of("client_secret_basic", "client_secret_post", "private_key_jwt"))
        .containsEntry("code_challenge_methods_supported", List.of("S256"))
        .containsEntry("scopes_supported", List.of("read", "write"))
        .containsEntry("authorization_response_iss_parameter_supported", true)
        .doesNotContainKey("jwks_uri")
        .doesNotContainKey("registration_endpoint");
    assertThat(m.get("grant_types_supported"))
        .isEqualTo(Arrays.stream(GrantType.values()).map(GrantType::wireName).toList());
  }

  @Test
  @DisplayName(
      "the document follows the options: issuer with a path, endpoint paths, plain PKCE, scopes, JWKS")
  void followsConfiguration() {
    Map<String, Object> m =
        metadata(
            b ->
                b.issuer("https://login.example.org/tenant1")
                    .authorizationEndpointPath("/authorize")
                    .tokenEndpointPath("/token")
                    .revocationEndpointPath("/revoke")
                    .introspectionEndpointPath("/introspect")
                    .jwksPath("/jwks.json")
                    .allowPlainPkce(true)
                    .scopesSupported("profile", "email", "admin"));

    assertThat(m)
        .containsEntry("issuer", "https://login.example.org/tenant1")
        .containsEntry("authorization_endpoint", "https://login.example.org/tenant1/authorize")
        .containsEntry("token_endpoint", "https://login.example.org/tenant1/token")
        .containsEntry("revocation_endpoint", "https://login.example.org/tenant1/revoke")
        .containsEntry("introspection_endpoint", "https://login.example.org/tenant1/introspect")
        .containsEntry("jwks_uri", "https://login.example.org/tenant1/jwks.json")
        .containsEntry("code_challenge_methods_supported", List.of("S256", "plain"))
        .containsEntry("scopes_supported", List.of("admin", "email", "profile"));
  }

  @Test
  @DisplayName("dynamic client registration enabled: registration_endpoint is advertised")
  void registrationEndpointWhenEnabled() {
    Map<String, Object> m =
        metadata(
            b ->
                b.dynamicClientRegistration(
                    dev.keyway.registration.InitialAccessTokenVerifier.fixed(
                        dev.keyway.Secret.of("t0k3n"))));
    assertThat(m).containsEntry("registration_endpoint", "https://as.example/api/oauth2/register");
  }

  @Test
  @DisplayName("no scopes configured: scopes_supported is omitted rather than empty")
  void noScopes() {
    assertThat(metadata(b -> b.scopesSupported())).doesNotContainKey("scopes_supported");
  }

  @Test
  @DisplayName("every advertised revocation auth method works at the revocation endpoint")
  void advertisedAuthMethodsWork() {
    Fixture f = Fixture.create();
    Map<String, Object> m = json(f.server.metadata());
    @SuppressWarnings("unchecked")
    List<String> advertised = (List<String>) m.get("revocation_endpoint_auth_methods_supported");
    String token = f.grant("c1", "alice", "read").accessToken();
    String publicToken = f.grant("p1", "alice", "read").accessToken();

    for (String method : advertised) {
      OAuthResponse r =
          switch (method) {
            case "client_secret_basic" -> f.revokeAs("c1", Fixture.C1_SECRET, "token=" + token);
            case "client_secret_post" ->
                f.server.revoke(
                    post(
                        "/r",
                        "token=" + token + "&client_id=c1&client_secret=" + Fixture.C1_SECRET));
            case "none" -> f.server.revoke(post("/r", "token=" + publicToken + "&client_id=p1"));
            case "private_key_jwt" ->
                f.server.revoke(post("/r", "token=unknown-token&" + privateKeyJwt(f)));
            default -> throw new AssertionError("advertised but not tested: " + method);
          };
      assertThat(r.status()).as(method).isEqualTo(200);
    }
    assertThat(advertised).contains("private_key_jwt");
    OAuthResponse jwt =
        f.server.revoke(
            post(
                "/r",
                "token="
                    + token
                    + "&client_id=c1&client_assertion_type="
                    + Fixture.form("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                    + "&client_assertion=a.b.c"));
    assertThat(jwt.status()).isEqualTo(401);
  }

  /**
   * Registers client {@code pk} with a fresh key and returns form parameters authenticating as it.
   */
  private static String privateKeyJwt(Fixture f) {
    com.nimbusds.jose.jwk.JWK key = dev.keyway.jwk.SigningAlgorithm.ES256.generate();
    f.clients.save(
        dev.keyway.spi.client.Client.builder("pk")
            .authMethods(dev.keyway.spi.client.ClientAuthMethod.PRIVATE_KEY_JWT)
            .jwks(new com.nimbusds.jose.jwk.JWKSet(key.toPublicJWK()).toString())
            .build());
    com.nimbusds.jwt.JWTClaimsSet claims =
        new com.nimbusds.jwt.JWTClaimsSet.Builder()
            .issuer("pk")
            .subject("pk")
            .audience(Fixture.ISSUER)
            .jwtID("j1")
            .expirationTime(java.util.Date.from(f.clock.instant().plusSeconds(60)))
            .build();
    String assertion =
        dev.keyway.jwtfixtures.JwtFixtures.sign(
            key, com.nimbusds.jose.JWSAlgorithm.ES256, null, key.getKeyID(), claims);
    return "client_assertion_type="
        + Fixture.form("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        + "&client_assertion="
        + assertion;
  }
}
