package dev.keyway.spi.token;

/**
 * The outcome of {@link TokenStore#rotate}: exactly one caller ever sees {@link Rotated} for a
 * refresh token.
 */
public sealed interface RotateResult {

  /** This call rotated the token; the successor and the new access token are stored. */
  record Rotated(RefreshTokenRecord previous) implements RotateResult {}

  /**
   * The token had already been rotated (reuse, or a concurrent refresh that lost): nothing was
   * written. The engine decides whether to revoke the family.
   */
  record AlreadyRotated(RefreshTokenRecord token) implements RotateResult {}

  /** The token or its grant is revoked: nothing was written. */
  record Revoked(RefreshTokenRecord token) implements RotateResult {}

  /** The token or its grant has expired: nothing was written. */
  record Expired(RefreshTokenRecord token) implements RotateResult {}

  /** No refresh token has this hash: nothing was written. */
  record Unknown() implements RotateResult {}
}
