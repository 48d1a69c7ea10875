package dev.keyway.authorize;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the {@code scope} parameter by the grammar of RFC 6749 §3.3:
 *
 * <pre>
 *   scope       = scope-token *( SP scope-token )
 *   scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
 * </pre>
 *
 * Strictly: a leading, trailing or doubled space, or any character outside the token set ({@code
 * "}, {@code \}, controls, non-ASCII), makes the whole value malformed. A token named twice counts
 * once.
 */
final class ScopeParser {

  private ScopeParser() {}

  /** The scope tokens in request order, or empty when {@code value} is not a valid scope. */
  static Optional<Set<String>> parse(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    Set<String> tokens = new LinkedHashSet<>();
    int start = 0;
    for (int i = 0; i <= value.length(); i++) {
      if (i == value.length() || value.charAt(i) == ' ') {
        if (i == start) {
          return Optional.empty(); // empty token: leading, trailing or doubled space
        }
        tokens.add(value.substring(start, i));
        start = i + 1;
      } else if (!isTokenChar(value.charAt(i))) {
        return Optional.empty();
      }
    }
    return Optional.of(Collections.unmodifiableSet(tokens));
  }

  /** True for {@code %x21 / %x23-5B / %x5D-7E}. */
  static boolean isTokenChar(char c) {
    return c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
  }
}
