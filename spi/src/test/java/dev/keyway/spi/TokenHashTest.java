package dev.keyway.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A token hash made from its characters or from a digest is one value, whichever way it came. */
class TokenHashTest {

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private static String randomValue(Random random) {
    StringBuilder b = new StringBuilder(43);
    for (int i = 0; i < 43; i++) {
      b.append(ALPHABET.charAt(random.nextInt(64)));
    }
    return b.toString();
  }

  /** The 258 bits the characters spell, computed independently of the class (one big integer). */
  private static BigInteger bitsOf(String v) {
    BigInteger bits = BigInteger.ZERO;
    for (int i = 0; i < v.length(); i++) {
      bits = bits.shiftLeft(6).or(BigInteger.valueOf(ALPHABET.indexOf(v.charAt(i))));
    }
    return bits;
  }

  private static BigInteger wordsOf(TokenHash h) {
    BigInteger bits = BigInteger.ZERO;
    for (int w = 0; w < 4; w++) {
      bits = bits.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(h.word(w))));
    }
    assertThat(h.word(4)).isBetween(0L, 3L);
    return bits.shiftLeft(2).or(BigInteger.valueOf(h.word(4)));
  }

  @Test
  void theWordsAreTheBitsTheCharactersSpell() {
    Random random = new Random(11);
    for (int i = 0; i < 5_000; i++) {
      String v = randomValue(random); // the last character is non-canonical 3 times in 4
      TokenHash h = new TokenHash(v);
      assertThat(wordsOf(h)).as(v).isEqualTo(bitsOf(v));
      assertThat(h.value()).isSameAs(v);
    }
  }

  @Test
  void aDigestHashIsTheBase64UrlOfTheDigest() {
    Random random = new Random(5);
    for (int i = 0; i < 5_000; i++) {
      byte[] digest = new byte[32];
      random.nextBytes(digest);
      String encoded = B64URL.encodeToString(digest);
      TokenHash fromDigest = TokenHash.ofSha256(digest);
      TokenHash fromString = TokenHash.of(encoded);
      assertThat(fromDigest.value()).isEqualTo(encoded);
      assertThat(fromDigest.toString()).isEqualTo(encoded);
      assertThat(fromDigest).isEqualTo(fromString).hasSameHashCodeAs(fromString);
      ByteBuffer bytes = ByteBuffer.wrap(digest);
      for (int w = 0; w < 4; w++) {
        assertThat(fromDigest.word(w)).isEqualTo(bytes.getLong(8 * w));
      }
      assertThat(fromDigest.word(4)).isZero();
    }
  }

  @Test
  void valuesThatDifferOnlyInTheLastTwoBitsAreDifferent() {
    String prefix = randomValue(new Random(3)).substring(0, 42);
    Set<TokenHash> distinct = new HashSet<>();
    for (int last = 0; last < 64; last++) {
      TokenHash h = TokenHash.of(prefix + ALPHABET.charAt(last));
      assertThat(distinct.add(h)).isTrue();
      assertThat(TokenHash.of(h.value())).isEqualTo(h);
    }
    assertThat(TokenHash.of(prefix + "A")).isNotEqualTo(TokenHash.of(prefix + "D"));
  }

  @Test
  void theStringOfAHashMadeFromWordsRoundTrips() {
    Random random = new Random(9);
    for (int i = 0; i < 2_000; i++) {
      String v = randomValue(random);
      TokenHash h = TokenHash.of(v);
      // a digest built from the first 256 bits encodes to the same first 42 characters
      ByteBuffer digest = ByteBuffer.allocate(32);
      for (int w = 0; w < 4; w++) {
        digest.putLong(h.word(w));
      }
      String canonical = TokenHash.ofSha256(digest.array()).value();
      assertThat(canonical.substring(0, 42)).isEqualTo(v.substring(0, 42));
      assertThat(ALPHABET.indexOf(canonical.charAt(42)) & 3).isZero();
    }
  }

  @Test
  void theCharactersRebuiltFromTheBitsAreTheOnesGiven() throws Exception {
    // A hash read from characters keeps them; clearing that cache makes value() spell the bits
    // again, including the 2 bits past 256 that a digest never has.
    Field cached = TokenHash.class.getDeclaredField("value");
    cached.setAccessible(true);
    Random random = new Random(13);
    for (int i = 0; i < 5_000; i++) {
      String v = randomValue(random);
      TokenHash h = TokenHash.of(v);
      cached.set(h, null);
      assertThat(h.value()).isEqualTo(v).isNotSameAs(v);
      assertThat(h.value()).isSameAs(h.value()); // made once
    }
  }

  @Test
  void anythingButFortyThreeBase64UrlCharactersIsRefused() {
    String good = "A".repeat(43);
    assertThat(TokenHash.of(good).value()).isEqualTo(good);
    for (String bad :
        new String[] {
          "",
          "A".repeat(42),
          "A".repeat(44),
          "+".repeat(43),
          "/" + "A".repeat(42),
          "A".repeat(42) + "=",
          "A".repeat(42) + "é",
          "A".repeat(20) + "\u0100" + "A".repeat(22),
          "A".repeat(9) + " " + "A".repeat(33),
          "A".repeat(39) + "." + "AAA",
          "A".repeat(15) + "*" + "A".repeat(27),
          "A".repeat(40) + "~AA"
        }) {
      assertThatThrownBy(() -> TokenHash.of(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> TokenHash.of(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> TokenHash.ofSha256(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TokenHash.of(good).word(5))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> TokenHash.of(good).word(-1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void aDigestIsReadNotKept() {
    byte[] digest = new byte[32];
    TokenHash h = TokenHash.ofSha256(digest);
    digest[0] = 1;
    assertThat(h).isEqualTo(TokenHash.ofSha256(new byte[32]));
    assertThat(h.value()).isEqualTo("A".repeat(43));
  }
}
