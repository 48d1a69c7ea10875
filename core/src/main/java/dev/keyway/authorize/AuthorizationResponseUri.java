package dev.keyway.authorize;

import dev.keyway.OAuthError;
import dev.keyway.Secret;
import java.net.URI;

/**
 * Builds the {@code Location} of an authorization response (RFC 6749 §4.1.2 and §4.1.2.1, RFC 9207
 * §2): the validated redirect URI as it was matched, with the response parameters appended to its
 * query (an existing query is kept, RFC 6749 §3.1.2), each value percent-encoded so that {@code
 * state} round-trips byte-exactly and the header is pure ASCII. Responses always use the query,
 * never a fragment, and always carry {@code iss}.
 */
final class AuthorizationResponseUri {

  private AuthorizationResponseUri() {}

  /** A successful response: {@code code}, {@code state} (when sent) and {@code iss}. */
  static URI success(String redirectUri, Secret code, String state, String issuer) {
    StringBuilder params = new StringBuilder();
    PercentEncoding.appendPair(params, "code", code.reveal());
    appendStateAndIssuer(params, state, issuer);
    return build(redirectUri, params);
  }

  /**
   * An error response: {@code error}, {@code error_description} (when set), {@code state} (when
   * sent) and {@code iss}.
   */
  static URI error(String redirectUri, OAuthError error, String state, String issuer) {
    StringBuilder params = new StringBuilder();
    PercentEncoding.appendPair(params, "error", error.code().wireName());
    if (error.description() != null) {
      PercentEncoding.appendPair(params, "error_description", error.description());
    }
    appendStateAndIssuer(params, state, issuer);
    return build(redirectUri, params);
  }

  private static void appendStateAndIssuer(StringBuilder params, String state, String issuer) {
    if (state != null) {
      PercentEncoding.appendPair(params, "state", state);
    }
    PercentEncoding.appendPair(params, "iss", issuer);
  }

  private static URI build(String redirectUri, CharSequence params) {
    StringBuilder location = new StringBuilder(redirectUri.length() + params.length() + 1);
    location.append(redirectUri);
    if (redirectUri.indexOf('?') < 0) {
      location.append('?');
    } else if (!redirectUri.endsWith("?") && !redirectUri.endsWith("&")) {
      location.append('&');
    }
    location.append(params);
    // The redirect URI passed RedirectUriMatcher.isUsable (a parsable ASCII URI) and every
    // appended character is unreserved, '%', '=' or '&', so this cannot fail.
    return URI.create(location.toString());
  }
}
