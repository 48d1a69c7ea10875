package dev.keyway.internal;

import dev.keyway.spi.TokenHash;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** SHA-256 of credentials, the only form in which stores ever see them. */
public final class Hashing {

  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final ThreadLocal<Sha256> SHA256 = ThreadLocal.withInitial(Sha256::new);

  /** A thread's SHA-256 and the array its digests are written to when no caller keeps them. */
  private static final class Sha256 {
    final MessageDigest digest = newSha256();
    final byte[] scratch = new byte[32];
  }

  private Hashing() {}

  /** The {@link TokenHash} of a credential string (hash of its UTF-8 bytes). */
  public static TokenHash tokenHash(String credential) {
    byte[] utf8 = credential.getBytes(StandardCharsets.UTF_8);
    return TokenHash.ofSha256(sha256Scratch(utf8, 0, utf8.length)); // read, not kept
  }

  /**
   * The {@link TokenHash} of a credential given as the bytes of its ASCII characters: the same as
   * {@link #tokenHash(String)} of that string (ASCII is its own UTF-8), without encoding it again.
   */
  public static TokenHash tokenHashOfAscii(byte[] ascii) {
    return TokenHash.ofSha256(sha256Scratch(ascii, 0, ascii.length)); // read, not kept
  }

  /** SHA-256 of the bytes. */
  public static byte[] sha256(byte[] bytes) {
    // digest() leaves the instance reset, and nothing else touches this thread's instance
    return SHA256.get().digest.digest(bytes);
  }

  /**
   * SHA-256 of {@code bytes[from, from + length)}, written to this thread's scratch array, which is
   * returned: valid until this thread's next call, so the caller reads it at once and never keeps
   * or hands it on. Spares a new array per digest on the hot paths (a token's hash, a secret's
   * check).
   */
  public static byte[] sha256Scratch(byte[] bytes, int from, int length) {
    Sha256 sha256 = SHA256.get();
    sha256.digest.update(bytes, from, length);
    try {
      sha256.digest.digest(sha256.scratch, 0, 32);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 writes 32 bytes", e);
    }
    return sha256.scratch;
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
