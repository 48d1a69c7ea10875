package dev.keyway.spi.code;

/**
 * The outcome of {@link AuthorizationCodeStore#redeem}: exactly one caller ever sees {@link
 * Redeemed} for a code.
 */
public sealed interface RedeemResult {

  /** This call moved the code from {@code ISSUED} to {@code REDEEMED}: the caller won. */
  record Redeemed(AuthorizationCodeRecord code) implements RedeemResult {}

  /**
   * The code had already been redeemed (by an earlier or a concurrent call). Carries the record so
   * that the engine can revoke the grant issued from it (RFC 6749 §4.1.2).
   */
  record AlreadyRedeemed(AuthorizationCodeRecord code) implements RedeemResult {}

  /** The code exists but {@code now >= expiresAt}; its state is unchanged. */
  record Expired(AuthorizationCodeRecord code) implements RedeemResult {}

  /** No code has this hash. */
  record Unknown() implements RedeemResult {}
}
