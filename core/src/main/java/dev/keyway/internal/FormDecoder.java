package dev.keyway.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict {@code application/x-www-form-urlencoded} decoding (WHATWG URL §5.1, RFC 6749 Appendix B)
 * of a query string or a form body.
 *
 * <p>Stricter than the JDK's {@code URLDecoder}: a malformed percent-escape, bytes that are not
 * valid UTF-8 (overlong forms, lone continuation bytes, truncated sequences), and control
 * characters ({@code %x00-1F}, {@code %x7F}) are refused rather than replaced, so a request that
 * could be read two ways is read no way at all.
 */
public final class FormDecoder {

  /** The most parameters one request may carry. */
  public static final int MAX_PARAMETERS = 100;

  private FormDecoder() {}

  /** Thrown for input that is not valid form encoding; its message is safe to show. */
  public static final class MalformedFormException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedFormException(String message) {
      super(message, null, false, false);
    }
  }

  /** Decodes a query string or body; an empty or null input gives no parameters. */
  public static Parameters decode(String encoded) throws MalformedFormException {
    if (encoded == null || encoded.isEmpty()) {
      return Parameters.empty();
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    int count = 0;
    int start = 0;
    int len = encoded.length();
    while (start <= len) {
      int amp = encoded.indexOf('&', start);
      int end = amp < 0 ? len : amp;
      if (end > start) {
        if (++count > MAX_PARAMETERS) {
          throw new MalformedFormException("Too many parameters");
        }
        String pair = encoded.substring(start, end);
        int eq = pair.indexOf('=');
        String name = decodeComponent(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decodeComponent(pair.substring(eq + 1));
        out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
      }
      if (amp < 0) {
        break;
      }
      start = amp + 1;
    }
    return Parameters.owning(out);
  }

  /** Decodes a form body given as bytes (must be ASCII on the wire). */
  public static Parameters decode(byte[] body) throws MalformedFormException {
    for (byte b : body) {
      if (b < 0x20 || b == 0x7F) { // negative bytes are non-ASCII: not allowed unencoded
        throw new MalformedFormException("The body is not valid form encoding");
      }
    }
    return decode(new String(body, StandardCharsets.US_ASCII));
  }

  /** Decodes one percent-encoded component, {@code +} meaning space. */
  public static String decodeComponent(String s) throws MalformedFormException {
    boolean plain = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' || c == '+' || c < 0x20 || c >= 0x7F) {
        plain = false;
        break;
      }
    }
    if (plain) {
      return s;
    }
    ByteBuffer bytes = ByteBuffer.allocate(s.length() * 4);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+') {
        bytes.put((byte) ' ');
      } else if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new MalformedFormException("Malformed percent-encoding");
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new MalformedFormException("Malformed percent-encoding");
        }
        bytes.put((byte) ((hi << 4) | lo));
        i += 2;
      } else if (c < 0x80) {
        bytes.put((byte) c);
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          utf8 = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.put(utf8);
      }
    }
    bytes.flip();
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    String decoded;
    try {
      decoded = decoder.decode(bytes).toString();
    } catch (CharacterCodingException e) {
      throw new MalformedFormException("Parameters must be valid UTF-8");
    }
    for (int i = 0; i < decoded.length(); i++) {
      char c = decoded.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        throw new MalformedFormException("Parameters must not contain control characters");
      }
    }
    return decoded;
  }
}
