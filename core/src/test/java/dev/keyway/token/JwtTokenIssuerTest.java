package dev.keyway.token;

import static dev.keyway.jwtfixtures.JwtFixtures.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.keyway.internal.Hashing;
import dev.keyway.jwk.JwkSetSigningKeys;
import dev.keyway.jwk.SigningAlgorithm;
import dev.keyway.jwk.SigningKey;
import dev.keyway.jwk.SigningKeys;
import dev.keyway.jwtfixtures.JwtFixtures;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JwtTokenIssuerTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final AccessTokenClaims CLAIMS =
      new AccessTokenClaims(
          ISSUER,
          "alice",
          "c1",
          Set.of("write", "read"),
          NOW,
          NOW.plusSeconds(3600),
          NOW.minusSeconds(30));

  private static JWK privateKey(SigningAlgorithm alg) {
    return alg.generate();
  }

  private static SigningKeys keysOf(JWK... keys) {
    return JwkSetSigningKeys.of(List.of(keys), null);
  }

  private static JwtTokenIssuer issuer(SigningKeys keys) {
    return new JwtTokenIssuer(keys, ISSUER, List.of("https://api.example"));
  }

  @ParameterizedTest
  @EnumSource(SigningAlgorithm.class)
  @DisplayName(
      "RFC 9068 §2: round trip per algorithm; header typ at+jwt with kid, every required claim")
  void roundTripPerAlgorithm(SigningAlgorithm alg) throws Exception {
    SigningKeys keys = keysOf(privateKey(alg));
    JwtTokenIssuer issuer = issuer(keys);

    IssuedToken token = issuer.issueAccessToken(CLAIMS);

    SignedJWT jwt = SignedJWT.parse(token.value().reveal());
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(alg.jwsAlgorithm());
    assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(keys.signingKey().keyId());
    JWK publicKey = keys.verificationKeys().get(0);
    assertThat(jwt.verify(JwtFixtures.signerVerifier(publicKey))).isTrue();
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo(ISSUER);
    assertThat(claims.getSubject()).isEqualTo("alice");
    assertThat(claims.getAudience()).containsExactly("https://api.example");
    assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.plusSeconds(3600)));
    assertThat(claims.getIssueTime()).isEqualTo(Date.from(NOW));
    assertThat(claims.getStringClaim("client_id")).isEqualTo("c1");
    assertThat(claims.getStringClaim("scope")).isEqualTo("read write");
    assertThat(claims.getLongClaim("auth_time")).isEqualTo(NOW.minusSeconds(30).getEpochSecond());
    assertThat(claims.getJWTID()).hasSize(43);
    // the store key is the hash of the jti, and keyOf finds it again
    assertThat(token.hash()).isEqualTo(Hashing.tokenHash(claims.getJWTID()));
    assertThat(issuer.keyOf(token.value().reveal())).contains(token.hash());
  }

  @Test
  void eachTokenHasItsOwnJti() {
    JwtTokenIssuer issuer = issuer(keysOf(privateKey(SigningAlgorithm.ES256)));
    assertThat(issuer.issueAccessToken(CLAIMS).hash())
        .isNotEqualTo(issuer.issueAccessToken(CLAIMS).hash());
  }

  @Test
  void scopeAndAuthTimeAreOmittedWhenAbsentAndSeveralAudiencesAreAnArray() throws Exception {
    SigningKeys keys = keysOf(privateKey(SigningAlgorithm.ES256));
    JwtTokenIssuer issuer =
        new JwtTokenIssuer(keys, ISSUER, List.of("https://a.example", "https://b.example"));
    AccessTokenClaims bare =
        new AccessTokenClaims(ISSUER, "svc", "svc", Set.of(), NOW, NOW.plusSeconds(60), null);

    JWTClaimsSet claims =
        SignedJWT.parse(issuer.issueAccessToken(bare).value().reveal()).getJWTClaimsSet();

    assertThat(claims.getClaims()).doesNotContainKeys("scope", "auth_time");
    assertThat(claims.getAudience()).containsExactly("https://a.example", "https://b.example");
  }

  @Test
  @DisplayName("TK: a tampered header, payload or signature yields no store key")
  void tamperedTokensYieldNoKey() {
    SigningKeys keys = keysOf(privateKey(SigningAlgorithm.RS256));
    JwtTokenIssuer issuer = issuer(keys);
    String jwt = issuer.issueAccessToken(CLAIMS).value().reveal();
    String kid = keys.signingKey().keyId();
    String payload = JwtFixtures.payloadJson(jwt);

    assertThat(
            issuer.keyOf(
                JwtFixtures.withHeader(
                    jwt, "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\",\"x\":1}")))
        .isEmpty();
    assertThat(
            issuer.keyOf(JwtFixtures.withPayload(jwt, payload.replace("\"alice\"", "\"mallory\""))))
        .isEmpty();
    assertThat(issuer.keyOf(JwtFixtures.withFlippedSignatureBit(jwt))).isEmpty();
    assertThat(issuer.keyOf(jwt)).isPresent();
  }

  @Test
  @DisplayName(
      "alg none, HMAC with the public key as secret, wrong typ, wrong iss, unknown kid: no key")
  void forgedTokensYieldNoKey() {
    JWK key = privateKey(SigningAlgorithm.RS256);
    SigningKeys keys = keysOf(key);
    JwtTokenIssuer issuer = issuer(keys);
    String kid = key.getKeyID();
    String jti = "a".repeat(43);
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject("alice")
            .jwtID(jti)
            .expirationTime(Date.from(NOW.plusSeconds(60)))
            .claim("client_id", "c1")
            .build();

    assertThat(
            issuer.keyOf(
                JwtFixtures.unsigned(
                    "{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}", claims)))
        .isEmpty();
    assertThat(issuer.keyOf(JwtFixtures.hmacWithPublicKey(key, kid, claims))).isEmpty();
    // properly signed by the server's own key, but not an access token
    assertThat(issuer.keyOf(JwtFixtures.sign(key, JWSAlgorithm.RS256, "JWT", kid, claims)))
        .isEmpty();
    assertThat(issuer.keyOf(JwtFixtures.sign(key, JWSAlgorithm.RS256, null, kid, claims)))
        .isEmpty();
    // properly signed, right typ, but another issuer
    JWTClaimsSet otherIss = new JWTClaimsSet.Builder(claims).issuer("https://evil.example").build();
    assertThat(issuer.keyOf(JwtFixtures.sign(key, JWSAlgorithm.RS256, "at+jwt", kid, otherIss)))
        .isEmpty();
    // signed by a key the server never published, under the server's kid and under its own
    JWK stranger = privateKey(SigningAlgorithm.RS256);
    assertThat(issuer.keyOf(JwtFixtures.sign(stranger, JWSAlgorithm.RS256, "at+jwt", kid, claims)))
        .isEmpty();
    assertThat(
            issuer.keyOf(
                JwtFixtures.sign(
                    stranger, JWSAlgorithm.RS256, "at+jwt", stranger.getKeyID(), claims)))
        .isEmpty();
    // no kid at all
    assertThat(issuer.keyOf(JwtFixtures.sign(key, JWSAlgorithm.RS256, "at+jwt", null, claims)))
        .isEmpty();
    // the control: the same claims, properly signed, do yield a key
    assertThat(issuer.keyOf(JwtFixtures.sign(key, JWSAlgorithm.RS256, "at+jwt", kid, claims)))
        .contains(Hashing.tokenHash(jti));
  }

  @Test
  void garbageAndMalformedJtiYieldNoKey() {
    JWK key = privateKey(SigningAlgorithm.ES256);
    JwtTokenIssuer issuer = issuer(keysOf(key));
    JWTClaimsSet badJti =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject("alice")
            .jwtID("short")
            .claim("client_id", "c1")
            .build();

    assertThat(issuer.keyOf(null)).isEmpty();
    assertThat(issuer.keyOf("")).isEmpty();
    assertThat(issuer.keyOf("a.b.c")).isEmpty();
    assertThat(issuer.keyOf("not-a-jwt")).isEmpty();
    assertThat(issuer.keyOf("x".repeat(10_000) + ".a.b")).isEmpty();
    assertThat(
            issuer.keyOf(
                JwtFixtures.sign(key, JWSAlgorithm.ES256, "at+jwt", key.getKeyID(), badJti)))
        .isEmpty();
  }

  @Test
  @DisplayName("RFC 9068 §4: typ application/at+jwt is the same type")
  void applicationAtJwtTypeIsAccepted() {
    JWK key = privateKey(SigningAlgorithm.ES256);
    JwtTokenIssuer issuer = issuer(keysOf(key));
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject("alice")
            .jwtID("b".repeat(43))
            .claim("client_id", "c1")
            .build();
    assertThat(
            issuer.keyOf(
                JwtFixtures.sign(
                    key, JWSAlgorithm.ES256, "application/at+jwt", key.getKeyID(), claims)))
        .isPresent();
  }

  @Test
  void signingKeyToStringShowsNoKeyMaterial() {
    JWK key = privateKey(SigningAlgorithm.RS256);
    SigningKey signing = SigningKey.of(key);
    assertThat(signing.toString())
        .contains(key.getKeyID())
        .doesNotContain(((com.nimbusds.jose.jwk.RSAKey) key).getPrivateExponent().toString());
  }
}
