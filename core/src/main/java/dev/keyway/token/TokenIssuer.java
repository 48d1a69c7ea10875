package dev.keyway.token;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.client.Client;
import java.util.Optional;

/**
 * The token-format seam: how access tokens look on the wire (opaque random strings, or signed
 * JWTs), kept apart from token state, which lives in the {@code TokenStore}.
 */
public interface TokenIssuer {

  /** Mints an access token for these claims. */
  IssuedToken issueAccessToken(AccessTokenClaims claims);

  /**
   * Mints an access token for these claims, issued to {@code client}: callers that have the client
   * at hand use this, so a format chosen per client needs no store lookup. By default the client is
   * not consulted.
   */
  default IssuedToken issueAccessToken(AccessTokenClaims claims, Client client) {
    return issueAccessToken(claims);
  }

  /**
   * Mints the access token issued to {@code client} whose identity is {@code tokenId} instead of a
   * random one, or returns empty when this format cannot. The refresh grace window uses it to
   * answer a retried refresh with the access token the first answer carried, without storing that
   * token: {@code tokenId} is 256 bits the server derived from the presented refresh token (43
   * base64url characters).
   *
   * <p>The contract: the store key ({@link IssuedToken#hash()}) is the SHA-256 hash of {@code
   * tokenId} ({@code Hashing.tokenHash(tokenId)}), and two calls with equal claims and the same id
   * give the same token. An opaque token is {@code tokenId} itself; a JWT carries it as its {@code
   * jti} and signs the same claims again (identical bytes with a deterministic algorithm such as
   * RS256 or EdDSA; with ECDSA or RSA-PSS the signature differs but the token, its {@code jti},
   * claims and record, is the same).
   *
   * <p>The default returns empty: with such an issuer the grace window cannot reproduce the access
   * token, so a retried refresh is treated as reuse and revokes the family (fail closed).
   */
  default Optional<IssuedToken> issueAccessTokenWithId(
      AccessTokenClaims claims, Client client, String tokenId) {
    return Optional.empty();
  }

  /**
   * The store key of a presented access token, or empty when the value cannot be a token of this
   * issuer (wrong shape, bad signature). Cheap checks first: garbage never reaches the store.
   */
  Optional<TokenHash> keyOf(String presentedAccessToken);
}
