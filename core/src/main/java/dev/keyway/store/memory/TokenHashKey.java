package dev.keyway.store.memory;

import dev.keyway.spi.TokenHash;

/**
 * How {@link AccessTokenTable} keys a token hash: by the 258 bits its 43 base64url characters spell
 * ({@link TokenHash#word}). Bits 0 to 255 are four key words (for a SHA-256 hash, the 32 digest
 * bytes big-endian); the last 2 bits, which a canonical encoding leaves zero, are kept apart as the
 * extra bits, so that any 43 base64url characters map to their own key. Reading them allocates
 * nothing but the key, and never the string: it runs on every insertion and lookup.
 */
final class TokenHashKey {

  /**
   * A token hash as the table compares it: the four key words, the extra bits and the {@link #mix
   * mixed} hash that picks its segment and home slot. One small value per operation, which the JIT
   * keeps in registers where the operation inlines.
   */
  record Key(long k0, long k1, long k2, long k3, long extra, long hash) {

    static Key of(TokenHash tokenHash) {
      long k0 = tokenHash.word(0);
      long k1 = tokenHash.word(1);
      long k2 = tokenHash.word(2);
      long k3 = tokenHash.word(3);
      long extra = tokenHash.word(4);
      return new Key(k0, k1, k2, k3, extra, mix(k0, k1, k2, k3, extra));
    }
  }

  private TokenHashKey() {}

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
