package dev.keyway.token;

import dev.keyway.spi.TokenHash;
import java.util.Optional;

/**
 * The token-format seam: how access tokens look on the wire (opaque random strings, or signed
 * JWTs), kept apart from token state, which lives in the {@code TokenStore}.
 */
public interface TokenIssuer {

  /** Mints an access token for these claims. */
  IssuedToken issueAccessToken(AccessTokenClaims claims);

  /**
   * The store key of a presented access token, or empty when the value cannot be a token of this
   * issuer (wrong shape, bad signature). Cheap checks first: garbage never reaches the store.
   */
  Optional<TokenHash> keyOf(String presentedAccessToken);
}
