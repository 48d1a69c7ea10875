package dev.keyway.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.keyway.jwk.JwkSetSigningKeys;
import dev.keyway.jwk.SigningAlgorithm;
import dev.keyway.jwk.VerificationKeys;
import dev.keyway.resource.BearerResult;
import dev.keyway.resource.JwtBearerValidator;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.TokenHash;
import dev.keyway.token.AccessTokenClaims;
import dev.keyway.token.JwtTokenIssuer;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JWT access-token verification: the server's own check before a store lookup ({@code keyOf}), a
 * resource server's full offline validation ({@link JwtBearerValidator}: header parsing, signature,
 * claims, scopes, the RFC 6750 result), and plain nimbus parsing, verifying and reading the claims
 * of the same token. The {@code pair} group runs {@code keyOf} and nimbus side by side.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JwtVerificationBenchmark {

  private static final String ISSUER = "https://as.example";
  private static final String AUDIENCE = "https://api.example";

  /** The JOSE algorithm name. */
  @Param({"EdDSA", "ES256", "RS256"})
  public String alg;

  private JwtTokenIssuer issuer;
  private JwtBearerValidator validator;
  private JWSVerifier nimbusVerifier;
  private String token;
  private OAuthRequest request;

  @Setup
  public void setUp() throws JOSEException {
    JWK key = SigningAlgorithm.fromJwsName(alg).orElseThrow().generate();
    JwkSetSigningKeys keys = JwkSetSigningKeys.of(List.of(key), null);
    issuer = new JwtTokenIssuer(keys, ISSUER, List.of(AUDIENCE));
    validator =
        JwtBearerValidator.builder()
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .keys(VerificationKeys.of(keys))
            .build();
    Instant now = Instant.now();
    token =
        issuer
            .issueAccessToken(
                new AccessTokenClaims(
                    ISSUER,
                    "alice",
                    "c1",
                    Set.of("read", "write"),
                    now,
                    now.plus(Duration.ofHours(24)),
                    null))
            .value()
            .reveal();
    request = OAuthRequest.builder("GET").header("Authorization", "Bearer " + token).build();
    JWK pub = key.toPublicJWK();
    if (pub instanceof OctetKeyPair okp) {
      nimbusVerifier = new Ed25519Verifier(okp);
    } else if (pub instanceof ECKey ec) {
      nimbusVerifier = new ECDSAVerifier(ec);
    } else if (pub instanceof RSAKey rsa) {
      nimbusVerifier = new RSASSAVerifier(rsa);
    } else {
      throw new AssertionError(pub.getKeyType());
    }
    if (!(validator.validate(request, Set.of("read")) instanceof BearerResult.Valid)) {
      throw new IllegalStateException("the benchmark token does not validate");
    }
  }

  /** The server's check of a presented JWT, up to its store key. */
  @Benchmark
  public Optional<TokenHash> keywayKeyOf() {
    return issuer.keyOf(token);
  }

  /** A resource server's full offline validation of a request. */
  @Benchmark
  public BearerResult keywayValidate() {
    return validator.validate(request, Set.of("read"));
  }

  /** Plain nimbus: parse, verify, read the claims. */
  @Benchmark
  public JWTClaimsSet nimbusVerify() throws ParseException, JOSEException {
    SignedJWT jwt = SignedJWT.parse(token);
    if (!jwt.verify(nimbusVerifier)) {
      throw new IllegalStateException("bad signature");
    }
    return jwt.getJWTClaimsSet();
  }

  /** {@link #keywayKeyOf()}, at the same time as {@link #pairNimbus()}. */
  @Benchmark
  @Group("pair")
  @GroupThreads(1)
  public Optional<TokenHash> pairKeyway() {
    return keywayKeyOf();
  }

  /** {@link #nimbusVerify()}, at the same time as {@link #pairKeyway()}. */
  @Benchmark
  @Group("pair")
  @GroupThreads(1)
  public JWTClaimsSet pairNimbus() throws ParseException, JOSEException {
    return nimbusVerify();
  }
}
