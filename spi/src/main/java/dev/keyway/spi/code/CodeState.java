package dev.keyway.spi.code;

/**
 * States of an authorization code. {@code ISSUED → REDEEMED} happens exactly once, through {@link
 * AuthorizationCodeStore#redeem}; {@code REDEEMED → REPLAYED} when a fully bound request presents
 * the redeemed code again, through {@link AuthorizationCodeStore#markReplayed}. Expiry is not a
 * stored state: a code whose {@code expiresAt} has passed is expired whatever its state.
 */
public enum CodeState {
  /** Issued by the authorization endpoint, not yet redeemed. */
  ISSUED,
  /** Exchanged for tokens once. */
  REDEEMED,
  /**
   * Redeemed, and then presented again: the grant issued from it must end revoked. The redeeming
   * request reads this state after it stored its grant, so a replay that ran before the grant
   * existed still gets it revoked ({@link AuthorizationCodeStore#markReplayed}).
   */
  REPLAYED
}
