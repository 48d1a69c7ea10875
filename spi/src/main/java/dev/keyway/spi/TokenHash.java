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

  /** 43 base64url characters; a table lookup per character, as it runs per request. */
  private static boolean isWellFormed(String value) {
    if (value.length() != 43) {
      return false;
    }
    for (int i = 0; i < 43; i++) {
      char c = value.charAt(i);
      if (c >= 128 || !Base64Url.ALPHABET[c]) {
        return false;
      }
    }
    return true;
  }

  /** The base64url alphabet as a lookup table over ASCII. */
  private static final class Base64Url {
    static final boolean[] ALPHABET = new boolean[128];

    static {
      for (char c = 'A'; c <= 'Z'; c++) {
        ALPHABET[c] = true;
      }
      for (char c = 'a'; c <= 'z'; c++) {
        ALPHABET[c] = true;
      }
      for (char c = '0'; c <= '9'; c++) {
        ALPHABET[c] = true;
      }
      ALPHABET['-'] = true;
      ALPHABET['_'] = true;
    }

    private Base64Url() {}
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
