package dev.keyway.client;

import static dev.keyway.endpointtest.Fixture.json;
import static dev.keyway.endpointtest.Fixture.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.keyway.OAuthResponse;
import dev.keyway.endpointtest.Fixture;
import dev.keyway.jwk.SigningAlgorithm;
import dev.keyway.jwtfixtures.JwtFixtures;
import dev.keyway.spi.TokenHash;
import dev.keyway.spi.client.AssertionReplayStore;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientAuthMethod;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** private_key_jwt at the endpoints: replay across the HTTP surface, and a failing replay store. */
class PrivateKeyJwtEndpointTest {

  private static final JWK KEY = SigningAlgorithm.ES256.generate();

  private static void register(Fixture f) {
    f.clients.save(
        Client.builder("pk")
            .authMethods(ClientAuthMethod.PRIVATE_KEY_JWT)
            .jwks(new JWKSet(KEY.toPublicJWK()).toString())
            .build());
  }

  private static String assertionBody(Fixture f, String jti) {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("pk")
            .subject("pk")
            .audience(Fixture.ISSUER + "/api/oauth2/token")
            .jwtID(jti)
            .expirationTime(Date.from(f.clock.instant().plusSeconds(60)))
            .build();
    return "token=unknown-token&client_assertion_type="
        + Fixture.form(ClientAssertionVerifier.JWT_BEARER)
        + "&client_assertion="
        + JwtFixtures.sign(KEY, JWSAlgorithm.ES256, null, KEY.getKeyID(), claims);
  }

  @Test
  @DisplayName(
      "RFC 7523 §3: the same assertion twice at the revocation endpoint: 200, then 401 invalid_client")
  void replayAtTheEndpoint() {
    Fixture f = Fixture.create();
    register(f);
    String body = assertionBody(f, "j-1");

    assertThat(f.server.revoke(post("/api/oauth2/revoke", body)).status()).isEqualTo(200);
    OAuthResponse replay = f.server.revoke(post("/api/oauth2/revoke", body));
    assertThat(replay.status()).isEqualTo(401);
    assertThat(json(replay)).containsEntry("error", "invalid_client");
    assertThat(replay.header("WWW-Authenticate")).isNull();
  }

  @Test
  @DisplayName("RL: a failing replay store answers 500 server_error and authenticates nobody")
  void failingReplayStoreIsServerError() {
    AtomicInteger calls = new AtomicInteger();
    AssertionReplayStore failing =
        new AssertionReplayStore() {
          @Override
          public boolean markUsed(
              TokenHash jtiHash, String clientId, Instant expiresAt, Instant now) {
            calls.incrementAndGet();
            throw new IllegalStateException("database down");
          }

          @Override
          public int purgeExpired(Instant before) {
            return 0;
          }
        };
    Fixture f = Fixture.create(b -> b.assertionReplays(failing));
    register(f);

    OAuthResponse r = f.server.revoke(post("/api/oauth2/revoke", assertionBody(f, "j-2")));

    assertThat(calls).hasValue(1);
    assertThat(r.status()).isEqualTo(500);
    assertThat(json(r)).containsEntry("error", "server_error");
    assertThat(r.body()).doesNotContain("database down");
  }
}
