package dev.keyway.jwk;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.keyway.AuthorizationServer;
import dev.keyway.OAuthResponse;
import dev.keyway.jwtfixtures.JwtFixtures;
import dev.keyway.testing.MutableClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JwksEndpointTest {

  private static final List<String> PRIVATE = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

  private static List<Map<String, Object>> keysOf(OAuthResponse response) throws Exception {
    return List.of(
        JSONObjectUtils.getJSONObjectArray(JSONObjectUtils.parse(response.body()), "keys"));
  }

  @Test
  @DisplayName(
      "JWKS: no private parameter (d, p, q, dp, dq, qi, k) is ever serialised, for every key type")
  void noPrivateParameterIsEverSerialised() throws Exception {
    // private keys of every type, RSA with its CRT parameters (p, q, dp, dq, qi)
    List<JWK> privateKeys =
        List.of(
            SigningAlgorithm.RS256.generate(),
            SigningAlgorithm.ES256.generate(),
            SigningAlgorithm.EDDSA.generate());
    OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).keyID("hmac").generate();
    List<JWK> withSecret = new java.util.ArrayList<>(privateKeys);
    withSecret.add(secret);
    SigningKeys leaky = new SigningKeys() { // a careless implementation that returns private keys
          @Override
          public SigningKey signingKey() {
            return SigningKey.of(privateKeys.get(0));
          }

          @Override
          public List<JWK> verificationKeys() {
            return withSecret;
          }
        };

    for (SigningKeys keys : List.of(JwkSetSigningKeys.of(privateKeys, null), leaky)) {
      OAuthResponse response = new JwksEndpoint(keys).handle();
      assertThat(response.status()).isEqualTo(200);
      List<Map<String, Object>> published = keysOf(response);
      assertThat(published).hasSize(3);
      for (Map<String, Object> key : published) {
        assertThat(key)
            .doesNotContainKeys(PRIVATE.toArray(String[]::new))
            .containsKeys("kid", "kty", "alg");
      }
      for (JWK k : privateKeys) {
        assertThat(response.body()).doesNotContain(k.toJSONObject().get("d").toString());
      }
      assertThat(response.body())
          .doesNotContain(secret.getKeyValue().toString())
          .doesNotContain("hmac");
      assertThat(JWKSet.parse(response.body()).getKeys()).noneMatch(JWK::isPrivate);
    }
  }

  @Test
  void responseIsCacheableBrieflyAndTracksRotation() {
    MutableClock clock = MutableClock.start();
    RotatingSigningKeys keys =
        RotatingSigningKeys.builder(SigningAlgorithm.ES256).clock(clock).build();
    JwksEndpoint endpoint = new JwksEndpoint(keys);

    OAuthResponse first = endpoint.handle();
    assertThat(first.header("Cache-Control")).isEqualTo("public, max-age=300");
    assertThat(first.header("Content-Type")).startsWith("application/json");
    assertThat(first.header("Pragma")).isNull();
    assertThat(first.body()).contains(keys.signingKey().keyId());

    SigningKey next = keys.rotate();
    assertThat(endpoint.handle().body()).contains(next.keyId());
  }

  @Test
  void keysThatCannotBeReadAnswer500WithoutDetail() {
    SigningKeys broken =
        new SigningKeys() {
          @Override
          public SigningKey signingKey() {
            throw new IllegalStateException("vault unreachable");
          }

          @Override
          public List<JWK> verificationKeys() {
            throw new IllegalStateException("vault unreachable");
          }
        };
    OAuthResponse response = new JwksEndpoint(broken).handle();
    assertThat(response.status()).isEqualTo(500);
    assertThat(response.body()).contains("server_error").doesNotContain("vault");
  }

  @Test
  void serverWithoutSigningKeysAnswers404AndHasNoJwksUri() {
    AuthorizationServer server =
        AuthorizationServer.builder()
            .issuer(JwtFixtures.ISSUER)
            .users(JwtFixtures.noUsers())
            .build();
    assertThat(server.jwks().status()).isEqualTo(404);
    assertThat(server.settings().jwksUri()).isNull();
  }

  @Test
  void serverWithSigningKeysPublishesThemAtOauth2Jwks() throws Exception {
    JWK rsa = new RSAKeyGenerator(2048).keyID("r1").generate();
    AuthorizationServer server =
        AuthorizationServer.builder()
            .issuer(JwtFixtures.ISSUER)
            .users(JwtFixtures.noUsers())
            .signingKeys(JwkSetSigningKeys.of(List.of(rsa), null))
            .build();
    assertThat(server.settings().jwksUri()).hasToString("https://as.example/oauth2/jwks");
    OAuthResponse response = server.jwks();
    assertThat(response.status()).isEqualTo(200);
    assertThat(keysOf(response))
        .singleElement()
        .satisfies(
            k ->
                assertThat(k)
                    .containsEntry("kid", "r1")
                    .containsEntry("alg", "RS256")
                    .containsEntry("use", "sig")
                    .doesNotContainKeys(PRIVATE.toArray(String[]::new)));
  }
}
