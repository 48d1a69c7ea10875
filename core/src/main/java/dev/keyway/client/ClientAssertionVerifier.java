package dev.keyway.client;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.JwsVerifier;
import dev.keyway.internal.ServerContext;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientAuthMethod;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a {@code private_key_jwt} client assertion (RFC 7523 §2.2 and §3, RFC 7521 §4.2): a JWT
 * the client signed with a private key whose public half it registered as an inline JWK set ({@link
 * Client#jwks()}).
 *
 * <p>In order: {@code client_assertion_type} is exactly {@value #JWT_BEARER}; the assertion is a
 * compact JWS of bounded size; {@code iss} = {@code sub} = the client id (and = {@code client_id}
 * when that parameter is sent); the client exists, may use {@code private_key_jwt} and has a JWK
 * set; the signature verifies with one of its keys under an allow-list of asymmetric algorithms
 * (never {@code none}, never HMAC: a public key is never used as a MAC secret); {@code aud}
 * contains the issuer or the token endpoint URL; {@code exp} is present, not past and at most
 * {@value #MAX_LIFETIME_MINUTES} minutes ahead; {@code nbf} and {@code iat}, when present, are not
 * in the future; {@code jti} is present; and last, the {@code jti} was not used before by this
 * client, recorded atomically in the {@link dev.keyway.spi.client.AssertionReplayStore} until the
 * assertion expires. Clock skew of {@value #CLOCK_SKEW_SECONDS} seconds is allowed on each time.
 *
 * <p>Each check that fails gives a reason for the security event; the client only ever sees {@code
 * invalid_client}. Thread-safe; parsed client JWK sets are cached while unchanged.
 */
public final class ClientAssertionVerifier {

  /** The {@code client_assertion_type} of a JWT assertion (RFC 7523 §2.2). */
  public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  static final int MAX_LIFETIME_MINUTES = 5;
  static final int CLOCK_SKEW_SECONDS = 60;
  static final int MAX_ASSERTION_LENGTH = 8 * 1024;
  static final int MAX_JTI_LENGTH = 256;
  private static final Duration MAX_LIFETIME = Duration.ofMinutes(MAX_LIFETIME_MINUTES);
  private static final Duration SKEW = Duration.ofSeconds(CLOCK_SKEW_SECONDS);
  private static final int MAX_CACHED_KEY_SETS = 1024;

  /** The outcome of verifying an assertion. */
  public sealed interface Outcome {}

  /** The assertion is valid and fresh: the client is authenticated. */
  public record Verified(Client client) implements Outcome {
    public Verified {
      Objects.requireNonNull(client, "client");
    }
  }

  /**
   * The assertion was refused. {@code claimedClientId} is what it claimed to be from (or {@code
   * null}); {@code reason} is for operators only.
   */
  public record Rejected(String claimedClientId, String reason) implements Outcome {}

  private record ParsedKeys(String source, List<JWK> keys) {}

  private final ServerContext ctx;
  private final JwsVerifier verifier = new JwsVerifier(JwsVerifier.ASYMMETRIC, false);
  private final List<String> audiences;
  private final ConcurrentHashMap<String, ParsedKeys> keySets = new ConcurrentHashMap<>();

  /** A verifier for this server: its issuer and token endpoint are the accepted audiences. */
  @SuppressWarnings(
      "exports") // API debt: internal type in a public signature (docs/contributing.md)
  public ClientAssertionVerifier(ServerContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.audiences =
        List.of(
            ctx.settings().issuerString(),
            ctx.settings().issuer().toString(),
            ctx.settings().tokenEndpoint().toString());
  }

  /** The algorithms accepted for client assertions (for metadata). */
  public static List<String> supportedAlgorithms() {
    List<String> names = new ArrayList<>();
    JwsVerifier.ASYMMETRIC.forEach(a -> names.add(a.getName()));
    return names;
  }

  /**
   * Verifies an assertion.
   *
   * @param assertionType the {@code client_assertion_type} parameter, or {@code null}
   * @param assertion the {@code client_assertion} parameter, or {@code null}
   * @param clientIdParameter the {@code client_id} parameter, or {@code null}
   */
  public Outcome verify(String assertionType, String assertion, String clientIdParameter) {
    if (!JWT_BEARER.equals(assertionType) || assertion == null) {
      return new Rejected(
          clientIdParameter, "missing or unsupported client_assertion_type or client_assertion");
    }
    if (assertion.length() > MAX_ASSERTION_LENGTH) {
      return new Rejected(clientIdParameter, "client assertion too large");
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(assertion);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      return new Rejected(clientIdParameter, "client assertion is not a signed JWT");
    }
    String iss = claims.getIssuer();
    if (iss == null || !iss.equals(claims.getSubject())) {
      return new Rejected(
          clientIdParameter, "client assertion iss and sub must both be the client id");
    }
    if (clientIdParameter != null && !clientIdParameter.equals(iss)) {
      return new Rejected(clientIdParameter, "client_id does not match the client assertion");
    }
    Optional<Client> found = ctx.clients().findById(iss);
    if (found.isEmpty()) {
      return new Rejected(iss, "unknown client");
    }
    Client client = found.get();
    if (!client.allows(ClientAuthMethod.PRIVATE_KEY_JWT)) {
      return new Rejected(iss, "authentication method not registered for this client");
    }
    Optional<List<JWK>> keys = keysOf(client);
    if (keys.isEmpty()) {
      return new Rejected(iss, "client has no usable JWK set");
    }
    JwsVerifier.Result signature = verifier.verify(jwt, keys.get());
    if (signature != JwsVerifier.Result.VALID) {
      return new Rejected(
          iss,
          signature == JwsVerifier.Result.UNKNOWN_KEY
              ? "client assertion signed by an unknown key"
              : "client assertion signature or algorithm refused");
    }
    return checkClaims(client, claims);
  }

  private Outcome checkClaims(Client client, JWTClaimsSet claims) {
    String id = client.clientId();
    List<String> aud = claims.getAudience();
    if (aud == null || aud.stream().noneMatch(audiences::contains)) {
      return new Rejected(id, "client assertion audience is not this server");
    }
    Instant now = ctx.now();
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      return new Rejected(id, "client assertion has no exp");
    }
    Instant expiresAt = exp.toInstant();
    if (!now.isBefore(expiresAt.plus(SKEW))) {
      return new Rejected(id, "client assertion expired");
    }
    if (expiresAt.isAfter(now.plus(MAX_LIFETIME).plus(SKEW))) {
      return new Rejected(id, "client assertion exp is too far in the future");
    }
    if (isInFuture(claims.getNotBeforeTime(), now) || isInFuture(claims.getIssueTime(), now)) {
      return new Rejected(id, "client assertion is not valid yet");
    }
    String jti = claims.getJWTID();
    if (jti == null || jti.isEmpty() || jti.length() > MAX_JTI_LENGTH) {
      return new Rejected(id, "client assertion has no usable jti");
    }
    if (!ctx.assertionReplays().markUsed(Hashing.tokenHash(jti), id, expiresAt.plus(SKEW), now)) {
      return new Rejected(id, "client assertion jti was already used");
    }
    return new Verified(client);
  }

  private static boolean isInFuture(Date time, Instant now) {
    return time != null && time.toInstant().isAfter(now.plus(SKEW));
  }

  /** The client's public keys, parsed once per distinct JWK set document. */
  private Optional<List<JWK>> keysOf(Client client) {
    String source = client.jwks();
    if (source == null || source.isBlank()) {
      return Optional.empty();
    }
    ParsedKeys cached = keySets.get(client.clientId());
    if (cached != null && cached.source.equals(source)) {
      return Optional.of(cached.keys);
    }
    List<JWK> keys = new ArrayList<>();
    try {
      for (JWK key : JWKSet.parse(source).getKeys()) {
        JWK pub = key.toPublicJWK();
        if (pub != null && !pub.isPrivate()) {
          keys.add(pub); // symmetric keys have no public form and are ignored
        }
      }
    } catch (ParseException | RuntimeException e) {
      return Optional.empty();
    }
    if (keySets.size() >= MAX_CACHED_KEY_SETS) {
      keySets.clear();
    }
    keySets.put(client.clientId(), new ParsedKeys(source, List.copyOf(keys)));
    return Optional.of(keys);
  }
}
