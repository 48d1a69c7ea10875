package dev.keyway.authorize;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a requested {@code redirect_uri} is one the client registered (RFC 6749 §3.1.2.3,
 * RFC 9700 §4.1.3): simple string comparison, character for character, with no normalisation of
 * case, percent-encoding, default ports or dot-segments.
 *
 * <p>The one exception is RFC 8252 §7.3: a registered {@code http://127.0.0.1[:port]/...} or {@code
 * http://[::1][:port]/...} also matches the same string with any other port. The loopback form is
 * parsed by hand and strictly (exact scheme and host literal, decimal port, then nothing but the
 * path and query), so {@code http://127.0.0.1@evil.example/} or {@code
 * http://127.0.0.1.evil.example/} never qualify. {@code localhost} gets no port variance (RFC 8252
 * §8.3).
 *
 * <p>Independently of registration, a URI is only ever used if it is printable ASCII, absolute and
 * hierarchical, has no fragment or userinfo, does not use a script-capable scheme, and uses {@code
 * http} only for a loopback or localhost host: a bad registration cannot turn Keyway into an open
 * or script redirector.
 */
final class RedirectUriMatcher {

  private static final Set<String> FORBIDDEN_SCHEMES =
      Set.of("javascript", "data", "vbscript", "file");
  private static final Set<String> LOCAL_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");

  private RedirectUriMatcher() {}

  /** A loopback redirect URI split into its host literal and everything after the port. */
  record Loopback(String host, String pathAndQuery) {}

  /**
   * The redirect URI to use for {@code requested}: {@code requested} itself when it is usable and
   * equals a registered URI, or differs from a registered loopback URI only in its port.
   */
  static Optional<String> match(List<String> registered, String requested) {
    if (!isUsable(requested)) {
      return Optional.empty();
    }
    for (String r : registered) {
      if (r.equals(requested)) {
        return Optional.of(requested);
      }
    }
    Optional<Loopback> asked = parseLoopback(requested);
    if (asked.isEmpty()) {
      return Optional.empty();
    }
    for (String r : registered) {
      Optional<Loopback> reg = parseLoopback(r);
      if (reg.isPresent() && reg.get().equals(asked.get())) {
        return Optional.of(requested);
      }
    }
    return Optional.empty();
  }

  /**
   * The redirect URI to use when the request names none: the client's only registered URI, if it
   * has exactly one and it is usable (RFC 6749 §3.1.2.3).
   */
  static Optional<String> sole(List<String> registered) {
    if (registered.size() != 1 || !isUsable(registered.get(0))) {
      return Optional.empty();
    }
    return Optional.of(registered.get(0));
  }

  /**
   * Parses {@code http://127.0.0.1[:port]<rest>} or {@code http://[::1][:port]<rest>}, where the
   * port is 1 to 65535 in plain decimal and {@code rest} is empty or starts with {@code /} or
   * {@code ?}. Anything else is not a loopback redirect URI.
   */
  static Optional<Loopback> parseLoopback(String uri) {
    String prefix = "http://";
    if (uri == null || !uri.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = uri.substring(prefix.length());
    String host;
    if (rest.startsWith("127.0.0.1")) {
      host = "127.0.0.1";
    } else if (rest.startsWith("[::1]")) {
      host = "[::1]";
    } else {
      return Optional.empty();
    }
    int i = host.length();
    if (i < rest.length() && rest.charAt(i) == ':') {
      int j = i + 1;
      while (j < rest.length() && rest.charAt(j) >= '0' && rest.charAt(j) <= '9') {
        j++;
      }
      if (!isPort(rest.substring(i + 1, j))) {
        return Optional.empty();
      }
      i = j;
    }
    String tail = rest.substring(i);
    if (!tail.isEmpty() && tail.charAt(0) != '/' && tail.charAt(0) != '?') {
      return Optional.empty();
    }
    return Optional.of(new Loopback(host, tail));
  }

  /**
   * True when {@code uri} may be redirected to at all: printable ASCII with no {@code #} or {@code
   * \}, a parsable absolute hierarchical URI without userinfo, not a script-capable scheme, with a
   * host for http(s), and http only for loopback or localhost.
   */
  static boolean isUsable(String uri) {
    if (uri == null || uri.isEmpty()) {
      return false;
    }
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c < 0x21 || c > 0x7E || c == '#' || c == '\\') {
        return false;
      }
    }
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      return false;
    }
    if (!parsed.isAbsolute() || parsed.isOpaque() || parsed.getRawFragment() != null) {
      return false;
    }
    String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
    if (FORBIDDEN_SCHEMES.contains(scheme)) {
      return false;
    }
    String authority = parsed.getRawAuthority();
    if (authority != null && (authority.contains("@") || parsed.getHost() == null)) {
      return false;
    }
    if (scheme.equals("https")) {
      return parsed.getHost() != null;
    }
    if (scheme.equals("http")) {
      return parsed.getHost() != null && LOCAL_HOSTS.contains(parsed.getHost());
    }
    return true; // a private-use scheme of a native app (RFC 8252 §7.1)
  }

  private static boolean isPort(String digits) {
    if (digits.isEmpty() || digits.length() > 5 || digits.charAt(0) == '0') {
      return false;
    }
    int port = Integer.parseInt(digits);
    return port >= 1 && port <= 65535;
  }
}
