package dev.keyway.spi.client;

import java.util.Optional;

/**
 * Token-endpoint client authentication methods, with their registry names (RFC 7591 §2, {@code
 * token_endpoint_auth_method}).
 */
public enum ClientAuthMethod {
  /** HTTP Basic with the form-urlencoded id and secret (RFC 6749 §2.3.1). */
  CLIENT_SECRET_BASIC("client_secret_basic"),
  /** {@code client_id} and {@code client_secret} in the form body (RFC 6749 §2.3.1). */
  CLIENT_SECRET_POST("client_secret_post"),
  /** A JWT signed with the client's key (RFC 7523 §2.2). */
  PRIVATE_KEY_JWT("private_key_jwt"),
  /** No authentication: a public client that only identifies itself with {@code client_id}. */
  NONE("none");

  private final String wireName;

  ClientAuthMethod(String wireName) {
    this.wireName = wireName;
  }

  /** The registry name, for example {@code client_secret_basic}. */
  public String wireName() {
    return wireName;
  }

  /** The method with this registry name, if Keyway supports it. */
  public static Optional<ClientAuthMethod> fromWireName(String name) {
    for (ClientAuthMethod m : values()) {
      if (m.wireName.equals(name)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
