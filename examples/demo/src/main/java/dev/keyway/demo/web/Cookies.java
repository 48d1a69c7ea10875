package dev.keyway.demo.web;

import dev.keyway.spi.OAuthRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads cookies from the {@code Cookie} request header (RFC 6265 §5.4) and writes {@code
 * Set-Cookie}.
 */
final class Cookies {

  private Cookies() {}

  /** Every value sent for the cookie {@code name}, in order (a browser may send several). */
  static List<String> values(OAuthRequest request, String name) {
    List<String> found = new ArrayList<>();
    for (String header : request.headers("Cookie")) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
          found.add(pair.substring(eq + 1).trim());
        }
      }
    }
    return found;
  }

  /**
   * A session cookie: {@code HttpOnly} (no script can read it), {@code SameSite=Lax} (not sent on
   * cross-site POSTs), {@code Secure} when the site is served over https, host-only, path {@code
   * /}.
   */
  static String session(String name, String value, long maxAgeSeconds, boolean secure) {
    return name
        + "="
        + value
        + "; Path=/; Max-Age="
        + maxAgeSeconds
        + "; HttpOnly; SameSite=Lax"
        + (secure ? "; Secure" : "");
  }

  /** A header that deletes the cookie. */
  static String expired(String name, boolean secure) {
    return session(name, "", 0, secure);
  }
}
