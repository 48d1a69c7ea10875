package dev.keyway.client;

import static dev.keyway.jwtfixtures.JwtFixtures.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.keyway.event.SecurityEvent;
import dev.keyway.internal.Parameters;
import dev.keyway.jwk.SigningAlgorithm;
import dev.keyway.jwtfixtures.JwtFixtures;
import dev.keyway.spi.GrantType;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientAuthMethod;
import dev.keyway.store.memory.InMemoryClientStore;
import dev.keyway.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** private_key_jwt at its limits: assertion size, jti length, clients without usable keys. */
class PrivateKeyJwtEdgesTest {

  private static final JWK RSA = SigningAlgorithm.RS256.generate();

  private final MutableClock clock = MutableClock.start();
  private final InMemoryClientStore clients = new InMemoryClientStore();
  private final List<SecurityEvent> events = new ArrayList<>();
  private final ClientAuthenticator authenticator =
      JwtFixtures.authenticator(clock, clients, events::add);

  private void register(String clientId, String jwks) {
    clients.save(
        Client.builder(clientId)
            .authMethods(ClientAuthMethod.PRIVATE_KEY_JWT)
            .grantTypes(GrantType.CLIENT_CREDENTIALS)
            .jwks(jwks)
            .build());
  }

  private JWTClaimsSet.Builder claims(String clientId, String jti) {
    Instant now = clock.instant();
    return new JWTClaimsSet.Builder()
        .issuer(clientId)
        .subject(clientId)
        .audience(ISSUER + "/api/oauth2/token")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(120)))
        .jwtID(jti);
  }

  private String sign(JWTClaimsSet claims) {
    return JwtFixtures.sign(RSA, JWSAlgorithm.RS256, null, RSA.getKeyID(), claims);
  }

  private ClientAuthentication authenticate(String assertion) {
    return authenticator.authenticate(
        OAuthRequest.builder("POST").build(),
        Parameters.of(
            Map.of(
                "client_assertion_type", List.of(ClientAssertionVerifier.JWT_BEARER),
                "client_assertion", List.of(assertion))));
  }

  private String lastFailure() {
    return ((SecurityEvent.ClientAuthenticationFailed) events.get(events.size() - 1)).reason();
  }

  /** A valid assertion padded with a private claim to exactly {@code length} characters. */
  private String assertionOfLength(int length, String jti) {
    for (int pad = 0; pad < length; pad++) {
      String jws = sign(claims("svc", jti).claim("pad", "p".repeat(pad)).build());
      if (jws.length() == length) {
        return jws;
      }
      if (jws.length() > length) {
        break;
      }
    }
    for (int pad = 0; pad < length; pad++) { // a payload length that base64 skips: vary the jti
      String jws = sign(claims("svc", jti + "x").claim("pad", "p".repeat(pad)).build());
      if (jws.length() == length) {
        return jws;
      }
    }
    throw new AssertionError("no assertion of length " + length);
  }

  @Test
  @DisplayName("CA-01 an assertion of exactly the size limit is read; one character more is not")
  void assertionSizeLimitIsInclusive() {
    register("svc", new JWKSet(RSA.toPublicJWK()).toString());

    ClientAuthentication atLimit =
        authenticate(assertionOfLength(ClientAssertionVerifier.MAX_ASSERTION_LENGTH, "jti-1"));
    ClientAuthentication overLimit =
        authenticate(assertionOfLength(ClientAssertionVerifier.MAX_ASSERTION_LENGTH + 1, "jti-2"));

    assertThat(atLimit).isInstanceOf(ClientAuthentication.Authenticated.class);
    assertThat(overLimit).isInstanceOf(ClientAuthentication.Failed.class);
    assertThat(lastFailure()).contains("too large");
  }

  @Test
  @DisplayName("RFC 7523 §3 item 7: a jti of the maximum length is accepted; one more is refused")
  void jtiLengthLimitIsInclusive() {
    register("svc", new JWKSet(RSA.toPublicJWK()).toString());
    String longest = "j".repeat(ClientAssertionVerifier.MAX_JTI_LENGTH);

    assertThat(authenticate(sign(claims("svc", longest).build())))
        .isInstanceOf(ClientAuthentication.Authenticated.class);
    assertThat(authenticate(sign(claims("svc", longest + "j").build())))
        .isInstanceOf(ClientAuthentication.Failed.class);
    assertThat(lastFailure()).contains("jti");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "{not json"})
  @DisplayName("CA-01 a client whose JWK set is blank or unparsable cannot authenticate")
  void clientWithoutUsableKeysIsRefused(String jwks) {
    register("svc", jwks);

    ClientAuthentication result = authenticate(sign(claims("svc", "jti-" + jwks.length()).build()));

    assertThat(result).isInstanceOf(ClientAuthentication.Failed.class);
    assertThat(lastFailure()).isEqualTo("client has no usable JWK set");
  }

  @Test
  @DisplayName("CA-01 symmetric keys in a client's JWK set are ignored: an HS256 key cannot sign")
  void symmetricKeysAreIgnored() {
    register("svc", "{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}");

    assertThat(authenticate(sign(claims("svc", "jti-oct").build())))
        .isInstanceOf(ClientAuthentication.Failed.class);
    assertThat(lastFailure()).isEqualTo("client assertion signed by an unknown key");
  }

  @Test
  void aClientWithoutAJwkSetIsRefused() {
    register("svc", null);

    assertThat(authenticate(sign(claims("svc", "jti-null").build())))
        .isInstanceOf(ClientAuthentication.Failed.class);
    assertThat(lastFailure()).isEqualTo("client has no usable JWK set");
  }

  @Test
  @DisplayName("CA-01 after a client replaces its JWK set, its old key no longer authenticates")
  void aReplacedJwkSetIsReadAgain() {
    JWK next = SigningAlgorithm.RS256.generate();
    register("svc", new JWKSet(RSA.toPublicJWK()).toString());
    assertThat(authenticate(sign(claims("svc", "before").build())))
        .isInstanceOf(ClientAuthentication.Authenticated.class);

    register("svc", new JWKSet(next.toPublicJWK()).toString());

    assertThat(authenticate(sign(claims("svc", "old-key").build())))
        .isInstanceOf(ClientAuthentication.Failed.class);
    String withNewKey =
        JwtFixtures.sign(
            next, JWSAlgorithm.RS256, null, next.getKeyID(), claims("svc", "new-key").build());
    assertThat(authenticate(withNewKey)).isInstanceOf(ClientAuthentication.Authenticated.class);
  }
}
