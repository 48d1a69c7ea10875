package dev.keyway.spi;

import java.util.Objects;

/**
 * The one-way SHA-256 hash of a high-entropy credential (authorization code, access token, refresh
 * token, pending-authorization id), base64url-encoded without padding: always 43 characters.
 *
 * <p>Stores key their records by this value and never see the credential itself, so a leaked
 * database yields nothing a client could present. The engine computes it; stores only compare it. A
 * hash is not secret, so {@link #toString()} prints it.
 */
public record TokenHash(String value) {

  /** Validates the shape: 43 base64url characters. */
  public TokenHash {
    Objects.requireNonNull(value, "value");
    if (!isWellFormed(value)) {
      throw new IllegalArgumentException("a token hash is 43 base64url characters");
    }
  }

  /** 43 base64url characters; a loop rather than a regular expression, as it runs per request. */
  private static boolean isWellFormed(String value) {
    if (value.length() != 43) {
      return false;
    }
    for (int i = 0; i < 43; i++) {
      char c = value.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Reads a stored hash back, for example from a database column. */
  public static TokenHash of(String value) {
    return new TokenHash(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
