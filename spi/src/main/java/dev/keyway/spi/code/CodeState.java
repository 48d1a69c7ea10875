package dev.keyway.spi.code;

/**
 * States of an authorization code. {@code ISSUED → REDEEMED} happens exactly once, through {@link
 * AuthorizationCodeStore#redeem}. Expiry is not a stored state: a code whose {@code expiresAt} has
 * passed is expired whatever its state.
 */
public enum CodeState {
  ISSUED,
  REDEEMED
}
