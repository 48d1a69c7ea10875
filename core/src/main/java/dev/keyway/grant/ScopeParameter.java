package dev.keyway.grant;

import dev.keyway.spi.client.Client;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Parses a {@code scope} request parameter (RFC 6749 §3.3): {@code scope-token *( SP scope-token
 * )}, where {@code scope-token = 1*( %x21 / %x23-5B / %x5D-7E )}. A plain loop, as it runs on the
 * hot path of the token endpoint.
 */
final class ScopeParameter {

  private ScopeParameter() {}

  /**
   * {@code requested}, or an equal set the client already holds (its default or allowed scopes), so
   * that stored tokens share one set instead of each keeping its own copy.
   */
  static Set<String> canonical(Set<String> requested, Client client) {
    if (requested.equals(client.defaultScopes())) {
      return client.defaultScopes();
    }
    return requested.equals(client.allowedScopes()) ? client.allowedScopes() : requested;
  }

  /**
   * The scopes a {@code scope} parameter asks of {@code client} (as {@link #canonical}), or {@code
   * null} when the value is malformed or names a scope the client may not have. A single scope
   * token, the usual request, is checked against the client's sets without building one.
   */
  static Set<String> granted(String value, Client client) {
    if (value.indexOf(' ') >= 0) {
      Optional<Set<String>> requested = parse(value);
      return requested.isPresent() && client.allowedScopes().containsAll(requested.get())
          ? canonical(requested.get(), client)
          : null;
    }
    if (value.isEmpty() || !client.allowedScopes().contains(value)) {
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      if (!isScopeTokenChar(value.charAt(i))) {
        return null;
      }
    }
    if (client.defaultScopes().size() == 1 && client.defaultScopes().contains(value)) {
      return client.defaultScopes();
    }
    return client.allowedScopes().size() == 1 ? client.allowedScopes() : Set.of(value);
  }

  /** The scope tokens, or empty when the value is malformed (two spaces, a forbidden character). */
  static Optional<Set<String>> parse(String value) {
    if (value.indexOf(' ') < 0) { // one scope token: the common case, no set to build and copy
      for (int i = 0; i < value.length(); i++) {
        if (!isScopeTokenChar(value.charAt(i))) {
          return Optional.empty();
        }
      }
      return value.isEmpty() ? Optional.empty() : Optional.of(Set.of(value));
    }
    Set<String> scopes = new HashSet<>(4);
    int start = 0;
    int len = value.length();
    for (int i = 0; i <= len; i++) {
      if (i == len || value.charAt(i) == ' ') {
        if (i == start) {
          return Optional.empty(); // leading, trailing or doubled space
        }
        scopes.add(value.substring(start, i));
        start = i + 1;
      } else if (!isScopeTokenChar(value.charAt(i))) {
        return Optional.empty();
      }
    }
    return Optional.of(Set.copyOf(scopes));
  }

  private static boolean isScopeTokenChar(char c) {
    return c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
  }
}
