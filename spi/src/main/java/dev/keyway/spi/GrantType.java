package dev.keyway.spi;

import java.util.Optional;

/**
 * The grant types Keyway implements, with their wire names (RFC 6749 §4). OAuth 2.1 removes the
 * implicit and password grants; Keyway never offers them.
 */
public enum GrantType {
  /** RFC 6749 §4.1, with PKCE (RFC 7636). */
  AUTHORIZATION_CODE("authorization_code"),
  /** RFC 6749 §6, with rotation (RFC 9700 §4.14.2). */
  REFRESH_TOKEN("refresh_token"),
  /** RFC 6749 §4.4, confidential clients only. */
  CLIENT_CREDENTIALS("client_credentials");

  private static final GrantType[] ALL = values(); // values() copies its array on every call

  private final String wireName;

  GrantType(String wireName) {
    this.wireName = wireName;
  }

  /** The {@code grant_type} value as it appears on the wire. */
  public String wireName() {
    return wireName;
  }

  /** The grant type with this wire name, or empty for an unknown or unsupported one. */
  public static Optional<GrantType> fromWireName(String name) {
    for (GrantType type : ALL) {
      if (type.wireName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
