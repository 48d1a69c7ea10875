package dev.keyway.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * The one-way SHA-256 hash of a high-entropy credential (authorization code, access token, refresh
 * token, pending-authorization id), base64url-encoded without padding: always 43 characters.
 *
 * <p>Stores key their records by this value and never see the credential itself, so a leaked
 * database yields nothing a client could present. The engine computes it; stores only compare it. A
 * hash is not secret, so {@link #toString()} prints it.
 *
 * <p>An immutable value: two hashes are equal when their {@link #value()}s are. It holds the 258
 * bits its 43 characters spell (6 per character), so that the engine can make one from a digest
 * without encoding it and a store can key by {@link #word(int) its bits} without decoding it; the
 * string is made once, when first asked for.
 */
public final class TokenHash {

  /** Characters in a hash: 256 bits, 6 per character, rounded up. */
  private static final int LENGTH = 43;

  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

  /** The value of each base64url character, -1 for any other ASCII character. */
  private static final byte[] SEXTET = sextets();

  /** Reads eight bytes of an array as one big-endian {@code long}. */
  private static final VarHandle BIG_ENDIAN_LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final long w0;
  private final long w1;
  private final long w2;
  private final long w3;
  private final long extra; // the 2 bits past 256 that the last character spells

  /**
   * The 43 characters, made when first asked for. A racy but safe cache: every thread that makes it
   * makes the same immutable string.
   */
  private String value;

  /**
   * A hash read back as its 43 characters, for example from a database column.
   *
   * @param value 43 base64url characters ({@code [A-Za-z0-9_-]}, no padding)
   * @throws IllegalArgumentException when it is not
   */
  public TokenHash(String value) {
    Objects.requireNonNull(value, "value");
    if (value.length() != LENGTH) {
      throw malformed();
    }
    long c0 = sixty(value, 0);
    long c1 = sixty(value, 10);
    long c2 = sixty(value, 20);
    long c3 = sixty(value, 30);
    long last = (sextet(value, 40) << 12) | (sextet(value, 41) << 6) | sextet(value, 42);
    if ((c0 | c1 | c2 | c3 | last) < 0) { // a character that is not base64url
      throw malformed();
    }
    this.w0 = (c0 << 4) | (c1 >>> 56);
    this.w1 = (c1 << 8) | (c2 >>> 52);
    this.w2 = (c2 << 12) | (c3 >>> 48);
    this.w3 = (c3 << 16) | (last >>> 2);
    this.extra = last & 3;
    this.value = value;
  }

  private TokenHash(long w0, long w1, long w2, long w3) {
    this.w0 = w0;
    this.w1 = w1;
    this.w2 = w2;
    this.w3 = w3;
    this.extra = 0;
  }

  /** Reads a stored hash back, for example from a database column; as the constructor. */
  public static TokenHash of(String value) {
    return new TokenHash(value);
  }

  /**
   * The hash whose bits are a SHA-256 digest: the same value as {@code new
   * TokenHash(base64url(digest))}, without making the string until it is asked for.
   *
   * @param digest the 32 bytes of a SHA-256 digest; read, not kept
   * @throws IllegalArgumentException when it is not 32 bytes long
   */
  public static TokenHash ofSha256(byte[] digest) {
    if (digest.length != 32) {
      throw new IllegalArgumentException("a SHA-256 digest is 32 bytes");
    }
    return new TokenHash(
        longAt(digest, 0), longAt(digest, 8), longAt(digest, 16), longAt(digest, 24));
  }

  /** The 43 base64url characters. */
  public String value() {
    String v = value;
    if (v == null) {
      v = encode();
      value = v;
    }
    return v;
  }

  /**
   * The bits the 43 characters spell, 6 per character, first character first, as five words: words
   * 0 to 3 are bits 0 to 255 (for a hash the engine computed, the SHA-256 digest's bytes in order,
   * big-endian), word 4 the last 2 bits in its low bits (0 for a digest's canonical encoding).
   * Distinct values never have the same five words, so a store may key by them instead of the
   * string, as {@code UUID} users key by its two halves.
   *
   * @param index 0 to 4
   * @throws IndexOutOfBoundsException for any other index
   */
  public long word(int index) {
    return switch (index) {
      case 0 -> w0;
      case 1 -> w1;
      case 2 -> w2;
      case 3 -> w3;
      case 4 -> extra;
      default -> throw new IndexOutOfBoundsException(index);
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenHash other
        && w0 == other.w0
        && w1 == other.w1
        && w2 == other.w2
        && w3 == other.w3
        && extra == other.extra;
  }

  @Override
  public int hashCode() {
    long h = w0 ^ (w1 * 31) ^ (w2 * 961) ^ (w3 * 29791) ^ extra;
    return (int) (h ^ (h >>> 32));
  }

  /** The 43 characters: a hash is not secret. */
  @Override
  public String toString() {
    return value();
  }

  private String encode() {
    char[] out = new char[LENGTH];
    // 258 bits as four runs of 60 (10 characters each) and the last 18 (3 characters)
    spell(out, 0, w0 >>> 4);
    spell(out, 10, (w0 << 56) | (w1 >>> 8));
    spell(out, 20, (w1 << 52) | (w2 >>> 12));
    spell(out, 30, (w2 << 48) | (w3 >>> 16));
    long last = ((w3 & 0xFFFF) << 2) | extra;
    out[40] = ALPHABET[(int) (last >>> 12) & 63];
    out[41] = ALPHABET[(int) (last >>> 6) & 63];
    out[42] = ALPHABET[(int) last & 63];
    return new String(out);
  }

  /** Writes the low 60 bits of {@code bits} as 10 characters from {@code at}. */
  private static void spell(char[] out, int at, long bits) {
    for (int i = 9; i >= 0; i--) {
      out[at + i] = ALPHABET[(int) bits & 63];
      bits >>>= 6;
    }
  }

  /**
   * The 60 bits that the 10 characters from {@code from} spell, first character first; negative
   * when one of them is not base64url.
   */
  private static long sixty(String v, int from) {
    long out = 0;
    long invalid = 0;
    for (int i = from; i < from + 10; i++) {
      long s = sextet(v, i);
      invalid |= s;
      out = (out << 6) | (s & 63);
    }
    return invalid < 0 ? -1 : out;
  }

  private static long sextet(String v, int i) {
    char c = v.charAt(i);
    return c < 128 ? SEXTET[c] : -1;
  }

  private static long longAt(byte[] b, int at) {
    return (long) BIG_ENDIAN_LONGS.get(b, at);
  }

  private static IllegalArgumentException malformed() {
    return new IllegalArgumentException("a token hash is 43 base64url characters");
  }

  private static byte[] sextets() {
    byte[] table = new byte[128];
    Arrays.fill(table, (byte) -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      table[ALPHABET[i]] = (byte) i;
    }
    return table;
  }
}
