package dev.keyway.resource;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.keyway.internal.JwsVerifier;
import dev.keyway.jwk.RemoteJwkSet;
import dev.keyway.jwk.VerificationKeys;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.token.JwtTokenIssuer;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Validates JWT access tokens (RFC 9068) offline, for a resource server anywhere: in another
 * process or service, with only the authorization server's JWK set. Answers with the same {@link
 * BearerResult}, presentation rules and RFC 6750 challenges as the in-process {@link
 * BearerTokenValidator} (it is one, with a JWT check in place of the store lookup).
 *
 * <pre>{@code
 * JwtBearerValidator validator = JwtBearerValidator.builder()
 *     .issuer("https://auth.example.com")
 *     .audience("https://api.example.com")
 *     .jwksUri(URI.create("https://auth.example.com/oauth2/jwks"))
 *     .build();
 * BearerResult result = validator.validate(request, Set.of("read"));
 * }</pre>
 *
 * <p>Checks, in order, once the request's token is found as {@link BearerTokenValidator} describes:
 * the token is a compact JWS of bounded size; {@code typ} is {@code at+jwt} (or {@code
 * application/at+jwt}); the algorithm is allowed (asymmetric only, never {@code none} or HMAC); the
 * signature verifies with the key its {@code kid} names (an unknown {@code kid} makes a remote set
 * fetch again, rate limited); {@code iss} is the issuer; {@code aud} contains this resource server;
 * {@code exp} is present and not past, {@code nbf} and {@code iat} not in the future, each with the
 * configured clock skew (default 60 s); {@code sub} and {@code client_id} are present; and the
 * token's {@code scope} holds every required scope (else 403 {@code insufficient_scope}).
 *
 * <p>It cannot see revocation: a revoked token stays valid here until it expires, so keep JWT
 * access-token lifetimes short or use introspection where revocation must take effect at once (see
 * {@code docs/tokens.md}). Thread-safe.
 */
public final class JwtBearerValidator {

  private final String issuer;
  private final String audience;
  private final VerificationKeys keys;
  private final Clock clock;
  private final Duration clockSkew;
  private final JwsVerifier verifier;
  private final BearerTokenValidator http;

  private JwtBearerValidator(Builder b) {
    this.issuer = b.issuer;
    this.audience = b.audience;
    this.keys = b.keys != null ? b.keys : RemoteJwkSet.builder(b.jwksUri).clock(b.clock).build();
    this.clock = b.clock;
    this.clockSkew = b.clockSkew;
    this.verifier = new JwsVerifier(b.algorithms, true);
    this.http = new BearerTokenValidator(b.options, audienceHost(b.audience), this::principalOf);
  }

  /** Starts a builder; issuer, audience and keys (or a jwks_uri) are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Validates the bearer token of a resource request against the scopes the route needs.
   *
   * @throws IllegalArgumentException if a required scope is not a valid scope token
   */
  public BearerResult validate(OAuthRequest request, Set<String> requiredScopes) {
    return http.validate(request, requiredScopes);
  }

  /** Who the token speaks for, when every check passes; empty otherwise. */
  Optional<TokenPrincipal> principalOf(String accessToken) {
    if (accessToken.length() > JwtTokenIssuer.MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(accessToken);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      return Optional.empty();
    }
    if (!JwtTokenIssuer.isAccessTokenType(jwt.getHeader().getType()) || !signatureValid(jwt)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    List<String> aud = claims.getAudience();
    String subject = claims.getSubject();
    Object clientId = claims.getClaim("client_id");
    boolean valid =
        issuer.equals(claims.getIssuer())
            && aud != null
            && aud.contains(audience)
            && exp != null
            && now.isBefore(exp.toInstant().plus(clockSkew))
            && !inFuture(claims.getNotBeforeTime(), now)
            && !inFuture(claims.getIssueTime(), now)
            && subject != null
            && clientId instanceof String;
    if (!valid) {
      return Optional.empty();
    }
    return Optional.of(
        new TokenPrincipal(
            subject, (String) clientId, scopesOf(claims.getClaim("scope")), exp.toInstant()));
  }

  private boolean signatureValid(SignedJWT jwt) {
    JwsVerifier.Result result = verifier.verify(jwt, keys.current());
    if (result == JwsVerifier.Result.UNKNOWN_KEY) {
      result = verifier.verify(jwt, keys.refreshed());
    }
    return result == JwsVerifier.Result.VALID;
  }

  private boolean inFuture(Date time, Instant now) {
    return time != null && time.toInstant().isAfter(now.plus(clockSkew));
  }

  private static Set<String> scopesOf(Object scope) {
    Set<String> scopes = new LinkedHashSet<>();
    if (scope instanceof String s) {
      for (String part : s.split(" ", -1)) {
        if (!part.isEmpty()) {
          scopes.add(part);
        }
      }
    }
    return scopes;
  }

  private static String audienceHost(String audience) {
    try {
      String host = URI.create(audience).getHost();
      return host != null ? host : "api";
    } catch (IllegalArgumentException e) {
      return "api";
    }
  }

  /** Builds a {@link JwtBearerValidator}; validation happens in {@link #build()}. */
  public static final class Builder {
    private String issuer;
    private String audience;
    private VerificationKeys keys;
    private URI jwksUri;
    private Clock clock = Clock.systemUTC();
    private Duration clockSkew = Duration.ofSeconds(60);
    private Set<JWSAlgorithm> algorithms = JwsVerifier.ASYMMETRIC;
    private BearerOptions options = BearerOptions.defaults();

    private Builder() {}

    /** The authorization server's issuer identifier, exactly as in {@code iss}. */
    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /** This resource server's identifier, which the token's {@code aud} must contain. */
    public Builder audience(String audience) {
      this.audience = audience;
      return this;
    }

    /** The keys to trust: a fixed set, or the authorization server's own keys in process. */
    public Builder keys(VerificationKeys keys) {
      this.keys = keys;
      return this;
    }

    /**
     * Fetches the keys from the authorization server's {@code jwks_uri} (cached, see {@link
     * RemoteJwkSet}).
     */
    public Builder jwksUri(URI jwksUri) {
      this.jwksUri = jwksUri;
      return this;
    }

    /** The clock expiry is measured by (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Tolerance for {@code exp}, {@code nbf} and {@code iat} (default 60 s, at most 5 min). */
    public Builder clockSkew(Duration skew) {
      this.clockSkew = skew;
      return this;
    }

    /** The signature algorithms to accept (default: every asymmetric one Keyway knows). */
    public Builder algorithms(Set<JWSAlgorithm> algorithms) {
      this.algorithms = Set.copyOf(algorithms);
      return this;
    }

    /** Realm and form-body method (default realm: the audience's host). */
    public Builder options(BearerOptions options) {
      this.options = options;
      return this;
    }

    /** Validates the settings and builds the validator. */
    public JwtBearerValidator build() {
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(audience, "audience");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(clockSkew, "clockSkew");
      Objects.requireNonNull(options, "options");
      if ((keys == null) == (jwksUri == null)) {
        throw new IllegalArgumentException("set exactly one of keys and jwksUri");
      }
      if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("clockSkew must be between 0 and 5 minutes");
      }
      return new JwtBearerValidator(this);
    }
  }
}
