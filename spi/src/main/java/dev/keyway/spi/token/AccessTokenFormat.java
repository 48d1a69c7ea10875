package dev.keyway.spi.token;

/**
 * How access tokens look on the wire. Whatever the format, the server records every access token in
 * the {@link TokenStore}, so revocation and introspection work for both.
 */
public enum AccessTokenFormat {
  /** 256 random bits, base64url: meaningful only to this server, validated by a store lookup. */
  OPAQUE,
  /**
   * A signed JWT (RFC 9068, {@code typ: at+jwt}) that resource servers can validate offline against
   * the server's JWK set; the store keeps the hash of its {@code jti}.
   */
  JWT
}
