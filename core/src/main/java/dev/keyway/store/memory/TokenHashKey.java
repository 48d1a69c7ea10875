package dev.keyway.store.memory;

import dev.keyway.spi.TokenHash;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How {@link AccessTokenTable} reads a token hash: its 43 base64url characters spell 258 bits, 6
 * per character, first character first. Bits 0 to 255 are four key words (for a canonical SHA-256
 * encoding, the 32 digest bytes big-endian); the last 2 bits, which a canonical encoding leaves
 * zero, are kept apart as the extra bits, so that any 43 base64url characters map to their own key.
 * The static methods allocate nothing: they run on every insertion and lookup.
 */
final class TokenHashKey {

  /**
   * A token hash as the table compares it: the four key words, the extra bits and the {@link #mix
   * mixed} hash that picks its segment and home slot. One small value per operation, which the JIT
   * keeps in registers where the operation inlines.
   */
  record Key(long k0, long k1, long k2, long k3, long extra, long hash) {

    static Key of(TokenHash tokenHash) {
      String v = tokenHash.value();
      long k0 = word(v, 0);
      long k1 = word(v, 1);
      long k2 = word(v, 2);
      long k3 = word(v, 3);
      long extra = extraBits(v);
      return new Key(k0, k1, k2, k3, extra, mix(k0, k1, k2, k3, extra));
    }
  }

  /** The value of each base64url character, -1 for any other ASCII character. */
  private static final byte[] SEXTET = new byte[128];

  static {
    byte[] alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
            .getBytes(StandardCharsets.US_ASCII);
    Arrays.fill(SEXTET, (byte) -1);
    for (int i = 0; i < alphabet.length; i++) {
      SEXTET[alphabet[i]] = (byte) i;
    }
  }

  private TokenHashKey() {}

  /**
   * Bits {@code [64w, 64w + 64)} of the 258-bit string the 43 characters spell, 6 bits each, first
   * character first; word 4 holds the last 2 bits at its top. No allocation.
   */
  static long word(String value, int w) {
    int firstBit = 64 * w;
    int last = Math.min(42, (firstBit + 63) / 6);
    long out = 0;
    for (int i = firstBit / 6; i <= last; i++) {
      long sextet = SEXTET[value.charAt(i)];
      int shift = firstBit + 58 - 6 * i;
      out |= shift >= 0 ? sextet << shift : sextet >>> -shift;
    }
    return out;
  }

  /** The 2 bits of the 43rd character beyond the 256 of the key words. */
  static long extraBits(String value) {
    return SEXTET[value.charAt(42)] & 3L;
  }

  /** Spreads every bit of the key over the hash, also for keys that are not SHA-256 outputs. */
  static long mix(long k0, long k1, long k2, long k3, long extra) {
    long h = k0;
    h = h * 0x9E3779B97F4A7C15L + k1;
    h = h * 0x9E3779B97F4A7C15L + k2;
    h = h * 0x9E3779B97F4A7C15L + k3;
    h = h * 0x9E3779B97F4A7C15L + extra;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
