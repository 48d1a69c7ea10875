package dev.keyway.spi.token;

/**
 * States of an access token: {@code ACTIVE → REVOKED}. Expiry is not stored: a token past its
 * {@code expiresAt} is expired in any state.
 */
public enum AccessTokenState {
  ACTIVE,
  REVOKED
}
