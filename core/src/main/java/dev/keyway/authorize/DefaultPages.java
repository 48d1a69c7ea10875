package dev.keyway.authorize;

import dev.keyway.OAuthError;
import dev.keyway.OAuthResponse;

/**
 * Minimal built-in pages for hosts that bring none. Every value is HTML-escaped (RFC 6749 §10.14).
 */
final class DefaultPages {

  private DefaultPages() {}

  /**
   * An error page with the error's own status (400 for a request that cannot be trusted, 500 for
   * {@code server_error}); never a redirect.
   */
  static OAuthResponse error(OAuthError error) {
    String html =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Authorization error</title>"
            + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"></head><body>"
            + "<h1>This authorization request cannot be completed</h1><p>"
            + escape(error.description() == null ? error.code().wireName() : error.description())
            + "</p><p><small>Error: "
            + escape(error.code().wireName())
            + "</small></p></body></html>";
    return OAuthResponse.html(error.status() >= 400 ? error.status() : 400, html);
  }

  /**
   * A consent page whose form posts {@code consent_id} and {@code decision} back to the URL it was
   * served from.
   */
  static OAuthResponse consent(ConsentPrompt prompt) {
    StringBuilder scopes = new StringBuilder();
    for (String s : prompt.scopes()) {
      scopes.append("<li>").append(escape(s)).append("</li>");
    }
    String html =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Authorize "
            + escape(prompt.clientName())
            + "</title>"
            + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"></head><body>"
            + "<h1>"
            + escape(prompt.clientName())
            + " wants to access your account</h1><ul>"
            + scopes
            + "</ul><form method=\"post\"><input type=\"hidden\" name=\"consent_id\" value=\""
            + escape(prompt.consentId().reveal())
            + "\">"
            + "<button name=\"decision\" value=\"allow\">Allow</button> "
            + "<button name=\"decision\" value=\"deny\">Deny</button></form></body></html>";
    return OAuthResponse.html(200, html);
  }

  /** Escapes the five HTML-significant characters. */
  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
