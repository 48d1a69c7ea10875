package dev.keyway.client;

import dev.keyway.internal.Hashing;
import dev.keyway.spi.client.SecretHasher;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The default {@link SecretHasher}: {@code sha256:} followed by the base64url SHA-256 of the
 * secret's UTF-8 bytes, compared in constant time.
 *
 * <p>Right for the 256-bit random secrets Keyway generates: nobody can brute-force 2^256
 * candidates, so a deliberately slow hash would only burn CPU on every token request. For
 * human-chosen secrets imported from elsewhere, plug in a slow hash instead.
 */
public final class Sha256SecretHasher implements SecretHasher {

  /** The prefix that marks this hasher's output. */
  public static final String PREFIX = "sha256:";

  /** A SHA-256 digest in base64url without padding: 43 characters. */
  private static final int ENCODED_LENGTH = 43;

  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  /** A hasher for high-entropy generated secrets. */
  public Sha256SecretHasher() {}

  @Override
  public String hash(CharSequence secret) {
    return PREFIX + B64URL.encodeToString(digest(secret));
  }

  /**
   * Compares the base64url form of the presented secret's digest with the stored one, character by
   * character in constant time: no decoding of the stored value, no early exit.
   */
  @Override
  public boolean matches(CharSequence secret, String encodedHash) {
    if (encodedHash == null
        || encodedHash.length() != PREFIX.length() + ENCODED_LENGTH
        || !encodedHash.startsWith(PREFIX)) {
      return false;
    }
    byte[] actual = B64URL.encode(digest(secret));
    int diff = 0;
    for (int i = 0; i < ENCODED_LENGTH; i++) {
      diff |= actual[i] ^ encodedHash.charAt(PREFIX.length() + i);
    }
    return diff == 0;
  }

  private static byte[] digest(CharSequence secret) {
    return Hashing.sha256(secret.toString().getBytes(StandardCharsets.UTF_8));
  }
}
