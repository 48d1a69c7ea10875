package dev.keyway.token;

import dev.keyway.Secret;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.SecureTokens;
import dev.keyway.spi.TokenHash;
import dev.keyway.spi.client.Client;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Opaque access tokens: 256 random bits, base64url (43 characters), meaningful only to this server,
 * which keeps their SHA-256 hash. The default format.
 */
public final class OpaqueTokenIssuer implements TokenIssuer {

  /** An issuer of random opaque tokens. */
  public OpaqueTokenIssuer() {}

  @Override
  public IssuedToken issueAccessToken(AccessTokenClaims claims) {
    byte[] ascii = SecureTokens.newTokenAscii();
    TokenHash hash = Hashing.tokenHashOfAscii(ascii);
    return new IssuedToken(Secret.of(new String(ascii, StandardCharsets.ISO_8859_1)), hash);
  }

  /** The opaque token {@code tokenId} itself: it is already 256 bits, base64url. */
  @Override
  public Optional<IssuedToken> issueAccessTokenWithId(
      AccessTokenClaims claims, Client client, String tokenId) {
    if (!looksLikeToken(tokenId)) {
      throw new IllegalArgumentException("a token id is 43 base64url characters");
    }
    return Optional.of(new IssuedToken(Secret.of(tokenId), Hashing.tokenHash(tokenId)));
  }

  @Override
  public Optional<TokenHash> keyOf(String presented) {
    return looksLikeToken(presented) ? Optional.of(Hashing.tokenHash(presented)) : Optional.empty();
  }

  /** True for exactly 43 base64url characters, the shape of every Keyway-generated credential. */
  public static boolean looksLikeToken(String value) {
    if (value == null || value.length() != 43) {
      return false;
    }
    for (int i = 0; i < 43; i++) {
      char c = value.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
