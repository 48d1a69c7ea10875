package dev.keyway.client;

import dev.keyway.Secret;
import dev.keyway.internal.FormDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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

  /** Parses a Basic header, or empty when it is malformed in any way. */
  static Optional<BasicCredentials> parse(String header) {
    if (header.length() > MAX_HEADER_LENGTH || !isBasic(header) || header.length() < 7) {
      return Optional.empty();
    }
    byte[] bytes = decodeBase64(header, 6);
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      // ASCII (the usual case) needs no charset decoder; anything else must be strict UTF-8
      String decoded =
          isAscii(bytes) ? new String(bytes, StandardCharsets.ISO_8859_1) : strictUtf8(bytes);
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        return Optional.empty();
      }
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
   * [A-Za-z0-9+/]+={0,2}}, length a multiple of four), decoded; {@code null} when it is not. The
   * JDK's basic decoder refuses every character outside the alphabet and any misplaced {@code =};
   * it only tolerates missing padding, which the length check refuses.
   */
  private static byte[] decodeBase64(String s, int from) {
    int len = s.length() - from;
    if (len <= 0 || len % 4 != 0) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(s.substring(from));
    } catch (IllegalArgumentException e) {
      return null;
    }
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
