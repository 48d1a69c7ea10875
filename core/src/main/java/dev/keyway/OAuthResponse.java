package dev.keyway;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the host writes back: status, headers and a UTF-8 body. A host adapter copies the three onto
 * its own response in a few lines.
 *
 * <p>{@link #toString()} omits the body, which may carry tokens.
 *
 * @param status the HTTP status
 * @param headers header names to values, in order
 * @param body the body, possibly empty
 */
public record OAuthResponse(int status, Map<String, String> headers, String body) {

  /** The media type of every JSON response. */
  public static final String JSON_UTF8 = "application/json;charset=UTF-8";

  /** The headers of every JSON response, shared rather than rebuilt per response. */
  private static final Map<String, String> JSON_HEADERS = jsonHeaders();

  public OAuthResponse {
    headers =
        headers == JSON_HEADERS
            ? headers
            : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    body = Objects.requireNonNullElse(body, "");
  }

  /**
   * A JSON response that must not be cached (RFC 6749 §5.1): {@code Content-Type:
   * application/json;charset=UTF-8}, {@code Cache-Control: no-store}, {@code Pragma: no-cache}.
   */
  public static OAuthResponse json(int status, String json) {
    return new OAuthResponse(status, JSON_HEADERS, json);
  }

  private static Map<String, String> jsonHeaders() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", JSON_UTF8);
    h.put("Cache-Control", "no-store");
    h.put("Pragma", "no-cache");
    return Collections.unmodifiableMap(h);
  }

  /** A {@code 302 Found} redirect that must not be cached (never 307: RFC 9700 §4.12). */
  public static OAuthResponse redirect(URI location) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Location", location.toASCIIString());
    h.put("Cache-Control", "no-store");
    h.put("Pragma", "no-cache");
    h.put("Referrer-Policy", "no-referrer");
    return new OAuthResponse(302, h, "");
  }

  /**
   * An HTML page that must not be cached, framed or leak its URL through the referrer (RFC 9700
   * §4.2.4, §4.16).
   */
  public static OAuthResponse html(int status, String html) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "text/html;charset=UTF-8");
    h.put("Cache-Control", "no-store");
    h.put("Pragma", "no-cache");
    h.put("Referrer-Policy", "no-referrer");
    h.put("X-Frame-Options", "DENY");
    h.put(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    h.put("X-Content-Type-Options", "nosniff");
    return new OAuthResponse(status, h, html);
  }

  /** An empty response with the given status and no-store caching. */
  public static OAuthResponse empty(int status) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Cache-Control", "no-store");
    h.put("Pragma", "no-cache");
    return new OAuthResponse(status, h, "");
  }

  /** The same response with one more (or a replaced) header. */
  public OAuthResponse withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new OAuthResponse(status, h, body);
  }

  /** A header's value by exact name, or {@code null}. */
  public String header(String name) {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "OAuthResponse[" + status + ", " + headers.keySet() + "]";
  }
}
