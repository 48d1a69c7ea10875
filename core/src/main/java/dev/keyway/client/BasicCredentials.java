package dev.keyway.client;

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
record BasicCredentials(String clientId, PresentedSecret secret) {

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
   * from the header into bytes, then a string of the id; the secret stays in those bytes ({@link
   * PresentedSecret#ofAscii}). Anything else takes the general path.
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
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == ':') {
        colon = i;
        break;
      }
    }
    // printable ASCII, nothing to percent-decode: the strings are the bytes
    int notPlain = 0;
    for (byte b : bytes) {
      notPlain |= NOT_PLAIN[b & 0xFF];
    }
    boolean plain = notPlain == 0;
    if (colon <= 0) { // a ':' byte is never part of a multi-byte UTF-8 character
      return Optional.empty();
    }
    if (plain) {
      return Optional.of(
          new BasicCredentials(
              new String(bytes, 0, colon, StandardCharsets.ISO_8859_1),
              PresentedSecret.ofAscii(bytes, colon + 1, bytes.length - colon - 1)));
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
          : Optional.of(new BasicCredentials(id, PresentedSecret.of(secret)));
    } catch (FormDecoder.MalformedFormException | CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /**
   * Standard base64 with correct padding from {@code from} to the end of {@code s} ({@code
   * [A-Za-z0-9+/]+={0,2}}, length a multiple of four), decoded; {@code null} when it is not.
   * Accepts exactly what the JDK's basic decoder accepts once the length is a multiple of four
   * (unused bits of the last character are not checked, as there). The header's characters are
   * copied into bytes once (a character beyond Latin-1 becomes {@code '?'}, which is not base64
   * either), then each group of four is decoded without a branch; an invalid character anywhere
   * makes the accumulated check negative.
   */
  static byte[] decodeBase64(String s, int from) {
    int len = s.length() - from;
    if (len <= 0 || len % 4 != 0) {
      return null;
    }
    byte[] src = s.getBytes(StandardCharsets.ISO_8859_1);
    int end = src.length;
    int pad = src[end - 1] != '=' ? 0 : src[end - 2] != '=' ? 1 : 2;
    int whole = pad == 0 ? end : end - 4; // end of the groups that decode to three bytes
    byte[] out = new byte[len / 4 * 3 - pad];
    int invalid = 0;
    int o = 0;
    for (int i = from; i < whole; i += 4) {
      int a = SEXTETS[src[i] & 0xFF];
      int b = SEXTETS[src[i + 1] & 0xFF];
      int c = SEXTETS[src[i + 2] & 0xFF];
      int d = SEXTETS[src[i + 3] & 0xFF];
      invalid |= a | b | c | d;
      int bits = (a << 18) | (b << 12) | (c << 6) | d;
      out[o] = (byte) (bits >> 16);
      out[o + 1] = (byte) (bits >> 8);
      out[o + 2] = (byte) bits;
      o += 3;
    }
    if (pad > 0) { // the last group, padded: one or two bytes
      int a = SEXTETS[src[whole] & 0xFF];
      int b = SEXTETS[src[whole + 1] & 0xFF];
      invalid |= a | b;
      out[o] = (byte) ((a << 2) | (b >> 4));
      if (pad == 1) {
        int c = SEXTETS[src[whole + 2] & 0xFF];
        invalid |= c;
        out[o + 1] = (byte) ((b << 4) | (c >> 2));
      }
    }
    Arrays.fill(src, (byte) 0); // the header's copy spells the credentials too
    return invalid < 0 ? null : out;
  }

  /** Each byte's base64 value, or -1 (padding and every non-base64 byte included). */
  private static final byte[] SEXTETS = sextets();

  private static byte[] sextets() {
    byte[] table = new byte[256];
    Arrays.fill(table, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      table[alphabet.charAt(i)] = (byte) i;
    }
    return table;
  }

  /**
   * 1 for each byte the plain path cannot take as is: controls, DEL, {@code %} and {@code +} (to
   * percent-decode), and every non-ASCII byte (strict UTF-8 decoding); 0 for the rest.
   */
  private static final byte[] NOT_PLAIN = notPlain();

  private static byte[] notPlain() {
    byte[] table = new byte[256];
    for (int b = 0; b < 256; b++) {
      table[b] = (byte) (b < 0x20 || b >= 0x7F || b == '%' || b == '+' ? 1 : 0);
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
