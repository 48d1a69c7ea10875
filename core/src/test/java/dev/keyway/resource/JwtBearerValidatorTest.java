package dev.keyway.resource;

import static dev.keyway.jwtfixtures.JwtFixtures.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.keyway.OAuthResponse;
import dev.keyway.jwk.RotatingSigningKeys;
import dev.keyway.jwk.SigningAlgorithm;
import dev.keyway.jwk.SigningKey;
import dev.keyway.jwk.VerificationKeys;
import dev.keyway.jwtfixtures.JwtFixtures;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.testing.MutableClock;
import dev.keyway.token.AccessTokenClaims;
import dev.keyway.token.JwtTokenIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Offline validation of RFC 9068 JWT access tokens by a resource server. */
class JwtBearerValidatorTest {

  private static final String API = "https://api.example";

  private final MutableClock clock = MutableClock.start();
  private final RotatingSigningKeys keys =
      RotatingSigningKeys.builder(SigningAlgorithm.ES256).clock(clock).build();
  private final JwtTokenIssuer issuer = new JwtTokenIssuer(keys, ISSUER, List.of(API));
  private final JwtBearerValidator validator =
      JwtBearerValidator.builder()
          .issuer(ISSUER)
          .audience(API)
          .keys(VerificationKeys.of(keys))
          .clock(clock)
          .clockSkew(Duration.ofSeconds(60))
          .build();

  private String token(String... scopes) {
    return token(Duration.ofMinutes(10), scopes);
  }

  private String token(Duration ttl, String... scopes) {
    Instant now = clock.instant();
    return issuer
        .issueAccessToken(
            new AccessTokenClaims(ISSUER, "alice", "c1", Set.of(scopes), now, now.plus(ttl), null))
        .value()
        .reveal();
  }

  /** A token signed by the current key with hand-written claims. */
  private String signed(String typ, Map<String, Object> claims) {
    return keys.signingKey()
        .sign(typ, JSONObjectUtils.toJSONString(claims), clock.instant().plusSeconds(600));
  }

  private Map<String, Object> claims() {
    long now = clock.instant().getEpochSecond();
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("iss", ISSUER);
    c.put("sub", "alice");
    c.put("aud", API);
    c.put("exp", now + 600);
    c.put("iat", now);
    c.put("jti", "j");
    c.put("client_id", "c1");
    c.put("scope", "read");
    return c;
  }

  private Map<String, Object> claims(String name, Object value) {
    Map<String, Object> c = claims();
    if (value == null) {
      c.remove(name);
    } else {
      c.put(name, value);
    }
    return c;
  }

  private BearerResult validate(String token, String... scopes) {
    return validator.validate(
        OAuthRequest.builder("GET").header("Authorization", "Bearer " + token).build(),
        Set.of(scopes));
  }

  private static void assertInvalidToken(BearerResult result) {
    assertThat(result)
        .isInstanceOfSatisfying(
            BearerResult.Rejected.class,
            r -> {
              assertThat(r.response().status()).isEqualTo(401);
              assertThat(r.response().header("WWW-Authenticate"))
                  .isEqualTo("Bearer realm=\"api.example\", error=\"invalid_token\"");
            });
  }

  private static TokenPrincipal assertValid(BearerResult result) {
    assertThat(result).isInstanceOf(BearerResult.Valid.class);
    return ((BearerResult.Valid) result).principal();
  }

  @Test
  void aValidTokenGivesItsPrincipal() {
    TokenPrincipal p = assertValid(validate(token("read", "write"), "read"));
    assertThat(p.subject()).isEqualTo("alice");
    assertThat(p.clientId()).isEqualTo("c1");
    assertThat(p.scopes()).containsExactlyInAnyOrder("read", "write");
    assertThat(p.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
  }

  @Test
  @DisplayName("BR-03: a missing scope is 403 insufficient_scope naming the required scopes")
  void insufficientScope() {
    BearerResult result = validate(token("read"), "write", "read");
    assertThat(result)
        .isInstanceOfSatisfying(
            BearerResult.Rejected.class,
            r -> {
              assertThat(r.response().status()).isEqualTo(403);
              assertThat(r.response().header("WWW-Authenticate"))
                  .isEqualTo(
                      "Bearer realm=\"api.example\", error=\"insufficient_scope\", scope=\"read write\"");
            });
  }

  @Test
  @DisplayName("BR-01/BR-05: no Authorization header is a bare challenge; a query token is ignored")
  void noCredentials() {
    OAuthResponse r =
        ((BearerResult.Rejected)
                validator.validate(
                    OAuthRequest.builder("GET").rawQuery("access_token=" + token("read")).build(),
                    Set.of()))
            .response();
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"api.example\"");
  }

  @Test
  @DisplayName("Tampered header, payload or signature is invalid_token")
  void tampered() {
    String jwt = token("read");
    String header = JwtFixtures.headerJson(jwt);
    assertInvalidToken(
        validate(JwtFixtures.withHeader(jwt, header.replace("\"at+jwt\"", "\"at+jwt\",\"x\":1"))));
    assertInvalidToken(
        validate(
            JwtFixtures.withPayload(
                jwt, JwtFixtures.payloadJson(jwt).replace("\"read\"", "\"read admin\""))));
    assertInvalidToken(validate(JwtFixtures.withFlippedSignatureBit(jwt)));
    assertValid(validate(jwt));
  }

  @Test
  @DisplayName("alg none and HS256 keyed with the public key are invalid_token")
  void forgedAlgorithms() {
    JWK pub = keys.verificationKeys().get(0);
    String kid = pub.getKeyID();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject("alice")
            .audience(API)
            .expirationTime(Date.from(clock.instant().plusSeconds(600)))
            .claim("client_id", "c1")
            .claim("scope", "read")
            .build();
    assertInvalidToken(
        validate(
            JwtFixtures.unsigned(
                "{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}", claims)));
    assertInvalidToken(validate(JwtFixtures.hmacWithPublicKey(pub, kid, claims)));
  }

  @Test
  @DisplayName("RFC 9068 §4: wrong typ, issuer or audience is invalid_token")
  void wrongTypIssuerAudience() {
    assertInvalidToken(validate(signed("JWT", claims())));
    assertInvalidToken(validate(signed("at+jwt", claims("iss", "https://evil.example"))));
    assertInvalidToken(validate(signed("at+jwt", claims("aud", "https://other.example"))));
    assertInvalidToken(
        validate(
            signed(
                "at+jwt", claims("aud", List.of("https://other.example", "https://x.example")))));
    assertValid(validate(signed("at+jwt", claims("aud", List.of("https://other.example", API)))));
    assertValid(validate(signed("application/at+jwt", claims())));
  }

  @Test
  void requiredClaimsMustBePresent() {
    for (String claim : List.of("iss", "sub", "aud", "exp", "client_id")) {
      assertInvalidToken(validate(signed("at+jwt", claims(claim, null))));
    }
    assertValid(validate(signed("at+jwt", claims("jti", null))));
  }

  @Test
  @DisplayName("exp and nbf are checked with the configured clock skew")
  void expiryAndNotBefore() {
    String jwt = token("read"); // expires in 10 min
    clock.advance(Duration.ofMinutes(10).plusSeconds(59));
    assertValid(validate(jwt));
    clock.advance(Duration.ofSeconds(1));
    assertInvalidToken(validate(jwt));

    long now = clock.instant().getEpochSecond();
    assertInvalidToken(validate(signed("at+jwt", claims("nbf", now + 61))));
    assertValid(validate(signed("at+jwt", claims("nbf", now + 59))));
    assertInvalidToken(validate(signed("at+jwt", claims("iat", now + 120))));
  }

  @Test
  @DisplayName("Rotation: a token signed by the previous key validates while that key is published")
  void previousKeyStillValidates() {
    String previousKid = keys.signingKey().keyId();
    String old = token(Duration.ofHours(2), "read");
    SigningKey next = keys.rotate();
    clock.advance(Duration.ofHours(1)); // the announced key now signs
    String fresh = token("read");

    assertThat(JwtFixtures.headerJson(old)).contains(previousKid);
    assertThat(JwtFixtures.headerJson(fresh)).contains(next.keyId());
    assertValid(validate(old));
    assertValid(validate(fresh));
  }

  @Test
  void aTokenFromAnUnknownKeyIsInvalid() {
    JWK stranger = SigningAlgorithm.ES256.generate();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject("alice")
            .audience(API)
            .expirationTime(Date.from(clock.instant().plusSeconds(600)))
            .claim("client_id", "c1")
            .build();
    assertInvalidToken(
        validate(
            JwtFixtures.sign(stranger, JWSAlgorithm.ES256, "at+jwt", stranger.getKeyID(), claims)));
    assertInvalidToken(
        validate(
            JwtFixtures.sign(
                stranger, JWSAlgorithm.ES256, "at+jwt", keys.signingKey().keyId(), claims)));
  }

  @Test
  @DisplayName("A key embedded in the header (jwk) is never trusted, even under a published kid")
  void embeddedHeaderKeyIsIgnored() throws Exception {
    JWK attacker = SigningAlgorithm.ES256.generate();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject("alice")
            .audience(API)
            .expirationTime(Date.from(clock.instant().plusSeconds(600)))
            .claim("client_id", "c1")
            .build();
    com.nimbusds.jwt.SignedJWT jwt =
        new com.nimbusds.jwt.SignedJWT(
            new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new com.nimbusds.jose.JOSEObjectType("at+jwt"))
                .keyID(keys.signingKey().keyId())
                .jwk(attacker.toPublicJWK())
                .build(),
            claims);
    jwt.sign(JwtFixtures.signer(attacker));
    assertInvalidToken(validate(jwt.serialize()));
  }

  @Test
  void builderRefusesIncompleteOrUnsafeSettings() {
    assertThatThrownBy(() -> JwtBearerValidator.builder().issuer(ISSUER).audience(API).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                JwtBearerValidator.builder()
                    .issuer(ISSUER)
                    .audience(API)
                    .keys(VerificationKeys.of(keys))
                    .clockSkew(Duration.ofMinutes(10))
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                JwtBearerValidator.builder()
                    .issuer(ISSUER)
                    .audience(API)
                    .keys(VerificationKeys.of(keys))
                    .algorithms(Set.of(JWSAlgorithm.HS256))
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
