package dev.keyway.client;

import static dev.keyway.jwtfixtures.JwtFixtures.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.keyway.ErrorCode;
import dev.keyway.OAuthError;
import dev.keyway.event.SecurityEvent;
import dev.keyway.internal.Parameters;
import dev.keyway.jwk.SigningAlgorithm;
import dev.keyway.jwtfixtures.JwtFixtures;
import dev.keyway.spi.GrantType;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientAuthMethod;
import dev.keyway.spi.client.ClientSecret;
import dev.keyway.store.memory.InMemoryClientStore;
import dev.keyway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * private_key_jwt client authentication (RFC 7523 §2.2, §3; RFC 7521 §4.2) through
 * ClientAuthenticator.
 */
class PrivateKeyJwtTest {

  private static final String TOKEN_ENDPOINT = ISSUER + "/api/oauth2/token";

  private final MutableClock clock = MutableClock.start();
  private final InMemoryClientStore clients = new InMemoryClientStore();
  private final List<SecurityEvent> events = new ArrayList<>();
  private final ClientAuthenticator authenticator =
      JwtFixtures.authenticator(clock, clients, events::add);
  private static final JWK RSA = SigningAlgorithm.RS256.generate();
  private final JWK key = register("svc", RSA);

  private JWK register(String clientId, SigningAlgorithm alg) {
    return register(clientId, alg.generate());
  }

  private JWK register(String clientId, JWK k) {
    clients.save(
        Client.builder(clientId)
            .authMethods(ClientAuthMethod.PRIVATE_KEY_JWT)
            .grantTypes(GrantType.CLIENT_CREDENTIALS)
            .jwks(new JWKSet(k.toPublicJWK()).toString())
            .build());
    return k;
  }

  private JWTClaimsSet.Builder claims(String clientId) {
    Instant now = clock.instant();
    return new JWTClaimsSet.Builder()
        .issuer(clientId)
        .subject(clientId)
        .audience(TOKEN_ENDPOINT)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(120)))
        .jwtID(UUID.randomUUID().toString());
  }

  private String assertion(JWK signingKey, JWTClaimsSet claims) {
    JWSAlgorithm alg =
        SigningAlgorithm.fromJwsName(signingKey.getAlgorithm().getName())
            .orElseThrow()
            .jwsAlgorithm();
    return JwtFixtures.sign(signingKey, alg, null, signingKey.getKeyID(), claims);
  }

  private ClientAuthentication authenticate(String assertion) {
    return authenticate(bearerParams(assertion), OAuthRequest.builder("POST"));
  }

  private static Map<String, List<String>> bearerParams(String assertion) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("grant_type", List.of("client_credentials"));
    params.put("client_assertion_type", List.of(ClientAssertionVerifier.JWT_BEARER));
    params.put("client_assertion", List.of(assertion));
    return params;
  }

  private ClientAuthentication authenticate(
      Map<String, List<String>> params, OAuthRequest.Builder request) {
    return authenticator.authenticate(request.build(), Parameters.of(params));
  }

  private void assertInvalidClient(ClientAuthentication result, String reason) {
    assertThat(result).isInstanceOf(ClientAuthentication.Failed.class);
    OAuthError error = ((ClientAuthentication.Failed) result).error();
    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_CLIENT);
    assertThat(error.status()).isEqualTo(401);
    assertThat(error.challenge()).isEmpty();
    assertThat(error.description()).isEqualTo("Client authentication failed");
    assertThat(events)
        .last()
        .isInstanceOfSatisfying(
            SecurityEvent.ClientAuthenticationFailed.class,
            e -> assertThat(e.reason()).contains(reason));
  }

  private void assertAuthenticated(ClientAuthentication result, String clientId) {
    assertThat(result)
        .isInstanceOfSatisfying(
            ClientAuthentication.Authenticated.class,
            a -> {
              assertThat(a.client().clientId()).isEqualTo(clientId);
              assertThat(a.method()).isEqualTo(ClientAuthMethod.PRIVATE_KEY_JWT);
            });
  }

  @ParameterizedTest
  @EnumSource(SigningAlgorithm.class)
  @DisplayName("RFC 7523 §3: a valid assertion authenticates the client, for each algorithm")
  void validAssertionAuthenticates(SigningAlgorithm alg) {
    JWK k = register("svc-" + alg, alg);
    assertAuthenticated(authenticate(assertion(k, claims("svc-" + alg).build())), "svc-" + alg);
  }

  @Test
  void audienceMayBeTheIssuerAndClientIdMayAccompanyTheAssertion() {
    assertAuthenticated(
        authenticate(
            assertion(key, claims("svc").audience(List.of("https://x.example", ISSUER)).build())),
        "svc");
    Map<String, List<String>> params = bearerParams(assertion(key, claims("svc").build()));
    params.put("client_id", List.of("svc"));
    assertAuthenticated(authenticate(params, OAuthRequest.builder("POST")), "svc");
  }

  @Test
  @DisplayName("RFC 7523 §3 item 7: a replayed jti is refused")
  void replayedJtiIsRefused() {
    String assertion = assertion(key, claims("svc").build());
    assertAuthenticated(authenticate(assertion), "svc");
    clock.advance(Duration.ofSeconds(10));
    assertInvalidClient(authenticate(assertion), "already used");
  }

  @Test
  void aRefusedAssertionDoesNotBurnItsJti() {
    JWTClaimsSet claims = claims("svc").build();
    JWK stranger = SigningAlgorithm.RS256.generate();
    assertInvalidClient(authenticate(assertion(stranger, claims)), "unknown key");
    assertAuthenticated(authenticate(assertion(key, claims)), "svc");
  }

  @Test
  @DisplayName("RFC 7523 §3 item 3: an audience that is not this server is refused")
  void wrongAudienceIsRefused() {
    assertInvalidClient(
        authenticate(assertion(key, claims("svc").audience("https://other.example/token").build())),
        "audience");
    assertInvalidClient(
        authenticate(assertion(key, claims("svc").audience(List.of()).build())), "audience");
  }

  @Test
  @DisplayName("RFC 7523 §3 item 4: exp is required, not past, and at most 5 minutes ahead")
  void expiryRules() {
    Instant now = clock.instant();
    assertInvalidClient(
        authenticate(
            assertion(key, claims("svc").expirationTime(Date.from(now.minusSeconds(61))).build())),
        "expired");
    assertInvalidClient(
        authenticate(assertion(key, claims("svc").expirationTime(null).build())), "no exp");
    assertInvalidClient(
        authenticate(
            assertion(key, claims("svc").expirationTime(Date.from(now.plusSeconds(3600))).build())),
        "too far");
    assertInvalidClient(
        authenticate(
            assertion(key, claims("svc").notBeforeTime(Date.from(now.plusSeconds(120))).build())),
        "not valid yet");
    // within the 60 s clock skew
    assertAuthenticated(
        authenticate(
            assertion(key, claims("svc").expirationTime(Date.from(now.minusSeconds(30))).build())),
        "svc");
  }

  @Test
  void jtiIsRequired() {
    assertInvalidClient(authenticate(assertion(key, claims("svc").jwtID(null).build())), "jti");
    assertInvalidClient(
        authenticate(assertion(key, claims("svc").jwtID("x".repeat(300)).build())), "jti");
  }

  @Test
  @DisplayName(
      "An assertion signed by a key the client did not register is refused, with or without kid")
  void unknownKeyIsRefused() {
    JWK stranger = SigningAlgorithm.RS256.generate();
    assertInvalidClient(authenticate(assertion(stranger, claims("svc").build())), "unknown key");
    String noKid =
        JwtFixtures.sign(stranger, JWSAlgorithm.RS256, null, null, claims("svc").build());
    assertInvalidClient(authenticate(noKid), "signature");
    String ownKid =
        JwtFixtures.sign(stranger, JWSAlgorithm.RS256, null, key.getKeyID(), claims("svc").build());
    assertInvalidClient(authenticate(ownKid), "signature");
  }

  @Test
  @DisplayName(
      "Algorithm confusion: HS256 keyed with the client's public key is refused; so is alg none")
  void algorithmConfusionAndNoneAreRefused() {
    assertInvalidClient(
        authenticate(JwtFixtures.hmacWithPublicKey(key, key.getKeyID(), claims("svc").build())),
        "algorithm");
    assertInvalidClient(
        authenticate(JwtFixtures.hmacWithPublicKey(key, null, claims("svc").build())), "algorithm");
    assertInvalidClient(
        authenticate(JwtFixtures.unsigned("{\"alg\":\"none\"}", claims("svc").build())),
        "not a signed JWT");
  }

  @Test
  void identityMismatchesAreRefused() {
    assertInvalidClient(
        authenticate(assertion(key, claims("svc").subject("other").build())), "iss and sub");
    Map<String, List<String>> params = bearerParams(assertion(key, claims("svc").build()));
    params.put("client_id", List.of("other"));
    assertInvalidClient(
        authenticate(params, OAuthRequest.builder("POST")), "client_id does not match");
    assertInvalidClient(authenticate(assertion(key, claims("nobody").build())), "unknown client");
  }

  @Test
  void aClientNotRegisteredForPrivateKeyJwtIsRefused() {
    JWK k = SigningAlgorithm.ES256.generate();
    clients.save(
        Client.builder("secret-client")
            .secret(new ClientSecret(new Sha256SecretHasher().hash("s"), Instant.EPOCH, null))
            .jwks(new JWKSet(k.toPublicJWK()).toString())
            .build());
    assertInvalidClient(
        authenticate(assertion(k, claims("secret-client").build())), "not registered");
  }

  @Test
  void wrongAssertionTypeOrGarbageIsRefused() {
    Map<String, List<String>> params = bearerParams(assertion(key, claims("svc").build()));
    params.put(
        "client_assertion_type",
        List.of("urn:ietf:params:oauth:client-assertion-type:saml2-bearer"));
    assertInvalidClient(
        authenticate(params, OAuthRequest.builder("POST")), "client_assertion_type");
    assertInvalidClient(authenticate("garbage"), "not a signed JWT");
    assertInvalidClient(authenticate("a".repeat(9000)), "too large");
  }

  @Test
  @DisplayName("CA-02: an assertion together with Basic credentials is invalid_request")
  void assertionPlusBasicIsTwoMethods() {
    OAuthRequest.Builder request =
        OAuthRequest.builder("POST").header("Authorization", "Basic c3ZjOnM=");
    ClientAuthentication result =
        authenticate(bearerParams(assertion(key, claims("svc").build())), request);
    assertThat(result)
        .isInstanceOfSatisfying(
            ClientAuthentication.Failed.class,
            f -> assertThat(f.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST));
  }
}
