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
    return header.length() >= 5 && header.regionMatches(true, 0, "Basic", 0, 5)
        && (header.length() == 5 || header.charAt(5) == ' ');
  }

  /** Parses a Basic header, or empty when it is malformed in any way. */
  static Optional<BasicCredentials> parse(String header) {
    if (header.length() > MAX_HEADER_LENGTH || !isBasic(header) || header.length() < 7) {
      return Optional.empty();
    }
    String token = header.substring(6);
    if (!token.matches("[A-Za-z0-9+/]+={0,2}") || token.length() % 4 != 0) {
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
      return id.isEmpty() ? Optional.empty() : Optional.of(new BasicCredentials(id, Secret.of(secret)));
    } catch (FormDecoder.MalformedFormException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "BasicCredentials[" + clientId + ", secret=[redacted]]";
  }
}
