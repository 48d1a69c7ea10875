package dev.keyway.spi.token;

/**
 * States of a refresh token. {@code ACTIVE → ROTATED} when it is exchanged for a successor (exactly
 * once, through {@link TokenStore#rotate}); {@code ACTIVE|ROTATED → REVOKED} when its family is
 * revoked. Presenting a {@code ROTATED} token is reuse (RFC 9700 §4.14.2). Expiry is not stored.
 */
public enum RefreshTokenState {
  ACTIVE,
  ROTATED,
  REVOKED
}
