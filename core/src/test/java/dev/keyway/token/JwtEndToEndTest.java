package dev.keyway.token;

import static dev.keyway.endpointtest.Fixture.ISSUER;
import static dev.keyway.endpointtest.Fixture.json;
import static dev.keyway.endpointtest.Fixture.post;
import static dev.keyway.endpointtest.Fixture.resourceRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.keyway.OAuthResponse;
import dev.keyway.client.ClientAssertionVerifier;
import dev.keyway.endpointtest.Fixture;
import dev.keyway.jwk.RotatingSigningKeys;
import dev.keyway.jwk.SigningAlgorithm;
import dev.keyway.jwk.VerificationKeys;
import dev.keyway.jwtfixtures.JwtFixtures;
import dev.keyway.resource.BearerResult;
import dev.keyway.resource.JwtBearerValidator;
import dev.keyway.resource.TokenPrincipal;
import dev.keyway.spi.GrantType;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientAuthMethod;
import dev.keyway.spi.token.AccessTokenFormat;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The whole path through the token endpoint: a service authenticates with private_key_jwt, gets a
 * JWT access token, a resource server elsewhere validates it with the published JWK set, and after
 * revocation introspection says inactive (while the offline validator, by design, still accepts
 * it).
 */
class JwtEndToEndTest {

  private static final JWK CLIENT_KEY = SigningAlgorithm.ES256.generate();

  private final RotatingSigningKeys keys =
      RotatingSigningKeys.builder(SigningAlgorithm.EDDSA).build();
  private final Fixture f =
      Fixture.create(
          b ->
              b.signingKeys(keys)
                  .accessTokenFormat(AccessTokenFormat.JWT)
                  .accessTokenAudience("https://api.example"));

  private String clientAssertion() {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("svc")
            .subject("svc")
            .audience(ISSUER + "/api/oauth2/token")
            .jwtID(UUID.randomUUID().toString())
            .expirationTime(Date.from(f.clock.instant().plusSeconds(60)))
            .build();
    return JwtFixtures.sign(CLIENT_KEY, JWSAlgorithm.ES256, null, CLIENT_KEY.getKeyID(), claims);
  }

  private OAuthResponse tokenRequest(String assertion) {
    return f.server.token(
        post(
            "/api/oauth2/token",
            "grant_type=client_credentials&scope=read"
                + "&client_assertion_type="
                + Fixture.form(ClientAssertionVerifier.JWT_BEARER)
                + "&client_assertion="
                + assertion));
  }

  @Test
  @DisplayName(
      "private_key_jwt -> JWT access token -> offline validation; revoked -> introspection inactive")
  void wholePath() throws Exception {
    f.clients.save(
        Client.builder("svc")
            .authMethods(ClientAuthMethod.PRIVATE_KEY_JWT)
            .grantTypes(GrantType.CLIENT_CREDENTIALS)
            .allowedScopes("read", "write")
            .jwks(new JWKSet(CLIENT_KEY.toPublicJWK()).toString())
            .build());

    String assertion = clientAssertion();
    OAuthResponse issued = tokenRequest(assertion);
    assertThat(issued.status()).isEqualTo(200);
    Map<String, Object> body = json(issued);
    String jwt = (String) body.get("access_token");
    assertThat(body).containsEntry("token_type", "Bearer");
    SignedJWT parsed = SignedJWT.parse(jwt);
    assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
    assertThat(parsed.getHeader().getType().getType()).isEqualTo("at+jwt");
    assertThat(parsed.getJWTClaimsSet().getAudience()).containsExactly("https://api.example");
    assertThat(parsed.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo("svc");

    // the same assertion again is a replay
    assertThat(tokenRequest(assertion).status()).isEqualTo(401);

    // a resource server elsewhere, with only the published JWK set
    JwtBearerValidator offline =
        JwtBearerValidator.builder()
            .issuer(ISSUER)
            .audience("https://api.example")
            .keys(VerificationKeys.parse(f.server.jwks().body()))
            .clock(f.clock)
            .build();
    BearerResult result = offline.validate(resourceRequest("Bearer " + jwt), Set.of("read"));
    assertThat(result)
        .isInstanceOfSatisfying(
            BearerResult.Valid.class,
            v -> {
              TokenPrincipal p = v.principal();
              assertThat(p.subject()).isEqualTo("svc");
              assertThat(p.scopes()).containsExactly("read");
            });

    // revoked at the server: introspection and the in-process validator see it at once...
    assertThat(f.isActive(jwt)).isTrue();
    assertThat(
            f.server
                .revoke(
                    post(
                        "/api/oauth2/revoke",
                        "token="
                            + jwt
                            + "&client_assertion_type="
                            + Fixture.form(ClientAssertionVerifier.JWT_BEARER)
                            + "&client_assertion="
                            + clientAssertion()))
                .status())
        .isEqualTo(200);
    assertThat(f.isActive(jwt)).isFalse();
    assertThat(f.server.bearerTokens().validate(resourceRequest("Bearer " + jwt), Set.of()))
        .isInstanceOf(BearerResult.Rejected.class);
    // ...an offline validator cannot, until the token expires (docs/tokens.md)
    assertThat(offline.validate(resourceRequest("Bearer " + jwt), Set.of()))
        .isInstanceOf(BearerResult.Valid.class);
  }
}
