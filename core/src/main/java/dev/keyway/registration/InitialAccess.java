package dev.keyway.registration;

import java.util.Optional;

/**
 * What an accepted initial access token (RFC 7591 §3) grants: the right to register one client, and
 * optionally the developer who will own it.
 *
 * @param owner the subject recorded as the registered client's {@code owner}, or {@code null}
 */
public record InitialAccess(String owner) {

  /** Access with no owner recorded. */
  public static InitialAccess unowned() {
    return new InitialAccess(null);
  }

  /** Access for clients owned by this developer. */
  public static InitialAccess ownedBy(String owner) {
    return new InitialAccess(owner);
  }

  /** The owner, if any. */
  public Optional<String> ownerIfAny() {
    return Optional.ofNullable(owner);
  }
}
