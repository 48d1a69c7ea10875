package dev.keyway.registration;

import dev.keyway.Secret;
import dev.keyway.spi.OAuthRequest;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the bearer token of a registration request from its {@code Authorization} header (RFC 6750
 * §2.1): the scheme (case-insensitive), one space, and a {@code b64token}. Tokens in the query or
 * body are not accepted.
 */
final class BearerCredential {

  private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
  private static final int MAX_HEADER_LENGTH = 4096;

  private BearerCredential() {}

  /** What the header holds. */
  sealed interface Result {}

  /** No bearer credentials at all (no header, or another scheme). */
  record Absent() implements Result {}

  /** More than one header, or a bearer header that is not well formed. */
  record Malformed() implements Result {}

  /** A well-formed token. */
  record Present(Secret token) implements Result {}

  static Result read(OAuthRequest request) {
    List<String> headers = request.headers("Authorization");
    if (headers.isEmpty()) {
      return new Absent();
    }
    if (headers.size() > 1) {
      return new Malformed();
    }
    String header = headers.get(0);
    if (header.length() < 6
        || !header.regionMatches(true, 0, "Bearer", 0, 6)
        || (header.length() > 6 && header.charAt(6) != ' ')) {
      return new Absent();
    }
    if (header.length() > MAX_HEADER_LENGTH || header.length() < 8) {
      return new Malformed();
    }
    String token = header.substring(7);
    return B64TOKEN.matcher(token).matches() ? new Present(Secret.of(token)) : new Malformed();
  }
}
