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
    String token = header.substring(6);
    if (!isBase64(token)) {
      return Optional.empty();
    }
    String decoded;
    try {
      byte[] bytes = Base64.getDecoder().decode(token);
      decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    try {
      String id = FormDecoder.decodeComponent(decoded.substring(0, colon));
      String secret = FormDecoder.decodeComponent(decoded.substring(colon + 1));
      return id.isEmpty()
          ? Optional.empty()
          : Optional.of(new BasicCredentials(id, Secret.of(secret)));
    } catch (FormDecoder.MalformedFormException e) {
      return Optional.empty();
    }
  }

  /**
   * True for standard base64 with correct padding: {@code [A-Za-z0-9+/]+={0,2}}, length a multiple
   * of four. A plain loop, not a regular expression: this runs on every token request.
   */
  static boolean isBase64(String token) {
    int len = token.length();
    if (len == 0 || len % 4 != 0) {
      return false;
    }
    int padding = 0;
    while (padding < 2 && token.charAt(len - 1 - padding) == '=') {
      padding++;
    }
    if (padding == len) {
      return false;
    }
    for (int i = 0; i < len - padding; i++) {
      char c = token.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "BasicCredentials[" + clientId + ", secret=[redacted]]";
  }
}
