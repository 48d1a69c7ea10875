package dev.keyway.client;

import dev.keyway.Secret;
import dev.keyway.internal.FormDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Strict parsing of {@code Authorization: Basic} client credentials (RFC 6749 §2.3.1, RFC 7617):
 * the scheme (case-insensitive), one space, standard base64 with correct padding, UTF-8, a colon,
 * and an id and secret that were each {@code application/x-www-form-urlencoded} before encoding.
 * Anything else is not credentials at all.
 *
 * @param clientId the decoded client id
 * @param secret the decoded secret
 */
record BasicCredentials(String clientId, Secret secret) {

  /** Longest header accepted; real credentials are far shorter. */
  static final int MAX_HEADER_LENGTH = 4096;

  /** True when the header uses the Basic scheme, whatever its case. */
  static boolean isBasic(String header) {
    return header.length() >= 5
        && header.regionMatches(true, 0, "Basic", 0, 5)
        && (header.length() == 5 || header.charAt(5) == ' ');
  }

  /**
   * Parses a Basic header, or empty when it is malformed in any way. The usual header, an id and a
   * secret in printable ASCII without {@code %} or {@code +}, is read in one pass: base64 straight
   * from the header into bytes, then one string per part. Anything else takes the general path.
   */
  static Optional<BasicCredentials> parse(String header) {
    if (header.length() > MAX_HEADER_LENGTH || !isBasic(header) || header.length() < 7) {
      return Optional.empty();
    }
    byte[] bytes = decodeBase64(header, 6);
    if (bytes == null) {
      return Optional.empty();
    }
    int colon = -1;
    boolean plain = true; // printable ASCII, nothing to percent-decode: the strings are the bytes
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b == ':') {
        colon = colon < 0 ? i : colon;
      } else if (b < 0x20 || b == 0x7F || b == '%' || b == '+') { // b < 0: not ASCII
        plain = false;
      }
    }
    if (colon <= 0) { // a ':' byte is never part of a multi-byte UTF-8 character
      return Optional.empty();
    }
    if (plain) {
      return Optional.of(
          new BasicCredentials(
              new String(bytes, 0, colon, StandardCharsets.ISO_8859_1),
              Secret.of(
                  new String(
                      bytes, colon + 1, bytes.length - colon - 1, StandardCharsets.ISO_8859_1))));
    }
    return parseEncoded(bytes);
  }

  /** The general case: non-ASCII (strict UTF-8), percent-encoding or characters to refuse. */
  private static Optional<BasicCredentials> parseEncoded(byte[] bytes) {
    try {
      String decoded =
          isAscii(bytes) ? new String(bytes, StandardCharsets.ISO_8859_1) : strictUtf8(bytes);
      int colon = decoded.indexOf(':');
      String id = FormDecoder.decodeComponent(decoded.substring(0, colon));
      String secret = FormDecoder.decodeComponent(decoded.substring(colon + 1));
      return id.isEmpty()
          ? Optional.empty()
          : Optional.of(new BasicCredentials(id, Secret.of(secret)));
    } catch (FormDecoder.MalformedFormException | CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /**
   * Standard base64 with correct padding from {@code from} to the end of {@code s} ({@code
   * [A-Za-z0-9+/]+={0,2}}, length a multiple of four), decoded; {@code null} when it is not.
   * Accepts exactly what the JDK's basic decoder accepts once the length is a multiple of four
   * (unused bits of the last character are not checked, as there), without copying the header into
   * a substring and then into bytes first.
   */
  static byte[] decodeBase64(String s, int from) {
    int end = s.length();
    int len = end - from;
    if (len <= 0 || len % 4 != 0) {
      return null;
    }
    int pad = s.charAt(end - 1) != '=' ? 0 : s.charAt(end - 2) != '=' ? 1 : 2;
    byte[] out = new byte[len / 4 * 3 - pad];
    int o = 0;
    for (int i = from; i < end; i += 4) {
      int a = sextet(s.charAt(i));
      int b = sextet(s.charAt(i + 1));
      if ((a | b) < 0) {
        return null;
      }
      if (pad > 0 && i + 4 == end) { // the last unit, padded: one or two bytes
        out[o++] = (byte) ((a << 2) | (b >> 4));
        if (pad == 1) {
          int c = sextet(s.charAt(i + 2));
          if (c < 0) {
            return null;
          }
          out[o] = (byte) ((b << 4) | (c >> 2));
        }
        return out;
      }
      int c = sextet(s.charAt(i + 2));
      int d = sextet(s.charAt(i + 3));
      if ((c | d) < 0) {
        return null;
      }
      int bits = (a << 18) | (b << 12) | (c << 6) | d;
      out[o++] = (byte) (bits >> 16);
      out[o++] = (byte) (bits >> 8);
      out[o++] = (byte) bits;
    }
    return out;
  }

  /** The value of a standard base64 character, or -1 (padding included). */
  private static int sextet(char c) {
    return c < 128 ? SEXTETS[c] : -1;
  }

  private static final byte[] SEXTETS = sextets();

  private static byte[] sextets() {
    byte[] table = new byte[128];
    Arrays.fill(table, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      table[alphabet.charAt(i)] = (byte) i;
    }
    return table;
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  /** UTF-8 that refuses malformed input instead of replacing it. */
  private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  /**
   * True for standard base64 with correct padding: {@code [A-Za-z0-9+/]+={0,2}}, length a multiple
   * of four.
   */
  static boolean isBase64(String token) {
    return decodeBase64(token, 0) != null;
  }

  @Override
  public String toString() {
    return "BasicCredentials[" + clientId + ", secret=[redacted]]";
  }
}
