package dev.keyway.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.keyway.Secret;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.Json;
import dev.keyway.internal.JwsVerifier;
import dev.keyway.internal.SecureTokens;
import dev.keyway.jwk.SigningAlgorithm;
import dev.keyway.jwk.SigningKey;
import dev.keyway.jwk.SigningKeys;
import dev.keyway.spi.TokenHash;
import dev.keyway.spi.client.Client;
import java.text.ParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * JWT access tokens in the RFC 9068 profile, signed with the server's current {@link SigningKey}.
 *
 * <p>Header {@code {"alg":...,"typ":"at+jwt","kid":...}}; claims {@code iss}, {@code sub}, {@code
 * aud}, {@code exp}, {@code iat}, {@code jti} (256 random bits), {@code client_id}, {@code scope}
 * (space-separated, omitted when empty) and {@code auth_time} when known. The store key is the
 * SHA-256 of the {@code jti}, so the server records every JWT like an opaque token and revocation
 * and introspection work for both (a resource server that validates JWTs offline does not see a
 * revocation until the token expires: see {@code docs/tokens.md}).
 *
 * <p>{@link #keyOf} returns a key only for a JWT this server signed: size, {@code typ}, an allowed
 * algorithm, a published {@code kid}, the signature, {@code iss} and the shape of {@code jti} are
 * all checked before anything reaches the store. Expiry and revocation are the store's to decide.
 */
public final class JwtTokenIssuer implements TokenIssuer {

  /** The {@code typ} header of an access token (RFC 9068 §2.1). */
  public static final String TYP = "at+jwt";

  /** Longer values are not this server's tokens (ours are well under 1 KB). */
  public static final int MAX_TOKEN_LENGTH = 8 * 1024;

  private final SigningKeys keys;
  private final String issuer;
  private final List<String> audience;
  private final JwsVerifier verifier;

  /**
   * @param keys the server's signing keys
   * @param issuer the issuer identifier, exactly as in {@code iss}
   * @param audience the {@code aud} of every token: identifiers of the resource servers (at least
   *     one; a single value is written as a string)
   */
  public JwtTokenIssuer(SigningKeys keys, String issuer, List<String> audience) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.audience = List.copyOf(audience);
    if (this.audience.isEmpty()) {
      throw new IllegalArgumentException("a JWT access token needs at least one audience");
    }
    Set<JWSAlgorithm> algs = new LinkedHashSet<>();
    for (SigningAlgorithm a : SigningAlgorithm.values()) {
      if (a != SigningAlgorithm.EDDSA || SigningAlgorithm.eddsaAvailable()) {
        algs.add(a.jwsAlgorithm());
      }
    }
    this.verifier = new JwsVerifier(algs, true);
  }

  @Override
  public IssuedToken issueAccessToken(AccessTokenClaims claims) {
    return sign(claims, SecureTokens.newToken());
  }

  /**
   * The JWT with {@code jti = tokenId} over these claims, signed by the current signing key: the
   * same claims and id always give the same token (the same bytes with RS256 or EdDSA, a fresh
   * signature with ES256 or PS256).
   */
  @Override
  public Optional<IssuedToken> issueAccessTokenWithId(
      AccessTokenClaims claims, Client client, String tokenId) {
    if (!OpaqueTokenIssuer.looksLikeToken(tokenId)) {
      throw new IllegalArgumentException("a token id is 43 base64url characters");
    }
    return Optional.of(sign(claims, tokenId));
  }

  private IssuedToken sign(AccessTokenClaims claims, String jti) {
    Json.ObjectWriter payload =
        Json.object().put("iss", claims.issuer()).put("sub", claims.subject());
    if (audience.size() == 1) {
      payload.put("aud", audience.get(0));
    } else {
      payload.put("aud", audience);
    }
    payload
        .put("exp", claims.expiresAt().getEpochSecond())
        .put("iat", claims.issuedAt().getEpochSecond())
        .put("jti", jti)
        .put("client_id", claims.clientId());
    if (!claims.scopes().isEmpty()) {
      payload.put("scope", String.join(" ", new TreeSet<>(claims.scopes())));
    }
    if (claims.authTime() != null) {
      payload.put("auth_time", claims.authTime().getEpochSecond());
    }
    String jwt = keys.signingKey().sign(TYP, payload.toString(), claims.expiresAt());
    return new IssuedToken(Secret.of(jwt), Hashing.tokenHash(jti));
  }

  @Override
  public Optional<TokenHash> keyOf(String presented) {
    if (!looksLikeJwt(presented)) {
      return Optional.empty();
    }
    try {
      SignedJWT jwt = SignedJWT.parse(presented);
      if (!isAccessTokenType(jwt.getHeader().getType())) {
        return Optional.empty();
      }
      if (verifier.verify(jwt, keys.verificationKeys()) != JwsVerifier.Result.VALID) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      String jti = claims.getJWTID();
      if (!issuer.equals(claims.getIssuer()) || !OpaqueTokenIssuer.looksLikeToken(jti)) {
        return Optional.empty();
      }
      return Optional.of(Hashing.tokenHash(jti));
    } catch (ParseException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** True for {@code at+jwt} or {@code application/at+jwt}, in any case (RFC 9068 §4). */
  public static boolean isAccessTokenType(JOSEObjectType type) {
    if (type == null) {
      return false;
    }
    String t = type.getType().toLowerCase(Locale.ROOT);
    return t.equals(TYP) || t.equals("application/" + TYP);
  }

  /** A cheap shape check: bounded length and exactly two dots. */
  static boolean looksLikeJwt(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_TOKEN_LENGTH) {
      return false;
    }
    int dots = 0;
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) == '.') {
        dots++;
      }
    }
    return dots == 2;
  }

  @Override
  public String toString() {
    return "JwtTokenIssuer[" + issuer + ", aud=" + audience + "]";
  }
}
