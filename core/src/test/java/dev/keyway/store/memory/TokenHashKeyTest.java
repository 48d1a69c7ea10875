package dev.keyway.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.spi.TokenHash;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** How the access-token table reads a token hash into key words and extra bits. */
class TokenHashKeyTest {

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private static String randomValue(Random random) {
    StringBuilder b = new StringBuilder(43);
    for (int i = 0; i < 43; i++) {
      b.append(ALPHABET.charAt(random.nextInt(64)));
    }
    return b.toString();
  }

  /**
   * The 43 characters that spell the key words then the 2 extra bits, 6 bits per character: the
   * inverse of the codec, computed independently of it (through one 258-bit integer).
   */
  private static String spell(long k0, long k1, long k2, long k3, long extra) {
    BigInteger bits = BigInteger.ZERO;
    for (long word : new long[] {k0, k1, k2, k3}) {
      bits = bits.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(word)));
    }
    bits = bits.shiftLeft(2).or(BigInteger.valueOf(extra));
    char[] out = new char[43];
    for (int i = 42; i >= 0; i--) {
      out[i] = ALPHABET.charAt(bits.intValue() & 63);
      bits = bits.shiftRight(6);
    }
    assertThat(bits.signum()).isZero();
    return new String(out);
  }

  private static long word(String v, int w) {
    TokenHashKey.Key key = TokenHashKey.Key.of(TokenHash.of(v));
    return new long[] {key.k0(), key.k1(), key.k2(), key.k3()}[w];
  }

  private static long extraBits(String v) {
    return TokenHashKey.Key.of(TokenHash.of(v)).extra();
  }

  private static String roundTrip(String v) {
    long extra = extraBits(v);
    assertThat(extra).isBetween(0L, 3L);
    return spell(word(v, 0), word(v, 1), word(v, 2), word(v, 3), extra);
  }

  @Test
  void anyFortyThreeBase64UrlCharactersRoundTripExactly() {
    Random random = new Random(42);
    List<String> values = new ArrayList<>();
    values.add("A".repeat(43));
    values.add("_".repeat(43));
    values.add("h".repeat(43));
    values.add("A".repeat(42) + "B"); // differs from all-A only in the 2 bits past 256
    String prefix = randomValue(random).substring(0, 42);
    for (int last = 0; last < 64; last++) { // canonical (low 2 bits zero) or not
      values.add(prefix + ALPHABET.charAt(last));
    }
    for (int i = 0; i < 10_000; i++) {
      values.add(randomValue(random)); // the last character is non-canonical 3 times in 4
    }
    for (String v : values) {
      assertThat(roundTrip(v)).as(v).isEqualTo(v);
    }
  }

  @Test
  void theKeyWordsOfACanonicalEncodingAreTheDigestBytesBigEndian() {
    Random random = new Random(7);
    for (int i = 0; i < 1_000; i++) {
      byte[] digest = new byte[32];
      random.nextBytes(digest);
      String v = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
      ByteBuffer bytes = ByteBuffer.wrap(digest);
      for (int w = 0; w < 4; w++) {
        assertThat(word(v, w)).isEqualTo(bytes.getLong(8 * w));
      }
      assertThat(extraBits(v)).isZero();
    }
  }

  @Test
  void mixDiffersWhenOnlyTheExtraBitsDiffer() {
    Random random = new Random(3);
    for (int i = 0; i < 10_000; i++) {
      long k0 = random.nextLong();
      long k1 = random.nextLong();
      long k2 = random.nextLong();
      long k3 = random.nextLong();
      for (long a = 0; a < 4; a++) {
        for (long b = a + 1; b < 4; b++) {
          assertThat(TokenHashKey.mix(k0, k1, k2, k3, a))
              .isNotEqualTo(TokenHashKey.mix(k0, k1, k2, k3, b));
        }
      }
    }
    // and so for two values that differ only in the low 2 bits of their last character
    String prefix = randomValue(random).substring(0, 42);
    String a = prefix + "A"; // sextet 0
    String d = prefix + "D"; // sextet 3: the same top 4 bits
    for (int w = 0; w < 4; w++) {
      assertThat(word(a, w)).isEqualTo(word(d, w));
    }
    assertThat(mixOf(a)).isNotEqualTo(mixOf(d));
  }

  private static long mixOf(String v) {
    long mixed = TokenHashKey.mix(word(v, 0), word(v, 1), word(v, 2), word(v, 3), extraBits(v));
    assertThat(TokenHashKey.Key.of(TokenHash.of(v)).hash()).isEqualTo(mixed);
    return mixed;
  }
}
