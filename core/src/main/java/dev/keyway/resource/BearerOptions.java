package dev.keyway.resource;

/**
 * How a {@link BearerTokenValidator} reads requests. Start from {@link #defaults()}:
 *
 * <pre>{@code
 * BearerTokenValidator api =
 *     server.bearerTokens().withOptions(BearerOptions.defaults().withRealm("api"));
 * }</pre>
 *
 * @param realm the {@code realm} of every {@code WWW-Authenticate: Bearer} challenge, or {@code
 *     null} for the issuer's host name; visible ASCII without {@code "} or {@code \}
 * @param formBody whether a token in a form body ({@code access_token}, RFC 6750 §2.2) is accepted;
 *     off by default, and never for {@code GET}. A token in the query string (§2.3) is never
 *     accepted (OAuth 2.1 §5.1, RFC 9700 §4.3.2).
 */
public record BearerOptions(String realm, boolean formBody) {

  public BearerOptions {
    if (realm != null && !isQuotable(realm)) {
      throw new IllegalArgumentException(
          "realm must be non-empty visible ASCII without '\"' or '\\' (it is a quoted-string)");
    }
  }

  /** The defaults: the issuer's host as realm, {@code Authorization} header only. */
  public static BearerOptions defaults() {
    return new BearerOptions(null, false);
  }

  /** The same options with another realm. */
  public BearerOptions withRealm(String newRealm) {
    return new BearerOptions(newRealm, formBody);
  }

  /** The same options, accepting or refusing the form-body method of RFC 6750 §2.2. */
  public BearerOptions withFormBody(boolean accept) {
    return new BearerOptions(realm, accept);
  }

  private static boolean isQuotable(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }
}
