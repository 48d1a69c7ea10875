package dev.keyway.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * Generates credentials: 256 bits from {@link SecureRandom}, base64url without padding (43
 * characters). Used for codes, access and refresh tokens, pending-authorization ids and client
 * secrets.
 *
 * <p>Random bytes are drawn from Hash_DRBG (SHA-256) a kilobyte at a time into a small set of
 * striped pools, each with its own generator and lock, and handed out 32 bytes per credential; the
 * bytes handed out are wiped from the pool at once. One large draw costs about one SHA-256 per 32
 * bytes where 32 small draws cost two each plus the generator's locking, and threads on different
 * stripes never contend. Holding not-yet-issued random bytes in memory exposes nothing that the
 * generator's own state (which determines every future output) does not already.
 */
public final class SecureTokens {

  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  /** Bytes per credential: 256 bits. */
  static final int TOKEN_BYTES = 32;

  /** The base64url alphabet (RFC 4648 §5), each character at its value. */
  private static final byte[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
          .getBytes(StandardCharsets.US_ASCII);

  private static final RandomPool[] POOLS = newPools();

  private SecureTokens() {}

  /** A fresh 256-bit random credential, 43 base64url characters. */
  public static String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    pool().next(bytes);
    return B64URL.encodeToString(bytes);
  }

  /**
   * A fresh credential as {@link #newToken()} makes it, given as the bytes of its 43 ASCII
   * characters: for a caller that hashes it ({@link Hashing#tokenHashOfAscii}) before making it a
   * string, so the characters are not copied out of a string again to be hashed.
   */
  public static byte[] newTokenAscii() {
    return pool().nextBase64Url();
  }

  /**
   * The 43 base64url characters (no padding) of the 32 bytes {@code src[from, from + 32)}, as the
   * JDK's URL encoder without padding writes them.
   */
  static byte[] base64Url32(byte[] src, int from) {
    byte[] out = new byte[43];
    int o = 0;
    for (int i = from; i < from + 30; i += 3) { // ten groups of 3 bytes, 4 characters each
      int bits = ((src[i] & 0xFF) << 16) | ((src[i + 1] & 0xFF) << 8) | (src[i + 2] & 0xFF);
      out[o] = ALPHABET[bits >>> 18];
      out[o + 1] = ALPHABET[(bits >>> 12) & 63];
      out[o + 2] = ALPHABET[(bits >>> 6) & 63];
      out[o + 3] = ALPHABET[bits & 63];
      o += 4;
    }
    int bits = ((src[from + 30] & 0xFF) << 16) | ((src[from + 31] & 0xFF) << 8); // 3 characters
    out[40] = ALPHABET[bits >>> 18];
    out[41] = ALPHABET[(bits >>> 12) & 63];
    out[42] = ALPHABET[(bits >>> 6) & 63];
    return out;
  }

  /**
   * A random identifier that is not a secret (grant ids, client ids): a version 4 UUID (RFC 9562
   * §5.4), its 122 random bits from the same pools. {@code UUID.randomUUID()} would go through the
   * JDK's default generator instead, which reads the OS source and runs SHA-1 on every call.
   */
  public static String newId() {
    byte[] b = new byte[16];
    pool().next(b);
    b[6] = (byte) ((b[6] & 0x0f) | 0x40); // version 4
    b[8] = (byte) ((b[8] & 0x3f) | 0x80); // variant 10
    ByteBuffer words = ByteBuffer.wrap(b);
    return new UUID(words.getLong(), words.getLong()).toString();
  }

  /** This thread's stripe. */
  private static RandomPool pool() {
    return POOLS[(int) Thread.currentThread().getId() & (POOLS.length - 1)];
  }

  /** One stripe: a generator and the unused part of its last draw, guarded by the pool's lock. */
  static final class RandomPool {
    private final byte[] buffer = new byte[TOKEN_BYTES * 32];
    private int position = buffer.length;
    private SecureRandom random; // created on first use: seeding reads the OS entropy source

    /** Fills {@code out} (at most the pool's size) with bytes no other call ever receives. */
    synchronized void next(byte[] out) {
      ensure(out.length);
      System.arraycopy(buffer, position, out, 0, out.length);
      Arrays.fill(buffer, position, position + out.length, (byte) 0);
      position += out.length;
    }

    /**
     * A credential's 43 base64url characters, encoded straight from the next 32 bytes, which no
     * other call ever receives: the random bytes are never copied out of the pool.
     */
    synchronized byte[] nextBase64Url() {
      ensure(TOKEN_BYTES);
      byte[] ascii = base64Url32(buffer, position);
      Arrays.fill(buffer, position, position + TOKEN_BYTES, (byte) 0);
      position += TOKEN_BYTES;
      return ascii;
    }

    /** Draws a new kilobyte when fewer than {@code wanted} bytes are left (the rest is dropped). */
    private void ensure(int wanted) {
      if (position + wanted > buffer.length) {
        Arrays.fill(buffer, position, buffer.length, (byte) 0);
        if (random == null) {
          random = newRandom();
        }
        random.nextBytes(buffer);
        position = 0;
      }
    }
  }

  /** A power of two at least twice the processors, at most 64. */
  private static RandomPool[] newPools() {
    int wanted = Math.min(64, 2 * Runtime.getRuntime().availableProcessors());
    int stripes = Integer.highestOneBit(Math.max(1, wanted - 1)) << 1;
    RandomPool[] pools = new RandomPool[stripes];
    for (int i = 0; i < stripes; i++) {
      pools[i] = new RandomPool();
    }
    return pools;
  }

  private static SecureRandom newRandom() {
    try {
      // Hash_DRBG scales better across threads than the default NativePRNG (perf-anchors.md).
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
