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
   * at hand use this, so a format chosen per client needs no store lookup. By default the client
   * is not consulted.
   */
  default IssuedToken issueAccessToken(AccessTokenClaims claims, Client client) {
    return issueAccessToken(claims);
  }

  /**
   * The store key of a presented access token, or empty when the value cannot be a token of this
   * issuer (wrong shape, bad signature). Cheap checks first: garbage never reaches the store.
   */
  Optional<TokenHash> keyOf(String presentedAccessToken);
}
