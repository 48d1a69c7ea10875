package dev.keyway.authorize;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of query values (RFC 3986 §2.1): the UTF-8 bytes of a value, with only the
 * unreserved characters ({@code ALPHA / DIGIT / "-" / "." / "_" / "~"}, §2.3) left literal. The
 * result is pure ASCII and decodes to exactly the original value, so {@code state} round-trips byte
 * for byte and no header can be smuggled through a {@code Location}.
 */
final class PercentEncoding {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentEncoding() {}

  /** Encodes {@code value}; every character outside the unreserved set becomes {@code %XX}. */
  static String encode(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (isUnreserved(c)) {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0F]);
      }
    }
    return sb.toString();
  }

  /** Appends {@code name=value} pairs, each encoded, separated by {@code &}. */
  static void appendPair(StringBuilder sb, String name, String value) {
    if (sb.length() > 0) {
      char last = sb.charAt(sb.length() - 1);
      if (last != '?' && last != '&') {
        sb.append('&');
      }
    }
    sb.append(encode(name)).append('=').append(encode(value));
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }
}
