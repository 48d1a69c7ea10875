package dev.keyway.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.keyway.internal.SecureTokens;
import dev.keyway.jwk.JwkSetSigningKeys;
import dev.keyway.jwk.SigningAlgorithm;
import dev.keyway.token.AccessTokenClaims;
import dev.keyway.token.IssuedToken;
import dev.keyway.token.JwtTokenIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
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
 * JWT access-token issuance: Keyway's {@link JwtTokenIssuer} (claims, a fresh 256-bit {@code jti},
 * signing, serialisation, and the SHA-256 store key) beside plain nimbus-jose-jwt building, signing
 * and serialising the same RFC 9068 claims with the same key, in the same run.
 *
 * <p>{@code keywayIssue} and {@code nimbusSign} run one after the other, single-threaded. The
 * {@code pair} group runs the same two side by side, one thread each, so that load from other
 * processes on a shared machine hits both equally: its ratio is the robust one.
 *
 * <pre>
 * mvn -q -B -pl examples/benchmarks -am package -DskipTests
 * java -jar examples/benchmarks/target/benchmarks.jar JwtIssuanceBenchmark -f 1 -wi 2 -w 2s -i 3 -r 2s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JwtIssuanceBenchmark {

  private static final String ISSUER = "https://as.example";
  private static final String AUDIENCE = "https://api.example";

  /** The JOSE algorithm name. */
  @Param({"EdDSA", "ES256", "RS256"})
  public String alg;

  private JwtTokenIssuer keyway;
  private AccessTokenClaims claims;
  private JWSSigner nimbusSigner;
  private JWSHeader nimbusHeader;

  @Setup
  public void setUp() throws JOSEException {
    SigningAlgorithm algorithm = SigningAlgorithm.fromJwsName(alg).orElseThrow();
    JWK key = algorithm.generate();
    keyway =
        new JwtTokenIssuer(JwkSetSigningKeys.of(List.of(key), null), ISSUER, List.of(AUDIENCE));
    Instant now = Instant.now();
    claims =
        new AccessTokenClaims(
            ISSUER,
            "alice",
            "c1",
            Set.of("read", "write"),
            now,
            now.plus(Duration.ofHours(1)),
            now.minusSeconds(30));
    nimbusSigner = signer(key);
    nimbusHeader =
        new JWSHeader.Builder(algorithm.jwsAlgorithm())
            .type(new JOSEObjectType("at+jwt"))
            .keyID(key.getKeyID())
            .build();
  }

  private static JWSSigner signer(JWK key) throws JOSEException {
    if (key instanceof OctetKeyPair okp) {
      return new Ed25519Signer(okp);
    }
    if (key instanceof ECKey ec) {
      return new ECDSASigner(ec);
    }
    if (key instanceof RSAKey rsa) {
      return new RSASSASigner(rsa);
    }
    throw new AssertionError(key.getKeyType());
  }

  /** Keyway: one JWT access token and its store key. */
  @Benchmark
  public IssuedToken keywayIssue() {
    return keyway.issueAccessToken(claims);
  }

  /** {@link #keywayIssue()}, running at the same time as {@link #pairNimbus()}. */
  @Benchmark
  @Group("pair")
  @GroupThreads(1)
  public IssuedToken pairKeyway() {
    return keywayIssue();
  }

  /** {@link #nimbusSign()}, running at the same time as {@link #pairKeyway()}. */
  @Benchmark
  @Group("pair")
  @GroupThreads(1)
  public String pairNimbus() throws JOSEException {
    return nimbusSign();
  }

  /** Plain nimbus: the same claims (with a fresh jti), signed and serialised. */
  @Benchmark
  public String nimbusSign() throws JOSEException {
    JWTClaimsSet set =
        new JWTClaimsSet.Builder()
            .issuer(claims.issuer())
            .subject(claims.subject())
            .audience(AUDIENCE)
            .expirationTime(Date.from(claims.expiresAt()))
            .issueTime(Date.from(claims.issuedAt()))
            .jwtID(SecureTokens.newToken())
            .claim("client_id", claims.clientId())
            .claim("scope", "read write")
            .claim("auth_time", claims.authTime().getEpochSecond())
            .build();
    SignedJWT jwt = new SignedJWT(nimbusHeader, set);
    jwt.sign(nimbusSigner);
    return jwt.serialize();
  }
}
