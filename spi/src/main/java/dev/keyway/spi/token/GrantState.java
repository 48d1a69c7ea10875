package dev.keyway.spi.token;

/** States of a grant (token family). A revoked grant's tokens are all revoked with it. */
public enum GrantState {
  ACTIVE,
  REVOKED
}
