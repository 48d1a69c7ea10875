package dev.keyway.authorize;

import dev.keyway.internal.Parameters;
import dev.keyway.spi.OAuthRequest;
import java.net.URI;
import java.util.Optional;

/**
 * The relative reference a user returns to after signing in: the path of this authorization request
 * and its query. Nothing about the request is stored during sign-in; when the user comes back, the
 * request is validated again from scratch (RFC 9700 §4.11.2).
 *
 * <p>The path is the request's own when it is a plain absolute path, else the path of the
 * configured authorization endpoint, so a host cannot be steered into an off-site redirect by a
 * path such as {@code //evil.example}. A {@code GET}'s query is passed on as received when it is
 * plain printable ASCII; a {@code POST}'s parameters (or an unusual query) are re-encoded from the
 * parameters this endpoint reads.
 */
final class ReturnTo {

  private ReturnTo() {}

  /** {@code path?query} for this request. */
  static String of(OAuthRequest request, Parameters params, URI authorizationEndpoint) {
    String path =
        isPlainPath(request.path()) ? request.path() : endpointPath(authorizationEndpoint);
    Optional<String> raw = request.method().equals("GET") ? request.rawQuery() : Optional.empty();
    String query = raw.filter(ReturnTo::isPlainQuery).orElseGet(() -> encode(params));
    return query.isEmpty() ? path : path + "?" + query;
  }

  private static String encode(Parameters params) {
    StringBuilder sb = new StringBuilder();
    for (String name : AuthorizationRequestParser.NAMES) {
      Optional<String> value = params.get(name);
      if (value.isPresent()) {
        PercentEncoding.appendPair(sb, name, value.get());
      }
    }
    return sb.toString();
  }

  private static String endpointPath(URI endpoint) {
    String path = endpoint.getRawPath();
    return path == null || path.isEmpty() ? "/" : path;
  }

  /** An absolute path of printable ASCII, not a network-path reference ({@code //host}). */
  private static boolean isPlainPath(String path) {
    if (path == null || !path.startsWith("/") || path.startsWith("//")) {
      return false;
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x21 || c > 0x7E || c == '\\' || c == '?' || c == '#') {
        return false;
      }
    }
    return true;
  }

  private static boolean isPlainQuery(String query) {
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c < 0x21 || c > 0x7E || c == '\\' || c == '#' || c == '"' || c == '<' || c == '>') {
        return false;
      }
    }
    return true;
  }
}
