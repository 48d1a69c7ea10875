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

  /** The base64url alphabet (RFC 4648 §5), each character at its value. */
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

  /** A hasher for high-entropy generated secrets. */
  public Sha256SecretHasher() {}

  @Override
  public String hash(CharSequence secret) {
    return PREFIX + B64URL.encodeToString(digest(secret));
  }

  /**
   * Compares the base64url form of the presented secret's digest with the stored one, character by
   * character in constant time: each character is spelt from the digest as it is compared, with no
   * decoding of the stored value, no encoded copy and no early exit.
   */
  @Override
  public boolean matches(CharSequence secret, String encodedHash) {
    if (!isOurs(encodedHash)) {
      return false;
    }
    byte[] utf8 = secret.toString().getBytes(StandardCharsets.UTF_8);
    return spells(Hashing.sha256Scratch(utf8, 0, utf8.length), encodedHash);
  }

  /** True for {@link #PREFIX} followed by 43 characters: the shape of this hasher's output. */
  private static boolean isOurs(String encodedHash) {
    return encodedHash != null
        && encodedHash.length() == PREFIX.length() + ENCODED_LENGTH
        && encodedHash.startsWith(PREFIX);
  }

  /**
   * {@link #matches} for a secret given as its UTF-8 bytes {@code utf8[from, from + length)}: what
   * the client authenticator passes for a Basic secret it never made a string of.
   */
  boolean matchesUtf8(byte[] utf8, int from, int length, String encodedHash) {
    return isOurs(encodedHash) && spells(Hashing.sha256Scratch(utf8, from, length), encodedHash);
  }

  /**
   * Whether {@code encodedHash}, of this hasher's shape, spells digest {@code d}: each character is
   * compared as it is spelt, in constant time, with no early exit.
   */
  private static boolean spells(byte[] d, String encodedHash) {
    int diff = 0;
    int at = PREFIX.length();
    for (int i = 0; i < 30; i += 3) { // ten whole groups: 3 bytes, 4 characters
      int bits = ((d[i] & 0xFF) << 16) | ((d[i + 1] & 0xFF) << 8) | (d[i + 2] & 0xFF);
      diff |= differs(bits >>> 18, encodedHash, at);
      diff |= differs(bits >>> 12, encodedHash, at + 1);
      diff |= differs(bits >>> 6, encodedHash, at + 2);
      diff |= differs(bits, encodedHash, at + 3);
      at += 4;
    }
    int bits = ((d[30] & 0xFF) << 16) | ((d[31] & 0xFF) << 8); // the last 2 bytes: 3 characters
    diff |= differs(bits >>> 18, encodedHash, at);
    diff |= differs(bits >>> 12, encodedHash, at + 1);
    diff |= differs(bits >>> 6, encodedHash, at + 2);
    return diff == 0;
  }

  /**
   * Non-zero when the character at {@code at} is not the one the low 6 bits of {@code sextet}
   * spell.
   */
  private static int differs(int sextet, String encoded, int at) {
    return ALPHABET[sextet & 63] ^ encoded.charAt(at);
  }

  private static byte[] digest(CharSequence secret) {
    return Hashing.sha256(secret.toString().getBytes(StandardCharsets.UTF_8));
  }
}
