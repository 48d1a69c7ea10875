package dev.keyway.client;

import dev.keyway.internal.Hashing;
import dev.keyway.spi.client.SecretHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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

  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  /** A hasher for high-entropy generated secrets. */
  public Sha256SecretHasher() {}

  @Override
  public String hash(CharSequence secret) {
    return PREFIX + B64URL.encodeToString(digest(secret));
  }

  @Override
  public boolean matches(CharSequence secret, String encodedHash) {
    if (encodedHash == null || !encodedHash.startsWith(PREFIX)) {
      return false;
    }
    byte[] expected;
    try {
      expected = Base64.getUrlDecoder().decode(encodedHash.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(digest(secret), expected);
  }

  private static byte[] digest(CharSequence secret) {
    return Hashing.sha256(secret.toString().getBytes(StandardCharsets.UTF_8));
  }
}
