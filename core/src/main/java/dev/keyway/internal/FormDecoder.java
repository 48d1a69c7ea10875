package dev.keyway.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
    Parameters.Builder out = new Parameters.Builder();
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
        out.add(name, value);
      }
      if (amp < 0) {
        break;
      }
      start = amp + 1;
    }
    return out.build();
  }

  /**
   * Decodes a form body given as bytes (must be ASCII on the wire). Works on the bytes directly: a
   * component without {@code %} or {@code +} becomes a string in one copy, the common case on the
   * token endpoint.
   */
  public static Parameters decode(byte[] body) throws MalformedFormException {
    int len = body.length;
    if (len == 0) {
      return Parameters.empty();
    }
    Parameters.Builder out = new Parameters.Builder();
    int count = 0;
    int start = 0;
    int eq = -1; // the first '=' of the current pair
    boolean escaped = false; // the current pair has a '%' or '+'
    for (int i = 0; i <= len; i++) {
      while (i < len && KINDS[body[i] & 0xFF] == PLAIN) {
        i++; // the run of plain bytes up to the next byte that means something
      }
      int kind = i < len ? KINDS[body[i] & 0xFF] : AMPERSAND;
      if (kind == AMPERSAND) {
        if (i > start) {
          if (++count > MAX_PARAMETERS) {
            throw new MalformedFormException("Too many parameters");
          }
          int nameEnd = eq < 0 ? i : eq;
          out.add(
              component(body, start, nameEnd, escaped),
              eq < 0 ? "" : component(body, eq + 1, i, escaped));
        }
        start = i + 1;
        eq = -1;
        escaped = false;
      } else if (kind == FORBIDDEN) {
        throw new MalformedFormException("The body is not valid form encoding");
      } else if (kind == EQUALS) {
        eq = eq < 0 ? i : eq;
      } else {
        escaped = true;
      }
    }
    return out.build();
  }

  private static final byte PLAIN = 0;
  private static final byte AMPERSAND = 1;
  private static final byte EQUALS = 2;
  private static final byte ESCAPE = 3;
  private static final byte FORBIDDEN = 4;

  /**
   * What each byte of a body is to the decoder: a separator, the start of an escape ({@code %},
   * {@code +}), forbidden unencoded (controls, DEL and every non-ASCII byte), or plain.
   */
  private static final byte[] KINDS = kinds();

  private static byte[] kinds() {
    byte[] kinds = new byte[256];
    for (int b = 0; b < 256; b++) {
      kinds[b] =
          b == '&'
              ? AMPERSAND
              : b == '='
                  ? EQUALS
                  : b == '%' || b == '+' ? ESCAPE : b < 0x20 || b >= 0x7F ? FORBIDDEN : PLAIN;
    }
    return kinds;
  }

  /**
   * One component of an ASCII body (checked by the caller), percent-decoded when needed. A
   * component spelling one of the {@link #KNOWN} names and values is that constant: no string to
   * build, and later lookups by the same constant match at the first comparison.
   */
  private static String component(byte[] body, int from, int to, boolean escaped)
      throws MalformedFormException {
    if (!escaped) {
      String known = known(body, from, to);
      if (known != null) {
        return known;
      }
    }
    String raw = new String(body, from, to - from, StandardCharsets.ISO_8859_1);
    return escaped ? decodeComponent(raw) : raw;
  }

  /**
   * The parameter names and values of the token, revocation and introspection endpoints (RFC 6749
   * §4, §6; RFC 7009; RFC 7523; RFC 7636), as they appear unescaped in nearly every request.
   */
  private static final String[] KNOWN = {
    "grant_type",
    "client_credentials",
    "authorization_code",
    "refresh_token",
    "scope",
    "code",
    "redirect_uri",
    "code_verifier",
    "client_id",
    "client_secret",
    "client_assertion",
    "client_assertion_type",
    "token",
    "token_type_hint",
    "access_token"
  };

  /**
   * The {@link #KNOWN} strings by {@link #slot}, and their bytes: one candidate to compare per
   * component instead of a search. The slot formula puts each known string in a slot of its own,
   * which the class checks as it loads.
   */
  private static final String[] KNOWN_BY_SLOT = new String[32];

  private static final byte[][] KNOWN_BYTES_BY_SLOT = new byte[32][];

  static {
    for (String known : KNOWN) {
      byte[] bytes = known.getBytes(StandardCharsets.US_ASCII);
      int slot = slot(bytes.length, bytes[0], bytes[bytes.length - 1]);
      if (KNOWN_BY_SLOT[slot] != null) {
        throw new IllegalStateException(known + " shares a slot with " + KNOWN_BY_SLOT[slot]);
      }
      KNOWN_BY_SLOT[slot] = known;
      KNOWN_BYTES_BY_SLOT[slot] = bytes;
    }
  }

  /** Where a component of this length, first and last byte would be among the known strings. */
  private static int slot(int length, byte first, byte last) {
    return (length * 14 + first + last) & 31;
  }

  /** The {@link #KNOWN} string whose bytes are {@code body[from..to)}, or {@code null}. */
  private static String known(byte[] body, int from, int to) {
    int length = to - from;
    if (length == 0) {
      return null;
    }
    int slot = slot(length, body[from], body[to - 1]);
    byte[] candidate = KNOWN_BYTES_BY_SLOT[slot];
    return candidate != null
            && candidate.length == length
            && Arrays.equals(body, from, to, candidate, 0, length)
        ? KNOWN_BY_SLOT[slot]
        : null;
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
    byte[] bytes = new byte[s.length() * 4]; // a char is at most 4 UTF-8 bytes
    int n = 0;
    boolean ascii = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+') {
        bytes[n++] = (byte) ' ';
      } else if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new MalformedFormException("Malformed percent-encoding");
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new MalformedFormException("Malformed percent-encoding");
        }
        byte b = (byte) ((hi << 4) | lo);
        ascii &= b >= 0;
        bytes[n++] = b;
        i += 2;
      } else if (c < 0x80) {
        bytes[n++] = (byte) c;
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          utf8 = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        System.arraycopy(utf8, 0, bytes, n, utf8.length);
        n += utf8.length;
        ascii = false;
      }
    }
    // ASCII needs no charset decoder: one copy (escaped URIs, the usual escaped values)
    String decoded =
        ascii
            ? new String(bytes, 0, n, StandardCharsets.ISO_8859_1)
            : strictUtf8(ByteBuffer.wrap(bytes, 0, n));
    for (int i = 0; i < decoded.length(); i++) {
      char c = decoded.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        throw new MalformedFormException("Parameters must not contain control characters");
      }
    }
    return decoded;
  }

  private static String strictUtf8(ByteBuffer bytes) throws MalformedFormException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return decoder.decode(bytes).toString();
    } catch (CharacterCodingException e) {
      throw new MalformedFormException("Parameters must be valid UTF-8");
    }
  }
}
