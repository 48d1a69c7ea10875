package dev.keyway.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a URI must meet before it is stored on a client: redirect URIs (RFC 6749 §3.1.2, RFC
 * 8252 §7, RFC 9700 §2.1 and §4.1) and the web pages an app links to ({@code logo_uri}, {@code
 * client_uri}). Each check answers with a fixed sentence that never repeats the input.
 *
 * <p>A redirect URI must be printable ASCII of at most {@value ClientRegistry#MAX_URI_LENGTH}
 * characters, absolute, without fragment, wildcard, user information or dot segments, and use
 * {@code https}, {@code http} on a loopback host ({@code 127.0.0.1}, {@code [::1]}, {@code
 * localhost}), or a private-use scheme in reverse-domain form such as {@code com.example.app} (RFC
 * 8252 §7.1). Script-capable schemes ({@code javascript:}, {@code data:}, ...) are named as such
 * whatever their case (security catalogue RU-08).
 */
final class RedirectUriRules {

  /** Schemes that run code or read local data in a browser; refused with their own message. */
  private static final Set<String> DANGEROUS_SCHEMES =
      Set.of(
          "javascript",
          "vbscript",
          "livescript",
          "data",
          "file",
          "blob",
          "filesystem",
          "about",
          "view-source",
          "jar",
          "mhtml",
          "ms-its");

  private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");

  private RedirectUriRules() {}

  /** Why {@code uri} cannot be a redirect URI, or empty when it can. */
  static Optional<String> checkRedirectUri(String uri) {
    Optional<String> basic = checkCharacters(uri);
    if (basic.isPresent()) {
      return basic;
    }
    if (isDangerousScheme(uri)) {
      return Optional.of("This scheme can run code in a browser and is never allowed");
    }
    if (uri.indexOf('#') >= 0) {
      return Optional.of("Must not contain a fragment (RFC 6749 section 3.1.2)");
    }
    if (uri.indexOf('*') >= 0) {
      return Optional.of("Must not contain wildcards: register every URI exactly");
    }
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      return Optional.of("Is not a valid URI");
    }
    if (!parsed.isAbsolute()) {
      return Optional.of("Must be an absolute URI with a scheme");
    }
    String scheme = parsed.getScheme();
    if (!scheme.equals(scheme.toLowerCase(Locale.ROOT))) {
      return Optional.of("The scheme must be lower case");
    }
    if (scheme.equals("https") || scheme.equals("http")) {
      Optional<String> web = checkHostAndPath(parsed);
      if (web.isPresent()) {
        return web;
      }
      if (scheme.equals("http") && !LOOPBACK_HOSTS.contains(parsed.getHost())) {
        return Optional.of(
            "http is allowed only on a loopback host (127.0.0.1, [::1] or localhost); use https");
      }
      return Optional.empty();
    }
    if (scheme.indexOf('.') >= 0) {
      return checkPrivateUse(parsed);
    }
    return Optional.of(
        "The scheme must be https, http on a loopback host, or a private-use scheme in"
            + " reverse-domain form such as com.example.app (RFC 8252 section 7.1)");
  }

  /** Why {@code uri} cannot be an app's logo or home page, or empty when it can. */
  static Optional<String> checkWebUri(String uri) {
    Optional<String> basic = checkCharacters(uri);
    if (basic.isPresent()) {
      return basic;
    }
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      return Optional.of("Is not a valid URI");
    }
    String scheme = parsed.getScheme();
    if (!parsed.isAbsolute() || !(scheme.equals("https") || scheme.equals("http"))) {
      return Optional.of("Must be an absolute https URL");
    }
    Optional<String> web = checkHostAndPath(parsed);
    if (web.isPresent()) {
      return web;
    }
    if (scheme.equals("http") && !LOOPBACK_HOSTS.contains(parsed.getHost())) {
      return Optional.of("Must use https (http only on a loopback host)");
    }
    return Optional.empty();
  }

  private static Optional<String> checkCharacters(String uri) {
    if (uri == null || uri.isEmpty()) {
      return Optional.of("Must not be empty");
    }
    if (uri.length() > ClientRegistry.MAX_URI_LENGTH) {
      return Optional.of("Must be at most " + ClientRegistry.MAX_URI_LENGTH + " characters long");
    }
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c <= 0x20 || c >= 0x7F) {
        return Optional.of(
            "Must be ASCII without spaces or control characters (percent-encode anything else)");
      }
    }
    return Optional.empty();
  }

  private static boolean isDangerousScheme(String uri) {
    int colon = uri.indexOf(':');
    return colon > 0
        && DANGEROUS_SCHEMES.contains(uri.substring(0, colon).toLowerCase(Locale.ROOT));
  }

  /** Checks an http(s) URI: a real host, no user information, no dot segments. */
  private static Optional<String> checkHostAndPath(URI uri) {
    if (uri.isOpaque() || uri.getRawAuthority() == null) {
      return Optional.of("Must have a host, as in https://app.example/callback");
    }
    Optional<String> authority = checkAuthority(uri);
    if (authority.isPresent()) {
      return authority;
    }
    if (uri.getHost() == null) {
      return Optional.of("Must have a valid host name");
    }
    return checkPath(uri);
  }

  private static Optional<String> checkPrivateUse(URI uri) {
    for (String label : uri.getScheme().split("\\.", -1)) {
      if (label.isEmpty()) {
        return Optional.of(
            "A private-use scheme must be a reverse domain name such as com.example.app");
      }
    }
    if (uri.isOpaque()) {
      return Optional.empty();
    }
    if (uri.getRawAuthority() != null) {
      Optional<String> authority = checkAuthority(uri);
      if (authority.isPresent()) {
        return authority;
      }
    }
    return checkPath(uri);
  }

  private static Optional<String> checkAuthority(URI uri) {
    if (uri.getRawUserInfo() != null || uri.getRawAuthority().indexOf('@') >= 0) {
      return Optional.of("Must not contain user information (user@host)");
    }
    return Optional.empty();
  }

  /** Refuses {@code .} and {@code ..} segments, also percent-encoded or before a {@code ;}. */
  private static Optional<String> checkPath(URI uri) {
    String path = uri.getPath();
    if (path == null || path.isEmpty()) {
      return Optional.empty();
    }
    for (String segment : path.split("/", -1)) {
      int semicolon = segment.indexOf(';');
      String name = semicolon >= 0 ? segment.substring(0, semicolon) : segment;
      if (name.equals(".") || name.equals("..")) {
        return Optional.of("Must not contain dot segments (/./ or /../) in its path");
      }
    }
    return Optional.empty();
  }
}
