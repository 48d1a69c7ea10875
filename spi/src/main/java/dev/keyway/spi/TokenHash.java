package dev.keyway.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one-way SHA-256 hash of a high-entropy credential (authorization code, access token, refresh
 * token, pending-authorization id), base64url-encoded without padding: always 43 characters.
 *
 * <p>Stores key their records by this value and never see the credential itself, so a leaked
 * database yields nothing a client could present. The engine computes it; stores only compare it.
 * A hash is not secret, so {@link #toString()} prints it.
 */
public record TokenHash(String value) {

  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

  /** Validates the shape: 43 base64url characters. */
  public TokenHash {
    Objects.requireNonNull(value, "value");
    if (!SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException("a token hash is 43 base64url characters");
    }
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
