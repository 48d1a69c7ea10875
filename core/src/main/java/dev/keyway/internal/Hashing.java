package dev.keyway.internal;

import dev.keyway.spi.TokenHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** SHA-256 of credentials, the only form in which stores ever see them. */
public final class Hashing {

  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(Hashing::newSha256);

  private Hashing() {}

  /** The {@link TokenHash} of a credential string (hash of its UTF-8 bytes). */
  public static TokenHash tokenHash(String credential) {
    return TokenHash.ofSha256(sha256(credential.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The {@link TokenHash} of a credential given as the bytes of its ASCII characters: the same as
   * {@link #tokenHash(String)} of that string (ASCII is its own UTF-8), without encoding it again.
   */
  public static TokenHash tokenHashOfAscii(byte[] ascii) {
    return TokenHash.ofSha256(sha256(ascii));
  }

  /** SHA-256 of the bytes. */
  public static byte[] sha256(byte[] bytes) {
    // digest() leaves the instance reset, and nothing else touches this thread's instance
    return SHA256.get().digest(bytes);
  }

  /**
   * SHA-256 of the ASCII bytes of {@code s}, base64url without padding (PKCE S256, RFC 7636 §4.2).
   */
  public static String sha256Base64Url(String s) {
    return B64URL.encodeToString(sha256(s.getBytes(StandardCharsets.US_ASCII)));
  }

  /** Constant-time comparison of two strings' UTF-8 bytes. */
  public static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
