package dev.keyway.store.memory;

import dev.keyway.spi.TokenHash;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How {@link AccessTokenTable} reads a token hash: its 43 base64url characters spell 258 bits, 6
 * per character, first character first. Bits 0 to 255 are four key words (for a canonical SHA-256
 * encoding, the 32 digest bytes big-endian); the last 2 bits, which a canonical encoding leaves
 * zero, are kept apart as the extra bits, so that any 43 base64url characters map to their own key.
 * Decoding allocates nothing but the key: it runs on every insertion and lookup.
 */
final class TokenHashKey {

  /**
   * A token hash as the table compares it: the four key words, the extra bits and the {@link #mix
   * mixed} hash that picks its segment and home slot. One small value per operation, which the JIT
   * keeps in registers where the operation inlines.
   */
  record Key(long k0, long k1, long k2, long k3, long extra, long hash) {

    static Key of(TokenHash tokenHash) {
      return decode(tokenHash.value());
    }

    /**
     * Reads 43 base64url characters: four runs of 10 characters (60 bits each) and the last 3 (18
     * bits), shifted into place.
     */
    static Key decode(String v) {
      long c0 = sixty(v, 0);
      long c1 = sixty(v, 10);
      long c2 = sixty(v, 20);
      long c3 = sixty(v, 30);
      long last = (sextet(v, 40) << 12) | (sextet(v, 41) << 6) | sextet(v, 42);
      long k0 = (c0 << 4) | (c1 >>> 56);
      long k1 = (c1 << 8) | (c2 >>> 52);
      long k2 = (c2 << 12) | (c3 >>> 48);
      long k3 = (c3 << 16) | (last >>> 2);
      long extra = last & 3;
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

  /** The 60 bits that the 10 characters from {@code from} spell, first character first. */
  private static long sixty(String v, int from) {
    long out = 0;
    for (int i = from; i < from + 10; i++) {
      out = (out << 6) | sextet(v, i);
    }
    return out;
  }

  private static long sextet(String v, int i) {
    return SEXTET[v.charAt(i)];
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
